// Watched folders benchmark (issue #5). Runs the built `bin/ferry` against a throwaway Ceph gateway through a
// counting HTTP relay, and prints a Markdown report:
//   1. latency from close() to the object being listed (median, p95), minus the plain upload time;
//   2. duplicate and partial uploads for a burst of files and for slow writers;
//   3. an unchanged 10,000-file folder re-synced: requests by type and wall time, beside `rclone sync`;
//   4. idle CPU and RSS of `ferry watch` over 100,000 files in 1,000 folders.
// Sizes can be lowered for a quick look: FERRY_BENCH_RESYNC_FILES, FERRY_BENCH_IDLE_FILES (0 skips that
// phase), FERRY_BENCH_LATENCY_N.
// FERRY_GATEWAY_ENDPOINT (with _ACCESS_KEY/_SECRET_KEY) uses a running gateway instead of starting one.
import { execFile, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { relay } from './relay.mjs';
import { promisify } from 'node:util';
import {
  CreateBucketCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';

const root = fileURLToPath(new URL('..', import.meta.url));
const ferryBin = path.join(root, 'bin', 'ferry');
const execFileP = promisify(execFile);
const env = process.env;
const N_RESYNC = Number(env.FERRY_BENCH_RESYNC_FILES ?? 10_000);
const N_IDLE = Number(env.FERRY_BENCH_IDLE_FILES ?? 100_000);
const N_LATENCY = Number(env.FERRY_BENCH_LATENCY_N ?? 20);
const WINDOW_MS = 1000;
const work = mkdtempSync(path.join(os.tmpdir(), 'ferry-watch-bench-'));
const run = path
  .basename(work)
  .slice(-6)
  .toLowerCase()
  .replace(/[^a-z0-9]/g, 'x');
const now = () => Number(process.hrtime.bigint() / 1_000_000n);
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// ---------------------------------------------------------------------------------------- gateway
let gatewayDir;
function startGateway() {
  if (env.FERRY_GATEWAY_ENDPOINT) {
    return {
      endpoint: env.FERRY_GATEWAY_ENDPOINT,
      accessKey: env.FERRY_GATEWAY_ACCESS_KEY,
      secretKey: env.FERRY_GATEWAY_SECRET_KEY,
    };
  }
  gatewayDir = path.join(work, 'gateway');
  const out = spawnSync('bash', [path.join(root, 'scripts/gateway.sh'), 'start', gatewayDir], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (out.status !== 0) throw new Error('gateway did not start');
  const vars = Object.fromEntries(
    out.stdout
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => l.replace(/^export /, '').split('=')),
  );
  return {
    endpoint: vars.FERRY_GATEWAY_ENDPOINT,
    accessKey: vars.FERRY_GATEWAY_ACCESS_KEY,
    secretKey: vars.FERRY_GATEWAY_SECRET_KEY,
  };
}

// ------------------------------------------------------------------------------- helpers
function ferryEnv(endpoint, g, configDir) {
  return {
    PATH: env.PATH,
    HOME: env.HOME,
    FERRY_CONFIG_DIR: configDir,
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: g.accessKey,
    AWS_SECRET_ACCESS_KEY: g.secretKey,
    AWS_REGION: 'us-east-1',
  };
}

function startWatch(args, fenv) {
  const child = spawn(ferryBin, ['watch', ...args], {
    env: fenv,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  const waiters = [];
  child.stdout.on('data', (d) => {
    out += d.toString();
    for (const w of [...waiters]) w();
  });
  const until = (re) =>
    new Promise((resolve) => {
      const check = () => {
        const m = out.match(re);
        if (m) {
          waiters.splice(waiters.indexOf(check), 1);
          out = out.slice(m.index + m[0].length);
          resolve(m);
        }
      };
      waiters.push(check);
      check();
    });
  const stop = () =>
    new Promise((resolve) => {
      child.once('exit', resolve);
      child.kill('SIGINT');
    });
  return { child, until, stop };
}

async function listAll(client, bucket, prefix = '') {
  const out = new Map();
  let token;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: prefix, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) out.set(o.Key, o.Size);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

async function waitListed(client, bucket, key) {
  for (;;) {
    const page = await client.send(new ListObjectsV2Command({ Bucket: bucket, Prefix: key }));
    if ((page.Contents ?? []).some((o) => o.Key === key)) return now();
    await sleep(10);
  }
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const median = (xs) => pct(xs, 50);

function makeTree(dir, files, folders, size) {
  const body = Buffer.alloc(size, 'f');
  for (let i = 0; i < files; i++) {
    const sub = path.join(dir, `d${String(i % folders).padStart(4, '0')}`);
    if (i < folders) mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `f${i}.txt`), body);
  }
}

function cpuTicks(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Number(fields[11]) + Number(fields[12]);
}
const memMiB = (pid, field) =>
  Number(new RegExp(`${field}:\\s+(\\d+)`).exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) /
  1024;
const rssMiB = (pid) => memMiB(pid, 'VmRSS');

// --------------------------------------------------------------------------------- phases
async function latencyPhase(g, proxy, client) {
  const bucket = `bench-latency-${run}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const dir = path.join(work, 'latency');
  mkdirSync(dir);
  const body = Buffer.alloc(256 * 1024, 'l');
  // The plain upload time of the same file, straight to the gateway.
  const puts = [];
  for (let i = 0; i < 10; i++) {
    const t0 = now();
    await client.send(new PutObjectCommand({ Bucket: bucket, Key: `raw/${i}`, Body: body }));
    puts.push(now() - t0);
  }
  const w = startWatch([dir, `s3://${bucket}/w/`, '--stability-ms', String(WINDOW_MS)], {
    ...ferryEnv(proxy.endpoint, g, path.join(work, 'cfg-latency')),
  });
  await w.until(/watching /);
  await w.until(/in sync/);
  proxy.take();
  const lat = [];
  for (let i = 0; i < N_LATENCY; i++) {
    const file = path.join(dir, `one-${i}.bin`);
    const h = await open(file, 'w');
    await h.write(body);
    await h.close();
    const closed = now();
    lat.push((await waitListed(client, bucket, `w/one-${i}.bin`)) - closed);
    await w.until(/in sync/);
  }
  const single = proxy.take();

  // A burst of 300 files, and 5 slow writers (a chunk every 300 ms for 3 s).
  const burst = 300;
  await Promise.all(
    Array.from({ length: burst }, (_, i) =>
      open(path.join(dir, `burst-${i}.bin`), 'w').then(async (h) => {
        await h.write(Buffer.alloc(4096 + i, 'b'));
        await h.close();
      }),
    ),
  );
  const slow = await Promise.all(
    Array.from({ length: 5 }, async (_, i) => {
      const h = await open(path.join(dir, `slow-${i}.bin`), 'w');
      for (let c = 0; c < 10; c++) {
        await h.write(Buffer.alloc(64 * 1024, 's'));
        await sleep(300);
      }
      await h.close();
      return 640 * 1024;
    }),
  );
  let listed;
  for (;;) {
    listed = await listAll(client, bucket, 'w/');
    const done = [...listed.keys()].filter((k) => /w\/(burst|slow)-/.test(k)).length;
    if (done === burst + slow.length) break;
    await sleep(200);
  }
  await w.until(/in sync/);
  const c = proxy.take();
  await w.stop();
  const partial =
    [...Array(burst).keys()].filter((i) => listed.get(`w/burst-${i}.bin`) !== 4096 + i).length +
    slow.filter((size, i) => listed.get(`w/slow-${i}.bin`) !== size).length;
  return {
    window: WINDOW_MS,
    latMedian: median(lat),
    latP95: pct(lat, 95),
    uploadMedian: median(puts),
    singlePuts: single.PUT ?? 0,
    duplicates: (c.PUT ?? 0) + (c.CREATE_MULTIPART ?? 0) - (burst + slow.length),
    partial,
    files: burst + slow.length,
  };
}

async function resyncPhase(g, proxy, client) {
  const bucket = `bench-resync-${run}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const dir = path.join(work, 'resync');
  makeTree(dir, N_RESYNC, 100, 1024);
  const fenv = ferryEnv(proxy.endpoint, g, path.join(work, 'cfg-resync'));
  const target = `s3://${bucket}/ferry/`;
  let t0 = now();
  await execFileP(ferryBin, ['sync', dir, target], { env: fenv, maxBuffer: 1 << 28 });
  const ferryFirst = now() - t0;
  proxy.take();
  t0 = now();
  const { stdout } = await execFileP(ferryBin, ['sync', dir, target], {
    env: fenv,
    maxBuffer: 1 << 28,
  });
  const ferryWall = now() - t0;
  const ferryCounts = proxy.take();

  const rcloneEnv = {
    ...env,
    RCLONE_CONFIG_BENCH_TYPE: 's3',
    RCLONE_CONFIG_BENCH_PROVIDER: 'Ceph',
    RCLONE_CONFIG_BENCH_ENDPOINT: proxy.endpoint,
    RCLONE_CONFIG_BENCH_ACCESS_KEY_ID: g.accessKey,
    RCLONE_CONFIG_BENCH_SECRET_ACCESS_KEY: g.secretKey,
    RCLONE_CONFIG_BENCH_REGION: 'us-east-1',
    RCLONE_CONFIG_BENCH_FORCE_PATH_STYLE: 'true',
  };
  delete rcloneEnv.AWS_CA_BUNDLE;
  const rclone = (args) =>
    execFileP('rclone', ['sync', dir, `bench:${bucket}/rclone`, ...args], {
      env: rcloneEnv,
      maxBuffer: 1 << 28,
    });
  t0 = now();
  await rclone([]);
  const rcloneFirst = now() - t0;
  proxy.take();
  t0 = now();
  await rclone([]);
  const rcloneWall = now() - t0;
  const rcloneCounts = proxy.take();
  return {
    ferryFirst,
    ferryWall,
    ferryCounts,
    rcloneFirst,
    rcloneWall,
    rcloneCounts,
    summary: stdout.trim(),
  };
}

async function idlePhase(g, proxy, client) {
  const bucket = `bench-idle-${run}`;
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const dir = path.join(work, 'idle');
  let t0 = now();
  makeTree(dir, N_IDLE, 1000, 1);
  const made = now() - t0;
  const fenv = ferryEnv(g.endpoint, g, path.join(work, 'cfg-idle'));
  const target = `s3://${bucket}/`;
  // Seed the bucket as if the folder had been backed up before (plain PUTs, 64 at a time): the watch's first
  // start then adopts every file by listing and MD5, uploading nothing.
  t0 = now();
  const keys = Array.from(
    { length: N_IDLE },
    (_, i) => `d${String(i % 1000).padStart(4, '0')}/f${i}.txt`,
  );
  let next = 0;
  await Promise.all(
    Array.from({ length: 64 }, async () => {
      while (next < keys.length) {
        const key = keys[next++];
        await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: 'f' }));
      }
    }),
  );
  const seeded = now() - t0;
  // First start: no index yet, every file is adopted by listing + MD5.
  const first = await idleWatch(dir, target, fenv, { client, bucket });
  // Restart: the index from the first start, nothing to adopt.
  const restart = await idleWatch(dir, target, fenv);
  return { files: N_IDLE, made, seeded, first, restart };
}

