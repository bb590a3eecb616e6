import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import type { TestResult, TestStep } from '../../../src-shared/contract/index.js';
import type { FerryError } from '../errors.js';
import type { Clock } from '../logger.js';
import { createS3Client } from './client.js';
import type { ConnectionProfile, Credentials } from './profile.js';
import { translateError } from './translate.js';

const STEP_TIMEOUT_MS = 5_000;

/** The URL the endpoint step reaches: the profile's endpoint, or AWS's regional one. */
function baseUrl(profile: ConnectionProfile): string {
  return profile.endpoint || `https://s3.${profile.region}.amazonaws.com`;
}

/** One plain GET with the profile's TLS settings; resolves to the status code. */
function probe(url: string, profile: ConnectionProfile): Promise<number> {
  return new Promise((resolve, reject) => {
    const secure = url.startsWith('https:');
    const options: https.RequestOptions = {
      method: 'GET',
      timeout: STEP_TIMEOUT_MS,
      ...(secure && profile.caFile ? { ca: readFileSync(profile.caFile) } : {}),
      ...(secure ? { rejectUnauthorized: !profile.allowInsecureTls } : {}),
    };
    const req = (secure ? https : http).request(url, options, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * "Test connection": reach the endpoint, try the RustFS/MinIO health paths, then ListBuckets with the
 * keys. Reports each step; once one fails the rest are skipped, so the user sees where it broke.
 */
export async function testConnection(
  profile: ConnectionProfile,
  credentials: Credentials,
  clock: Clock,
): Promise<TestResult> {
  const endpoint = baseUrl(profile);
  const steps: TestStep[] = [];
  let failed = false;
  let bucketCount: number | null = null;
  const step = async (
    id: TestStep['id'],
    label: string,
    run: () => Promise<{ status?: TestStep['status']; detail: string }>,
  ) => {
    if (failed) {
      steps.push({
        id,
        label,
        status: 'skipped',
        detail: 'skipped after an earlier failure',
        error: null,
        durationMs: 0,
      });
      return;
    }
    const started = clock.now();
    try {
      const { status = 'ok', detail } = await run();
      steps.push({ id, label, status, detail, error: null, durationMs: clock.now() - started });
    } catch (error) {
      failed = true;
      const fe: FerryError = translateError(error, { endpoint });
      steps.push({
        id,
        label,
        status: 'failed',
        detail: fe.message,
        error: fe.toData(),
        durationMs: clock.now() - started,
      });
    }
  };

  await step('endpoint', `Reach ${endpoint}`, async () => {
    const status = await probe(endpoint, profile);
    return { detail: `the server answered HTTP ${status}` };
  });
  await step('health', 'Check the RustFS/MinIO health endpoint', async () => {
    if (!profile.endpoint) return { status: 'skipped', detail: 'not applicable to AWS' };
    for (const path of ['/health', '/minio/health/live']) {
      const status = await probe(`${endpoint}${path}`, profile);
      if (status >= 200 && status < 300) return { detail: `${path} answered HTTP ${status}` };
    }
    return {
      status: 'skipped',
      detail: 'no health endpoint (the server is not RustFS or MinIO); that is fine',
    };
  });
  await step('auth', 'Sign in and list buckets', async () => {
    const client = createS3Client(profile, credentials, {
      maxAttempts: 1,
      connectionTimeoutMs: STEP_TIMEOUT_MS,
      requestTimeoutMs: STEP_TIMEOUT_MS,
    });
    try {
      const out = await client.send(new ListBucketsCommand({}));
      bucketCount = out.Buckets?.length ?? 0;
      return { detail: `${bucketCount} bucket${bucketCount === 1 ? '' : 's'} visible` };
    } finally {
      client.destroy();
    }
  });
  return { ok: !failed, steps, bucketCount };
}
