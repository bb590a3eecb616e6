import type { Profile } from '../../../src-shared/contract/index.js';
import { FerryError } from '../errors.js';

/** Access key pair; the secret lives only here and in the secret store, never in a Profile. */
export interface Credentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/** A profile plus the local-only connection settings the renderer does not need to see. */
export interface ConnectionProfile extends Profile {
  caFile?: string;
  allowInsecureTls?: boolean;
}

export const DEFAULT_REGION = 'us-east-1';

/** True for AWS's own endpoints (or none, meaning AWS). Everything else gets third-party defaults. */
export function isAwsEndpoint(endpoint: string): boolean {
  if (!endpoint) return true;
  try {
    return /(^|\.)amazonaws\.com(\.cn)?$/i.test(new URL(endpoint).hostname);
  } catch {
    return false;
  }
}

/** Validates an endpoint URL and returns its canonical form (no trailing slash). */
export function parseEndpoint(raw: string): string {
  const value = raw.trim();
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw FerryError.of('InvalidEndpoint', 'endpoint.invalid', { endpoint: value });
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw FerryError.of('InvalidEndpoint', 'endpoint.scheme', {
      scheme: url.protocol.replace(':', ''),
    });
  }
  if (url.username || url.password) {
    throw FerryError.of('InvalidEndpoint', 'endpoint.credentials');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw FerryError.of('InvalidEndpoint', 'endpoint.path', {
      endpoint: value,
      base: `${url.protocol}//${url.host}`,
    });
  }
  return `${url.protocol}//${url.host}`;
}

/**
 * The profile named `environment`, from the AWS conventions (AWS_ENDPOINT_URL, AWS_ACCESS_KEY_ID,
 * AWS_SECRET_ACCESS_KEY, AWS_REGION), so `ferry serve` and the CLI open straight onto that server.
 */
export function environmentProfile(
  env: Record<string, string | undefined>,
): { profile: ConnectionProfile; credentials: Credentials } | undefined {
  const accessKeyId = env['AWS_ACCESS_KEY_ID'];
  const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
  if (!accessKeyId || !secretAccessKey) return undefined;
  const endpoint = env['AWS_ENDPOINT_URL_S3'] || env['AWS_ENDPOINT_URL'] || '';
  const aws = isAwsEndpoint(endpoint);
  const profile: ConnectionProfile = {
    id: 'environment',
    name: 'environment',
    endpoint: endpoint ? parseEndpoint(endpoint) : '',
    region: env['AWS_REGION'] || env['AWS_DEFAULT_REGION'] || DEFAULT_REGION,
    pathStyle: !aws,
    checksumMode: aws ? 'WHEN_SUPPORTED' : 'WHEN_REQUIRED',
    accessKeyId,
    source: 'environment',
  };
  const sessionToken = env['AWS_SESSION_TOKEN'];
  return {
    profile,
    credentials: { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) },
  };
}
