// Starts and stops a throwaway Ceph RADOS Gateway through scripts/gateway.sh, which does the real
// work (ports, config, daemons, the S3 user) and prints the endpoint and keys as FERRY_GATEWAY_* lines.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Resolved from this file, not from the working directory: vitest, the benchmarks and a
// developer's shell all start from different places.
const script = fileURLToPath(new URL('../../scripts/gateway.sh', import.meta.url));

/** A running throwaway gateway: where it listens, the keys of its one S3 user, and how to stop it. */
export interface Gateway {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
  dir: string;
  stop(): Promise<void>;
}

/** Starts a gateway (memstore by default, ~1 s; bluestore on a sparse file for benchmarks, ~2 s). */
export async function startGateway(
  options: { dir?: string; backend?: 'memstore' | 'bluestore' } = {},
): Promise<Gateway> {
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(path.join(os.tmpdir(), 'ferry-gateway-')));
  const args = ['start', dir, ...(options.backend === 'bluestore' ? ['--bluestore'] : [])];

  let stdout: string;
  try {
    ({ stdout } = await run(script, args, 120_000));
  } catch (error) {
    // The script has printed the log tails (now in the message) and stopped its daemons, unless
    // it was itself killed by the timeout; a directory we made must not pile up in /tmp either.
    if (ownDir) {
      await run(script, ['stop', dir], 60_000).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
    throw error;
  }

  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const match = /^FERRY_GATEWAY_([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) values.set(match[1]!, match[2]!);
  }
  const keys = ['ENDPOINT', 'ACCESS_KEY', 'SECRET_KEY', 'REGION'] as const;
  const missing = keys.filter((key) => !values.get(key));
  if (missing.length > 0) {
    // Started but unusable: do not leave its daemons running.
    await run(script, ['stop', dir], 60_000).catch(() => undefined);
    throw new Error(
      `gateway.sh printed no FERRY_GATEWAY_${missing.join('/')}; it printed:\n${stdout}`,
    );
  }
  const need = (key: (typeof keys)[number]): string => values.get(key)!;

  let stopping: Promise<void> | undefined;
  const stopSync = (): void => {
    // A runner that exits without calling stop() must not leave three daemons behind; 'exit'
    // handlers can only do synchronous work.
    try {
      execFileSync('bash', [script, 'stop', dir], { stdio: 'ignore', timeout: 30_000 });
    } catch {
      // Nothing more can be done while the process exits.
    }
  };
  process.once('exit', stopSync);

  return {
    endpoint: need('ENDPOINT'),
    accessKey: need('ACCESS_KEY'),
    secretKey: need('SECRET_KEY'),
    region: need('REGION'),
    dir,
    stop() {
      // Idempotent: teardown code paths often call stop() twice.
      stopping ??= run(script, ['stop', dir], 60_000).then(() => {
        process.removeListener('exit', stopSync);
      });
      return stopping;
    },
  };
}

/** Runs gateway.sh; a failure carries the script's stderr (the daemons' log tails) in its message. */
function run(
  file: string,
  args: string[],
  timeout: number,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // Through bash rather than the shebang, so a checkout without the executable bit still works.
    execFile('bash', [file, ...args], { timeout, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (!error) return resolve({ stdout, stderr });
      const how = error.killed
        ? `timed out after ${timeout} ms`
        : `exit code ${String(error.code)}`;
      reject(new Error(`gateway.sh ${args.join(' ')}: ${how}\n${stderr.trim()}`));
    });
  });
}
