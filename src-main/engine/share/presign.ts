import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import {
  MAX_SHARE_SECONDS,
  MIN_SHARE_SECONDS,
  type ShareLink,
} from '../../../src-shared/contract/index.js';
import { translateError } from '../connection/translate.js';
import { invalid } from '../errors.js';
import type { Clock } from '../logger.js';
import { assertBucketName, assertKey } from '../objects/names.js';
import { qrSvg } from './qr.js';

export interface PresignOptions {
  bucket: string;
  key: string;
  method: 'GET' | 'PUT';
  expiresInSeconds: number;
  /** For PUT: the Content-Type the uploader must send (it is signed). */
  contentType?: string | undefined;
  endpoint?: string;
}

/** Quotes a string for a POSIX shell. */
export function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function describe(seconds: number): string {
  return seconds % 86400 === 0
    ? `${seconds / 86400} days`
    : seconds % 3600 === 0
      ? `${seconds / 3600} hours`
      : `${seconds} seconds`;
}

/** Refuses an expiry outside 1 minute – 7 days, saying why. */
export function checkExpiry(seconds: number): void {
  if (!Number.isInteger(seconds) || seconds < MIN_SHARE_SECONDS) {
    throw invalid('share.tooShort', { seconds });
  }
  if (seconds > MAX_SHARE_SECONDS) {
    throw invalid('share.tooLong', { duration: describe(seconds) });
  }
}

/**
 * A presigned GET (download) or PUT (upload) link, with a ready curl command and a QR code. Signed
 * locally: nothing is sent to the server, so a link for a missing object is still made (GET answers 404).
 */
export async function presign(
  client: S3Client,
  o: PresignOptions,
  clock: Clock,
): Promise<ShareLink> {
  assertBucketName(o.bucket);
  assertKey(o.key, o.method === 'PUT');
  checkExpiry(o.expiresInSeconds);
  const signingDate = new Date(clock.now());
  const command =
    o.method === 'GET'
      ? new GetObjectCommand({ Bucket: o.bucket, Key: o.key })
      : new PutObjectCommand({
          Bucket: o.bucket,
          Key: o.key,
          ...(o.contentType ? { ContentType: o.contentType } : {}),
        });
  let url: string;
  try {
    url = await getSignedUrl(client, command, { expiresIn: o.expiresInSeconds, signingDate });
  } catch (error) {
    throw translateError(error, { endpoint: o.endpoint, bucket: o.bucket, key: o.key });
  }
  const name = o.key.slice(o.key.lastIndexOf('/') + 1) || 'download';
  // curl squashes "." and ".." segments out of a path, which breaks the signature: keep the path as signed.
  const curlOf = /(^|\/)\.\.?(\/|$)/.test(o.key) ? 'curl --path-as-is' : 'curl';
  const curl =
    o.method === 'GET'
      ? `${curlOf} -o ${shellQuote(name)} ${shellQuote(url)}`
      : `${curlOf} -X PUT --upload-file ${shellQuote(name)}${o.contentType ? ` -H ${shellQuote(`Content-Type: ${o.contentType}`)}` : ''} ${shellQuote(url)}`;
  return {
    url,
    method: o.method,
    expiresAt: new Date(signingDate.getTime() + o.expiresInSeconds * 1000).toISOString(),
    expiresInSeconds: o.expiresInSeconds,
    curl,
    qrSvg: qrSvg(url),
  };
}
