import {
  DeleteBucketCorsCommand,
  GetBucketCorsCommand,
  PutBucketCorsCommand,
  type CORSRule,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { CorsRule } from '../../../src-shared/contract/index.js';
import { invalid } from '../errors.js';
import { assertBucketName } from '../objects/names.js';
import { configError, expecting, s3Code } from './answers.js';

const METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD']);

function fromSdk(rule: CORSRule): CorsRule {
  return {
    ...(rule.ID ? { id: rule.ID } : {}),
    allowedOrigins: rule.AllowedOrigins ?? [],
    allowedMethods: (rule.AllowedMethods ?? [])
      .map((m) => m.toUpperCase())
      .filter((m): m is CorsRule['allowedMethods'][number] => METHODS.has(m)),
    allowedHeaders: rule.AllowedHeaders ?? [],
    exposeHeaders: rule.ExposeHeaders ?? [],
    maxAgeSeconds: rule.MaxAgeSeconds ?? null,
  };
}

function toSdk(rule: CorsRule): CORSRule {
  return {
    ...(rule.id ? { ID: rule.id } : {}),
    AllowedOrigins: rule.allowedOrigins,
    AllowedMethods: rule.allowedMethods,
    ...(rule.allowedHeaders.length ? { AllowedHeaders: rule.allowedHeaders } : {}),
    ...(rule.exposeHeaders.length ? { ExposeHeaders: rule.exposeHeaders } : {}),
    ...(rule.maxAgeSeconds !== null ? { MaxAgeSeconds: rule.maxAgeSeconds } : {}),
  };
}

/** The bucket's CORS rules (none when it has no configuration). */
export async function getCors(
  client: S3Client,
  bucket: string,
  endpoint: string,
): Promise<CorsRule[]> {
  assertBucketName(bucket);
  try {
    const out = await client.send(
      expecting(new GetBucketCorsCommand({ Bucket: bucket }), 'CORSConfiguration', 'cors'),
    );
    return (out.CORSRules ?? []).map(fromSdk);
  } catch (error) {
    if (s3Code(error) === 'NoSuchCORSConfiguration') return [];
    throw configError(error, 'cors', { endpoint, bucket });
  }
}

/** Replaces the bucket's CORS rules; none deletes the configuration. */
export async function setCors(
  client: S3Client,
  bucket: string,
  rules: CorsRule[],
  endpoint: string,
): Promise<CorsRule[]> {
  assertBucketName(bucket);
  try {
    if (rules.length === 0) await client.send(new DeleteBucketCorsCommand({ Bucket: bucket }));
    else
      await client.send(
        new PutBucketCorsCommand({
          Bucket: bucket,
          CORSConfiguration: { CORSRules: rules.map(toSdk) },
        }),
      );
  } catch (error) {
    throw configError(error, 'cors', { endpoint, bucket });
  }
  return getCors(client, bucket, endpoint);
}

/** `https://app.example.com/` → `https://app.example.com`; anything but a web origin is refused. */
export function webOrigin(text: string): string {
  const refuse = () => invalid('config.cors.badOrigin', { origin: text });
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw refuse();
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username;
  if ((url.protocol !== 'https:' && url.protocol !== 'http:') || !bare) throw refuse();
  return url.origin;
}

/**
 * The rule a web page at `origin` needs to upload with a presigned PUT link: the browser's preflight asks
 * for PUT with the page's headers (Content-Type at least), and the page reads the ETag of the answer.
 */
export function uploadRule(origin: string): CorsRule {
  return {
    id: `ferry upload from ${origin}`.slice(0, 255),
    allowedOrigins: [origin],
    allowedMethods: ['PUT'],
    allowedHeaders: ['*'],
    exposeHeaders: ['ETag'],
    maxAgeSeconds: 3000,
  };
}

/**
 * Adds the presigned-upload rule for `origin` (replacing an earlier one for the same origin), first in
 * the list: Ceph RGW answers a preflight from the first rule whose origin matches, so a `*` GET rule
 * placed before it would hide it.
 */
export async function allowUploads(
  client: S3Client,
  bucket: string,
  origin: string,
  endpoint: string,
): Promise<CorsRule[]> {
  const rule = uploadRule(webOrigin(origin));
  const rules = (await getCors(client, bucket, endpoint)).filter((r) => r.id !== rule.id);
  return setCors(client, bucket, [rule, ...rules], endpoint);
}
