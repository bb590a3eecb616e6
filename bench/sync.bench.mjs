// Sync benchmark (issue 18). Runs the built `bin/ferry` beside its peers at their defaults and prints a
// Markdown report with ratios:
//   1. a bucket of 10,000 objects re-synced into a folder with nothing changed: the requests each tool sends,
//      by type (counted by a relay in front of the gateway), and the wall time (median of 3) of
//      `ferry sync`, `rclone sync` and `/usr/bin/aws s3 sync`, each into its own already-synced folder;
//   2. a 1,000-object migration Ceph RGW → Swift: `ferry sync` between two connections against
//      `rclone copy` between the two servers, each into its own empty Swift bucket.
// Sizes: FERRY_BENCH_SYNC_OBJECTS (10,000; 0 skips the re-sync), FERRY_BENCH_MIGRATE_OBJECTS (1,000),
// FERRY_BENCH_MIGRATE_KIB (64), FERRY_BENCH_MIGRATE_ROUNDS (1; the median is kept).
// FERRY_GATEWAY_* and FERRY_SWIFT_* (as `source /work/sandbox/env.sh` or `npm run sandbox` print them) use
// running servers; otherwise a throwaway Ceph gateway and Swift are started and stopped by PID.
import { execFile, spawnSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CreateBucketCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { relay } from './relay.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ferryBin = path.join(root, 'bin', 'ferry');
const execFileP = promisify(execFile);
const env = process.env;
const N_RESYNC = Number(env.FERRY_BENCH_SYNC_OBJECTS ?? 10_000);
const N_MIGRATE = Number(env.FERRY_BENCH_MIGRATE_OBJECTS ?? 1000);
const MIGRATE_KIB = Number(env.FERRY_BENCH_MIGRATE_KIB ?? 64);
const MIGRATE_ROUNDS = Number(env.FERRY_BENCH_MIGRATE_ROUNDS ?? 1);
const ROUNDS = 3;
const work = mkdtempSync(path.join(os.tmpdir(), 'ferry-sync-bench-'));
const tag = path
  .basename(work)
  .slice(-6)
  .toLowerCase()
  .replace(/[^a-z0-9]/g, 'x');
const log = (line) => process.stdout.write(`${line}\n`);
const now = () => Number(process.hrtime.bigint() / 1_000_000n);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

// ------------------------------------------------------------------------------------ servers
const started = [];
/** A running server named by `PREFIX*` variables, or a throwaway one started by `script`. */
function server(prefix, script) {
  if (env[`${prefix}ENDPOINT`]) {
    return {
      endpoint: env[`${prefix}ENDPOINT`],
      accessKey: env[`${prefix}ACCESS_KEY`],
      secretKey: env[`${prefix}SECRET_KEY`],
    };
  }
  const dir = path.join(work, script);
  const out = spawnSync('bash', [path.join(root, 'scripts', `${script}.sh`), 'start', dir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (out.status !== 0) throw new Error(`${script} did not start`);
  started.push({ script, dir });
  const vars = Object.fromEntries(
    out.stdout
      .split('\n')
      .filter((l) => l.startsWith(prefix) || l.startsWith(`export ${prefix}`))
      .map((l) => l.replace(/^export /, ''))
      .map((l) => [l.slice(prefix.length, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { endpoint: vars.ENDPOINT, accessKey: vars.ACCESS_KEY, secretKey: vars.SECRET_KEY };
}
function stopServers() {
  for (const s of started) {
    spawnSync('bash', [path.join(root, 'scripts', `${s.script}.sh`), 'stop', s.dir], {
      stdio: 'inherit',
    });
  }
}

const s3 = (g) =>
  new S3Client({
    endpoint: g.endpoint,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: g.accessKey, secretAccessKey: g.secretKey },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

/** Puts `count` objects of `bytes` each under `prefix`, 64 at a time, in 100 folders. */
async function fill(client, bucket, count, bytes) {
  const keys = Array.from(
    { length: count },
    (_, i) => `d${String(i % 100).padStart(3, '0')}/o${String(i).padStart(5, '0')}.bin`,
  );
  for (let i = 0; i < keys.length; i += 64) {
    await Promise.all(
      keys.slice(i, i + 64).map((Key) =>
        client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key,
            Body: randomFillSync(Buffer.alloc(bytes)),
          }),
        ),
      ),
    );
  }
}

// -------------------------------------------------------------------------------------- tools
const ferryEnv = (g, configDir) => ({
  PATH: env.PATH,
  HOME: env.HOME,
  FERRY_CONFIG_DIR: configDir,
  AWS_ENDPOINT_URL: g.endpoint,
  AWS_ACCESS_KEY_ID: g.accessKey,
  AWS_SECRET_ACCESS_KEY: g.secretKey,
  AWS_REGION: 'us-east-1',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
});
/** rclone remotes by name (`NAME:bucket/…`) through environment variables, as rclone documents. */
function rcloneEnv(remotes) {
  const out = { PATH: env.PATH, HOME: work };
  for (const [name, g] of Object.entries(remotes)) {
    const p = `RCLONE_CONFIG_${name.toUpperCase()}_`;
    Object.assign(out, {
      [`${p}TYPE`]: 's3',
      [`${p}PROVIDER`]: 'Other',
      [`${p}ENDPOINT`]: g.endpoint,
      [`${p}ACCESS_KEY_ID`]: g.accessKey,
      [`${p}SECRET_ACCESS_KEY`]: g.secretKey,
      [`${p}REGION`]: 'us-east-1',
      [`${p}FORCE_PATH_STYLE`]: 'true',
    });
  }
  return out;
}
const awsEnv = (g) => ({
  PATH: env.PATH,
  HOME: work,
  AWS_ACCESS_KEY_ID: g.accessKey,
  AWS_SECRET_ACCESS_KEY: g.secretKey,
  AWS_DEFAULT_REGION: 'us-east-1',
});
const exec = (cmd, args, toolEnv) =>
  execFileP(cmd, args, { env: toolEnv, maxBuffer: 1 << 28 }).then((r) => r.stdout);
const countFiles = (dir) =>
  readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
const fmt = (c) =>
  Object.entries(c)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';

// ------------------------------------------------------------------------ 1. no-change re-sync
async function resync(g, proxy) {
  const bucket = `bench-resync-${tag}`;
  const client = s3(g);
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  let t = now();
  await fill(client, bucket, N_RESYNC, 1024);
  log(`filled s3://${bucket} with ${N_RESYNC} × 1 KiB in ${secs(now() - t)}`);
  const via = { ...g, endpoint: proxy.endpoint };
  const tools = {
    ferry: {
      cmd: ferryBin,
      args: (dir) => ['sync', `s3://${bucket}/`, dir],
      env: ferryEnv(via, path.join(work, 'cfg-resync')),
    },
    rclone: {
      cmd: 'rclone',
      args: (dir) => ['sync', `bench:${bucket}`, dir],
      env: rcloneEnv({ bench: via }),
    },
    aws: {
      cmd: '/usr/bin/aws',
      args: (dir) => [
        ...['--endpoint-url', via.endpoint, 's3', 'sync', '--only-show-errors'],
        ...[`s3://${bucket}/`, dir],
      ],
      env: awsEnv(via),
    },
  };
  const rows = {};
  for (const [name, tool] of Object.entries(tools)) {
    const dir = path.join(work, `resync-${name}`);
    t = now();
    await exec(tool.cmd, tool.args(dir), tool.env);
    const first = now() - t;
    if (countFiles(dir) !== N_RESYNC) throw new Error(`${name}: ${countFiles(dir)} files`);
    rows[name] = { first, walls: [], counts: undefined, dir };
    log(`${name}: first sync (${N_RESYNC} downloads) ${secs(first)}`);
  }
  // Rounds alternate the tools, so none always runs on a machine the one before left busy.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, tool] of Object.entries(tools)) {
      proxy.take();
      t = now();
      const out = await exec(tool.cmd, tool.args(rows[name].dir), tool.env);
      rows[name].walls.push(now() - t);
      rows[name].counts = proxy.take();
      if (name === 'ferry') rows[name].summary = out.trim().split('\n').at(-1);
    }
  }
  await exec(ferryBin, ['rb', '--force', `s3://${bucket}`], ferryEnv(g, path.join(work, 'cfg-rb')));
  return rows;
}

// ---------------------------------------------------------------------------- 2. migration
async function migrate(ceph, swift) {
  const source = `bench-mig-${tag}`;
  await s3(ceph).send(new CreateBucketCommand({ Bucket: source }));
  let t = now();
  await fill(s3(ceph), source, N_MIGRATE, MIGRATE_KIB * 1024);
  log(`filled s3://${source} with ${N_MIGRATE} × ${MIGRATE_KIB} KiB in ${secs(now() - t)}`);
  const swiftClient = s3(swift);
  const cfg = path.join(work, 'cfg-migrate');
  const fenv = ferryEnv(ceph, cfg);
  await exec(
    ferryBin,
    [
      'profiles',
      'add',
      'swift',
      ...['--endpoint', swift.endpoint, '--access-key', swift.accessKey],
      ...['--secret-key', swift.secretKey, '--path-style'],
    ],
    fenv,
  );
  const renv = rcloneEnv({ ceph, swift });
  const rows = {};
  const runs = {
    ferry: (to) =>
      exec(ferryBin, ['sync', `s3://${source}/`, `s3://${to}/`, '--dst-profile', 'swift'], fenv),
    rclone: (to) => exec('rclone', ['copy', `ceph:${source}`, `swift:${to}`], renv),
  };
  // Rounds alternate the order (Ferry first, then rclone first, …), each into a new empty bucket.
  for (let round = 0; round < MIGRATE_ROUNDS; round++) {
    const order = Object.entries(runs);
    if (round % 2 === 1) order.reverse();
    for (const [name, run] of order) {
      const to = `bench-mig-${name}-${tag}-${round}`;
      await swiftClient.send(new CreateBucketCommand({ Bucket: to }));
      t = now();
      const out = await run(to);
      rows[name] ??= { walls: [], counts: [] };
      rows[name].walls.push(now() - t);
      if (name === 'ferry') rows[name].summary = out.trim().split('\n').at(-1);
      const listed = await exec('rclone', ['size', '--json', `swift:${to}`], renv);
      rows[name].counts.push(JSON.parse(listed).count);
      await exec('rclone', ['purge', `swift:${to}`], renv);
    }
  }
  for (const row of Object.values(rows)) row.wall = median(row.walls);
  await exec('rclone', ['purge', `ceph:${source}`], renv);
  return rows;
}

// -------------------------------------------------------------------------------------- main
try {
  const ceph = server('FERRY_GATEWAY_', 'gateway');
  const swift = server('FERRY_SWIFT_', 'swift');
  const proxy = await relay(ceph.endpoint);
  log(
    `cores ${os.cpus().length}, load ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  if (N_RESYNC > 0) {
    const r = await resync(ceph, proxy);
    log(`\n### Bucket → folder re-sync, ${N_RESYNC} objects, nothing changed\n`);
    log('| tool | requests | wall (median of 3) | runs | first sync |');
    log('|---|---|---|---|---|');
    for (const [name, row] of Object.entries(r)) {
      log(
        `| ${name} | ${fmt(row.counts)} | ${secs(median(row.walls))} | ${row.walls.map(secs).join(', ')} | ${secs(row.first)} |`,
      );
    }
    const f = median(r.ferry.walls);
    log(
      `\nFerry / rclone: ${(f / median(r.rclone.walls)).toFixed(2)}×, Ferry / aws: ${(f / median(r.aws.walls)).toFixed(2)}× (goal ≤ 0.5×); goal 0 GET, 0 HEAD, ≤ 11 LIST. Ferry: "${r.ferry.summary}".`,
    );
  }
  proxy.close();

  const m = await migrate(ceph, swift);
  log(`\n### Migration Ceph RGW → Swift, ${N_MIGRATE} × ${MIGRATE_KIB} KiB\n`);
  log(`| tool | wall (median of ${MIGRATE_ROUNDS}) | runs | objects at the target |`);
  log('|---|---|---|---|');
  for (const [name, row] of Object.entries(m)) {
    log(
      `| ${name} | ${secs(row.wall)} | ${row.walls.map(secs).join(', ')} | ${row.counts.join(', ')} |`,
    );
  }
  log(
    `\nFerry / rclone copy: ${(m.ferry.wall / m.rclone.wall).toFixed(2)}×. Ferry: "${m.ferry.summary}".`,
  );
  log(
    `load after: ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
} finally {
  stopServers();
  rmSync(work, { recursive: true, force: true });
}
