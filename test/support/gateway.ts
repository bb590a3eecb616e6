// Starts and stops a throwaway S3 server for the tests: a Ceph RADOS Gateway through scripts/gateway.sh,
// or OpenStack Swift with s3api through scripts/swift.sh. The scripts do the real work (ports, config,
// daemons, the S3 user) and print the endpoint and keys as FERRY_GATEWAY_* / FERRY_SWIFT_* lines.
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The S3 servers the tests run against. */
export type ServerKind = 'ceph' | 'swift';

/** Each kind's script (resolved from this file: vitest, the benchmarks and a shell start elsewhere). */
const servers = {
  ceph: {
    script: fileURLToPath(new URL('../../scripts/gateway.sh', import.meta.url)),
    prefix: 'FERRY_GATEWAY_',
  },
  swift: {
    script: fileURLToPath(new URL('../../scripts/swift.sh', import.meta.url)),
    prefix: 'FERRY_SWIFT_',
  },
} as const;

/** The environment-variable prefix of a kind's lines (FERRY_GATEWAY_ for Ceph, FERRY_SWIFT_ for Swift). */
export function envPrefix(kind: ServerKind): string {
  return servers[kind].prefix;
}

/** A running throwaway server: where it listens, the keys of its one S3 user, and how to stop it. */
export interface Gateway {
  kind: ServerKind;
  endpoint: string;
  accessKey: string;
  secretKey: string;
  region: string;
  dir: string;
  stop(): Promise<void>;
}

/** Starts a Ceph gateway (memstore by default, ~1 s; bluestore on a sparse file for benchmarks, ~2 s). */
export function startGateway(
  options: { dir?: string; backend?: 'memstore' | 'bluestore' } = {},
): Promise<Gateway> {
  return startServer('ceph', {
    dir: options.dir,
    args: options.backend === 'bluestore' ? ['--bluestore'] : [],
  });
}

/** Starts Swift 2.30 + s3api, all four servers in one Python process (~2 s). */
export function startSwift(options: { dir?: string } = {}): Promise<Gateway> {
  return startServer('swift', { dir: options.dir, args: [] });
}

/** Starts a throwaway server of the given kind. */
export async function startServer(
  kind: ServerKind,
  options: { dir?: string; args?: string[] } = {},
): Promise<Gateway> {
  const { script, prefix } = servers[kind];
  const name = path.basename(script);
  const ownDir = options.dir === undefined;
  const dir = options.dir ?? (await mkdtemp(path.join(os.tmpdir(), `ferry-${kind}-`)));

  let stdout: string;
  try {
    ({ stdout } = await run(script, ['start', dir, ...(options.args ?? [])], 120_000));
  } catch (error) {
    // The script has printed the log tails (now in the message) and stopped what it started, unless
    // it was itself killed by the timeout; a directory we made must not pile up in /tmp either.
    if (ownDir) {
      await run(script, ['stop', dir], 60_000).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    }
    throw error;
  }

  const values = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const trimmed = line.trim();
    if (!trimmed.startsWith(prefix)) continue;
    const eq = trimmed.indexOf('=');
    if (eq > 0) values.set(trimmed.slice(prefix.length, eq), trimmed.slice(eq + 1));
  }
  const keys = ['ENDPOINT', 'ACCESS_KEY', 'SECRET_KEY', 'REGION'] as const;
  const missing = keys.filter((key) => !values.get(key));
  if (missing.length > 0) {
    // Started but unusable: do not leave its processes running.
    await run(script, ['stop', dir], 60_000).catch(() => undefined);
    throw new Error(`${name} printed no ${prefix}${missing.join('/')}; it printed:\n${stdout}`);
  }
  const need = (key: (typeof keys)[number]): string => values.get(key)!;

  let stopping: Promise<void> | undefined;
  const stopSync = (): void => {
    // A runner that exits without calling stop() must not leave servers behind; 'exit' handlers
    // can only do synchronous work.
    try {
      execFileSync('bash', [script, 'stop', dir], { stdio: 'ignore', timeout: 30_000 });
    } catch {
      // Nothing more can be done while the process exits.
    }
  };
  process.once('exit', stopSync);

  return {
    kind,
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

/** Runs a server script; a failure carries the script's stderr (the log tails) in its message. */
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
      reject(new Error(`${path.basename(file)} ${args.join(' ')}: ${how}\n${stderr.trim()}`));
    });
  });
}