/**
 * Starts `ferry watch`, waits until it is in sync, then measures CPU over 30 s idle and memory; with
 * `change`, also how long a new file takes to be listed.
 */
async function idleWatch(dir, target, fenv, change) {
  const t0 = now();
  const w = startWatch([dir, target], fenv);
  await w.until(/in sync: (\d+) files/);
  const ready = now() - t0;
  await sleep(3000);
  const ticks0 = cpuTicks(w.child.pid);
  const at0 = now();
  await sleep(30_000);
  const cpu = ((cpuTicks(w.child.pid) - ticks0) / 100 / ((now() - at0) / 1000)) * 100;
  const rss = rssMiB(w.child.pid);
  const peak = memMiB(w.child.pid, 'VmHWM');
  let noticed = null;
  if (change) {
    // A change among 100,000 files is still noticed.
    writeFileSync(path.join(dir, 'd0500', 'fresh.txt'), 'new');
    const t1 = now();
    await waitListed(change.client, change.bucket, 'd0500/fresh.txt');
    noticed = now() - t1;
  }
  await w.stop();
  return { ready, cpu, rss, peak, noticed };
}

// ----------------------------------------------------------------------------------- main
const g = startGateway();
const proxy = await relay(g.endpoint);
const client = new S3Client({
  endpoint: g.endpoint,
  region: 'us-east-1',
  forcePathStyle: true,
  credentials: { accessKeyId: g.accessKey, secretAccessKey: g.secretKey },
  requestChecksumCalculation: 'WHEN_REQUIRED',
  responseChecksumValidation: 'WHEN_REQUIRED',
});
const fmt = (c) =>
  Object.entries(c)
    .sort()
    .map(([k, v]) => `${k} ${v}`)
    .join(', ') || 'none';
