import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import type { TestResult, TestStep } from '../../../src-shared/contract/index.js';
import type { FerryError } from '../errors.js';
import type { Clock } from '../logger.js';
import { createS3Client } from './client.js';
import type { ConnectionProfile, Credentials } from './profile.js';
import { detectServer } from './servers.js';
import { translateError } from './translate.js';

const STEP_TIMEOUT_MS = 5_000;

/** The URL the endpoint step reaches: the profile's endpoint, or AWS's regional one. */
function baseUrl(profile: ConnectionProfile): string {
  return profile.endpoint || `https://s3.${profile.region}.amazonaws.com`;
}

/** What a plain GET got back: the status, and the headers (names in lower case) that tell servers apart. */
interface ProbeAnswer {
  status: number;
  headers: Record<string, string | undefined>;
}

/** One plain GET with the profile's TLS settings. */
function probe(url: string, profile: ConnectionProfile): Promise<ProbeAnswer> {
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
      const headers: ProbeAnswer['headers'] = {};
      for (const [name, value] of Object.entries(res.headers)) {
        headers[name] = Array.isArray(value) ? value.join(', ') : value;
      }
      resolve({ status: res.statusCode ?? 0, headers });
    });
    req.on('timeout', () =>
      req.destroy(Object.assign(new Error('timeout'), { code: 'ETIMEDOUT' })),
    );
    req.on('error', reject);
    req.end();
  });
}

type Outcome = Pick<TestStep, 'detail' | 'detailKey' | 'detailParams'> & {
  status?: TestStep['status'];
};

/** Runs steps in order, timing each; after a failure the remaining ones are recorded as skipped. */
class StepRunner {
  readonly steps: TestStep[] = [];
  #failed = false;

  constructor(
    private readonly clock: Clock,
    private readonly endpoint: string,
  ) {}

  get ok(): boolean {
    return !this.#failed;
  }

  async run(id: TestStep['id'], label: string, body: () => Promise<Outcome>): Promise<void> {
    const base = { id, label, error: null, durationMs: 0 };
    if (this.#failed) {
      this.steps.push({
        ...base,
        status: 'skipped',
        detail: 'skipped after an earlier failure',
        detailKey: 'skipped',
      });
      return;
    }
    const started = this.clock.now();
    try {
      const { status = 'ok', ...outcome } = await body();
      this.steps.push({ ...base, status, ...outcome, durationMs: this.clock.now() - started });
    } catch (error) {
      this.#failed = true;
      const fe: FerryError = translateError(error, { endpoint: this.endpoint });
      const durationMs = this.clock.now() - started;
      this.steps.push({
        ...base,
        status: 'failed',
        detail: fe.message,
        error: fe.toData(),
        durationMs,
      });
    }
  }
}

async function reachEndpoint(
  endpoint: string,
  profile: ConnectionProfile,
  seen: (headers: ProbeAnswer['headers']) => void,
): Promise<Outcome> {
  const { status, headers } = await probe(endpoint, profile);
  seen(headers);
  if (profile.allowInsecureTls && endpoint.startsWith('https:')) {
    return {
      status: 'warning',
      detail: `the server answered HTTP ${status}, but its certificate is not checked (insecure TLS is allowed for this profile)`,
      detailKey: 'answeredInsecure',
      detailParams: { status },
    };
  }
  return {
    detail: `the server answered HTTP ${status}`,
    detailKey: 'answered',
    detailParams: { status },
  };
}

async function checkHealth(endpoint: string, profile: ConnectionProfile): Promise<Outcome> {
  if (!profile.endpoint) {
    return { status: 'skipped', detail: 'not applicable to AWS', detailKey: 'notAws' };
  }
  for (const path of ['/health', '/minio/health/live']) {
    const { status } = await probe(`${endpoint}${path}`, profile);
    if (status >= 200 && status < 300) {
      return {
        detail: `${path} answered HTTP ${status}`,
        detailKey: 'healthOk',
        detailParams: { path, status },
      };
    }
  }
  return {
    status: 'skipped',
    detail: 'no health endpoint (the server is not RustFS or MinIO); that is fine',
    detailKey: 'noHealth',
  };
}

/** ListBuckets with one attempt and short timeouts: the keys either work or the user learns why now. */
async function countBuckets(profile: ConnectionProfile, credentials: Credentials): Promise<number> {
  const client = createS3Client(profile, credentials, {
    maxAttempts: 1,
    connectionTimeoutMs: STEP_TIMEOUT_MS,
    requestTimeoutMs: STEP_TIMEOUT_MS,
  });
  try {
    return (await client.send(new ListBucketsCommand({}))).Buckets?.length ?? 0;
  } finally {
    client.destroy();
  }
}

/**
 * "Test connection": reach the endpoint, try the RustFS/MinIO health paths, then ListBuckets with the
 * keys. Reports each step; once one fails the rest are skipped, so the user sees where it broke. Also says
 * which server answered (from the first answer's headers, else the endpoint or preset) and what it lacks.
 */
export async function testConnection(
  profile: ConnectionProfile,
  credentials: Credentials,
  clock: Clock,
): Promise<TestResult> {
  const endpoint = baseUrl(profile);
  const runner = new StepRunner(clock, endpoint);
  let bucketCount: number | null = null;
  let headers: ProbeAnswer['headers'] | undefined;
  await runner.run('endpoint', `Reach ${endpoint}`, () =>
    reachEndpoint(endpoint, profile, (seen) => (headers = seen)),
  );
  await runner.run('health', 'Check the RustFS/MinIO health endpoint', () =>
    checkHealth(endpoint, profile),
  );
  await runner.run('auth', 'Sign in and list buckets', async () => {
    bucketCount = await countBuckets(profile, credentials);
    return {
      detail: `${bucketCount} bucket${bucketCount === 1 ? '' : 's'} visible`,
      detailKey: 'buckets',
      detailParams: { count: bucketCount },
    };
  });
  return {
    ok: runner.ok,
    steps: runner.steps,
    bucketCount,
    server: detectServer(profile, headers),
  };
}
