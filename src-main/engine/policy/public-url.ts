import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import type { PublicLink } from '../../../src-shared/contract/index.js';
import { transportOf } from '../connection/client.js';
import { translateError } from '../connection/translate.js';
import { assertBucketName, assertKey } from '../objects/names.js';

/**
 * The permanent URL of an object: the address the client itself would use (path-style or a bucket host, as
 * the profile says, with the key encoded the SDK's way), without a signature. It never expires; it works
 * for as long as a bucket policy lets anyone read the object.
 */
export async function publicUrl(
  client: S3Client,
  bucket: string,
  key: string,
  endpoint?: string,
): Promise<string> {
  assertBucketName(bucket);
  assertKey(key, false);
  try {
    // Presigning is local: the URL the SDK would request, whose query holds only the signature.
    const signed = await getSignedUrl(client, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: 60,
    });
    const url = new URL(signed);
    url.search = '';
    return url.toString();
  } catch (error) {
    throw translateError(error, { endpoint, bucket, key });
  }
}

/** The status of an anonymous HEAD of a URL (no signature), through the client's own sockets; 0 if none. */
export function anonymousStatus(
  client: S3Client,
  url: string,
  timeoutMs = 10_000,
): Promise<number> {
  const transport = transportOf(client);
  const secure = url.startsWith('https:');
  const request = secure ? httpsRequest : httpRequest;
  const agent = secure ? transport?.httpsAgent : transport?.httpAgent;
  return new Promise((resolve) => {
    const req = request(url, { method: 'HEAD', ...(agent ? { agent } : {}) }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.setTimeout(timeoutMs, () => req.destroy());
    req.on('error', () => resolve(0));
    req.end();
  });
}

/** The public link of an object and whether anyone can open it now. */
export async function publicLink(
  client: S3Client,
  bucket: string,
  key: string,
  endpoint?: string,
): Promise<PublicLink> {
  const url = await publicUrl(client, bucket, key, endpoint);
  const status = await anonymousStatus(client, url);
  return { url, status, reachable: status >= 200 && status < 300 };
}