try {
  const cores = os.cpus().length;
  console.log(
    `## Watched folders\n\nMeasured ${new Date().toISOString().slice(0, 16)} UTC on a shared ${cores}-core machine (other engineers' builds and tests ran at the same time), Node ${process.version}, Ceph RGW (memstore) on loopback.\n`,
  );
  const l = await latencyPhase(g, proxy, client);
  console.log(`### Latency, duplicates, partial uploads (stability window ${l.window} ms)\n`);
  console.log(`| measure | result | target |\n| --- | --- | --- |`);
  console.log(
    `| close() → listed, median / p95 (${N_LATENCY} files of 256 KiB) | ${l.latMedian} / ${l.latP95} ms | |`,
  );
  console.log(`| plain PUT of the same file, median | ${l.uploadMedian} ms | |`);
  console.log(
    `| latency minus upload time, median / p95 | ${l.latMedian - l.uploadMedian} / ${l.latP95 - l.uploadMedian} ms | ≤ ${l.window + 500} ms |`,
  );
  console.log(`| duplicate uploads (300-file burst + 5 slow writers) | ${l.duplicates} | 0 |`);
  console.log(`| partial uploads (listed size ≠ final size) | ${l.partial} of ${l.files} | 0 |\n`);
  const r = await resyncPhase(g, proxy, client);
  console.log(`### Unchanged ${N_RESYNC.toLocaleString('en')}-file folder re-synced\n`);
  console.log(`| tool | requests | wall time | first sync |\n| --- | --- | --- | --- |`);
  console.log(
    `| ferry sync | ${fmt(r.ferryCounts)} | ${(r.ferryWall / 1000).toFixed(2)} s | ${(r.ferryFirst / 1000).toFixed(1)} s |`,
  );
  console.log(
    `| rclone sync (defaults) | ${fmt(r.rcloneCounts)} | ${(r.rcloneWall / 1000).toFixed(2)} s | ${(r.rcloneFirst / 1000).toFixed(1)} s |`,
  );
  console.log(
    `\nFerry / rclone wall time: ${(r.ferryWall / r.rcloneWall).toFixed(2)}× (target ≤ 0.5×). Ferry: "${r.summary}".\n`,
  );
  if (N_IDLE > 0) {
    const i = await idlePhase(g, proxy, client);
    console.log(`### Idle while watching ${i.files.toLocaleString('en')} files in 1,000 folders\n`);
    console.log(`| measure | result | target |\n| --- | --- | --- |`);
    const mib = (x) => `${x.rss.toFixed(0)} MiB (peak ${x.peak.toFixed(0)})`;
    console.log(
      `| CPU over 30 s idle, first start / restart | ${i.first.cpu.toFixed(2)} / ${i.restart.cpu.toFixed(2)} % of a core | < 1 % |`,
    );
    console.log(
      `| RSS, first start (adopts every file by listing + MD5) | ${mib(i.first)} | < 300 MB |`,
    );
    console.log(`| RSS, restart with the index | ${mib(i.restart)} | < 300 MB |`);
    console.log(
      `| start → in sync, first start / restart | ${(i.first.ready / 1000).toFixed(1)} / ${(i.restart.ready / 1000).toFixed(1)} s | |`,
    );
    console.log(`| a new file among them → listed | ${i.first.noticed} ms | |`);
    console.log(
      `| (setup: files written in ${(i.made / 1000).toFixed(1)} s, bucket seeded with plain PUTs in ${(i.seeded / 1000).toFixed(1)} s) | | |`,
    );
  }
} finally {
  proxy.close();
  client.destroy();
  if (gatewayDir)
    spawnSync('bash', [path.join(root, 'scripts/gateway.sh'), 'stop', gatewayDir], {
      stdio: 'inherit',
    });
  rmSync(work, { recursive: true, force: true });
}
