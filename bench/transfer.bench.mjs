// Transfer benchmark: Ferry against Debian's aws, rclone and s3cmd at their defaults, on a throwaway Ceph
// gateway backed by bluestore (a file), a fresh one per tool. Prints a table, ratios and CPU; see BENCHMARKS.md.
//
//   npm run bench -- transfer                     (1 GiB file, 1,000 × 64 KiB, kill at 50 %, 5 GiB RSS)
//   FERRY_BENCH_MIB=256 FERRY_BENCH_RSS_MIB=2048 npm run bench -- transfer     (smaller, for a busy machine)
//   FERRY_BENCH_PEERS=aws,rclone                  (a subset of peers)
import { spawn } from 'node:child_process';
import { createHash, randomFillSync } from 'node:crypto';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  cpuOf,
  diskCeiling,
  ferry,
  log,
  MiB,
  PEERS,
  root,
  run,
  startGateway,
  timed as timedOn,
  toolsAt,
  writeRandom,
} from './lib/peers.mjs';

const SIZE_MIB = Number(process.env.FERRY_BENCH_MIB ?? 1024);
const RSS_MIB = Number(process.env.FERRY_BENCH_RSS_MIB ?? 5120);
const SMALL_COUNT = Number(process.env.FERRY_BENCH_SMALL ?? 1000);
const work = mkdtempSync(path.join(os.tmpdir(), 'ferry-bench-'));

// ---------------------------------------------------------------------------------------------- gateway
// Each tool gets a fresh gateway of its own, as do the ceilings, kill and RSS steps: a gateway that has just
// taken another tool's gigabytes does background work (bluestore, rocksdb) that slowed whoever came next,
// and the first tool always met a fresh one.
let gatewayCount = 0;
let gateway;
let client;
let awsEnv;
let tools;
let env;
process.on('SIGINT', () => (gateway?.stop() ?? Promise.resolve()).then(() => process.exit(130)));
/** Stops the current gateway, if any, and starts a fresh bluestore one. */
async function freshGateway() {
  await gateway?.stop();
  gateway = await startGateway(path.join(work, `gateway-${++gatewayCount}`));
  client = gateway.client;
  ({
    tools,
    env,
    baseEnv: awsEnv,
  } = toolsAt(gateway, work, path.join(work, `ferry-config-${gatewayCount}`)));
}
/** CPU seconds the current gateway's daemons have used so far. */
const gatewayCpu = () => cpuOf(gateway.pids);
/** Runs a tool, counting the current gateway's CPU beside its own. */
const timed = (cmd, args, environment) => timedOn(cmd, args, environment, gateway.pids);
try {
  const bucket = (name) => gateway.bucket(name);

  // ---------------------------------------------------------------------------------------------- data
  const big = path.join(work, 'big.bin');
  writeRandom(big, SIZE_MIB * MiB);
  const smallDir = path.join(work, 'small');
  mkdirSync(smallDir);
  for (let i = 0; i < SMALL_COUNT; i++) {
    writeFileSync(
      path.join(smallDir, `f${String(i).padStart(4, '0')}.bin`),
      randomFillSync(Buffer.alloc(64 * 1024)),
    );
  }
  const bigMd5 = createHash('md5').update(readFileSync(big)).digest('hex');
  log(`data: ${SIZE_MIB} MiB file (md5 ${bigMd5}), ${SMALL_COUNT} × 64 KiB files`);

  const results = { up: {}, down: {}, small: {} };
  const cpu = { up: {}, down: {}, small: {} };
  for (const name of ['ferry', ...PEERS]) {
    await freshGateway();
    const t = tools[name];
    const b = await bucket(`bench-${name}`);
    const up = await timed(t.cmd, t.up(big, b, 'big.bin'), env(name));
    results.up[name] = (SIZE_MIB * MiB) / up.seconds;
    cpu.up[name] = up.cpu;
    const out = path.join(work, `down-${name}.bin`);
    const down = await timed(t.cmd, t.down(b, 'big.bin', out), env(name));
    results.down[name] = (SIZE_MIB * MiB) / down.seconds;
    cpu.down[name] = down.cpu;
    const ok = createHash('md5').update(readFileSync(out)).digest('hex') === bigMd5;
    const small = await timed(t.cmd, t.upDir(smallDir, b), env(name));
    // Removed only now: deleting a file the tool synced makes this disk (mounted with `discard`) trim its
    // blocks, which stalled the gateway's own writes during the next phase (a synced file's small-file run
    // took 3.8 s once instead of about 2).
    rmSync(out, { force: true });
    results.small[name] = SMALL_COUNT / small.seconds;
    cpu.small[name] = small.cpu;
    log(
      `${name.padEnd(7)} upload ${(results.up[name] / MiB).toFixed(1).padStart(7)} MiB/s   download ${(results.down[name] / MiB).toFixed(1).padStart(7)} MiB/s${ok ? '' : ' (CONTENT MISMATCH)'}   small ${results.small[name].toFixed(0).padStart(6)} files/s`,
    );
  }

  // ---------------------------------------------------------------------------------------------- ceiling
  // What the gateway takes from the leanest client this bench can write: requests signed with the SDK's own
  // signer and sent through its connection pool, without its middleware, from and into memory (no disk, no
  // checksums, no process start). Each ceiling also reports the CPU it cost this process and the gateway.
  await freshGateway();
  const signer = await client.config.signer();
  const ep = await client.config.endpoint();
  async function raw(method, b, key, { body, headers = {} } = {}) {
    const signed = await signer.sign({
      method,
      protocol: ep.protocol,
      hostname: ep.hostname,
      port: ep.port,
      path: `/${b}/${key}`,
      query: {},
      headers: {
        host: `${ep.hostname}:${ep.port}`,
        'x-amz-content-sha256': 'UNSIGNED-PAYLOAD',
        ...(body ? { 'content-length': String(body.length) } : {}),
        ...headers,
      },
      ...(body ? { body } : {}),
    });
    const { response } = await client.config.requestHandler.handle(signed, {});
    let bytes = 0;
    for await (const chunk of response.body) bytes += chunk.length;
    if (response.statusCode !== 200)
      throw new Error(`raw ${method} answered ${response.statusCode}`);
    return bytes;
  }
  /** Runs `count` requests, `parallel` at once; answers requests per second and the CPU they cost. */
  async function measured(count, parallel, request) {
    const cpu0 = process.cpuUsage();
    const gateway0 = gatewayCpu();
    const t0 = process.hrtime.bigint();
    let next = 0;
    const worker = async () => {
      while (next < count) await request(next++);
    };
    await Promise.all(Array.from({ length: parallel }, worker));
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    const used = process.cpuUsage(cpu0);
    return {
      perSecond: count / seconds,
      cpu: { tool: (used.user + used.system) / 1e6, gateway: gatewayCpu() - gateway0 },
    };
  }
  const bigCount = Math.max(8, Math.round(SIZE_MIB / 16));
  await bucket('bench-ceiling');
  const bigBody = randomFillSync(Buffer.alloc(16 * MiB));
  // Uploads: 16 MiB PUTs, 16 at once.
  const putCeiling = await measured(bigCount, 16, (n) =>
    raw('PUT', 'bench-ceiling', `raw-${n}`, { body: bigBody }),
  );
  const rawCeiling = putCeiling.perSecond * 16 * MiB;
  // Downloads: the same objects read back 16 at a time into nothing.
  const getCeilingRun = await measured(bigCount, 16, async (n) => {
    if ((await raw('GET', 'bench-ceiling', `raw-${n}`)) !== 16 * MiB) throw new Error('short GET');
  });
  const rawGetCeiling = getCeilingRun.perSecond * 16 * MiB;
  const diskRun = diskCeiling(work, SIZE_MIB);
  const diskWriteCeiling = diskRun.perSecond;
  // Small PUTs: 64 KiB with their Content-MD5 (the server checks it, as it does Ferry's), 64 at once, as Ferry sends them.
  await bucket('bench-ceiling-small');
  const smallBody = randomFillSync(Buffer.alloc(64 * 1024));
  const smallMd5 = createHash('md5').update(smallBody).digest('base64');
  const smallCeilingRun = await measured(SMALL_COUNT, 64, (n) =>
    raw('PUT', 'bench-ceiling-small', `raw-${n}`, {
      body: smallBody,
      headers: { 'content-md5': smallMd5 },
    }),
  );
  const smallRawCeiling = smallCeilingRun.perSecond;
  // A bound for (b): bench/minimal-put.mjs, a process that does for each file only what any Node client must
  // (start, read, MD5, sign, send; 64 at once), on this gateway after the same 1 GiB up and down.
  await bucket('bench-minimal');
  const minimalRun = await timed(
    process.execPath,
    [path.join(root, 'bench', 'minimal-put.mjs'), smallDir, 'bench-minimal', 'small/', '64'],
    awsEnv,
  );
  const minimalSmall = SMALL_COUNT / minimalRun.seconds;

  // ---------------------------------------------------------------------------------------------- kill -9
  async function killAndResume() {
    const b = await bucket('bench-kill');
    const configDir = path.join(work, 'kill-config');
    const e = { ...awsEnv, FERRY_CONFIG_DIR: configDir };
    const args = ['cp', '--json', big, `s3://${b}/big.bin`];
    const child = spawn(ferry, args, { env: e, stdio: ['ignore', 'pipe', 'ignore'] });
    let sentAtKill = 0;
    // Created first: a run that ends before it reports half of the file must not leave the bench waiting.
    const exited = new Promise((r) => child.once('exit', r));
    const halfway = new Promise((resolve) => {
      let buffer = '';
      child.stdout.on('data', (d) => {
        buffer += d;
        const lines = buffer.split('\n');
        buffer = lines.pop();
        for (const line of lines) {
          const msg = JSON.parse(line);
          if (msg.type === 'progress' && msg.bytesDone >= (SIZE_MIB * MiB) / 2 && !sentAtKill) {
            sentAtKill = msg.bytesDone;
            child.kill('SIGKILL');
            resolve();
          }
        }
      });
    });
    await Promise.race([halfway, exited]);
    await exited;
    if (!sentAtKill) throw new Error('ferry cp finished before it reported half of the file sent');
    const again = await timed(ferry, args, e);
    const resumed = again.stdout
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l))
      .find((m) => m.type === 'resumed');
    const resumedBytes = resumed?.resumedBytes ?? 0;
    return { sentAtKill, resumedBytes, resent: Math.max(0, sentAtKill - resumedBytes) };
  }
  const kill = await killAndResume();

  // ---------------------------------------------------------------------------------------------- RSS
  async function rss(mib) {
    const b = await bucket(`bench-rss-${mib}`);
    const file = path.join(work, `sparse-${mib}.bin`);
    const fd = openSync(file, 'w');
    closeSync(fd);
    // A sparse file: reads as zeros, costs no disk. Memory use must not depend on what the bytes are.
    await run('truncate', ['-s', `${mib}M`, file]);
    const r = await timed(ferry, ['cp', file, `s3://${b}/sparse.bin`], awsEnv);
    rmSync(file, { force: true });
    return { peak: r.peak, seconds: r.seconds };
  }
  const rssSmall = await rss(Math.min(1024, RSS_MIB));
  const rssBig = await rss(RSS_MIB);

  // ---------------------------------------------------------------------------------------------- report
  const best = (table) => Math.max(...PEERS.map((p) => table[p] ?? 0));
  const ratio = (table) => (best(table) ? (table.ferry / best(table)).toFixed(2) : 'n/a');
  log('');
  log(
    `cores: ${os.cpus().length}, load average at the end: ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  );
  log(
    `(a) ${SIZE_MIB} MiB upload:   Ferry ${(results.up.ferry / MiB).toFixed(1)} MiB/s = ${ratio(results.up)}× the best peer (target ≥ 1.25)`,
  );
  log(
    `(a) ${SIZE_MIB} MiB download: Ferry ${(results.down.ferry / MiB).toFixed(1)} MiB/s = ${ratio(results.down)}× the best peer (target ≥ 1.25)`,
  );
  log(
    `(b) ${SMALL_COUNT} × 64 KiB:     Ferry ${results.small.ferry.toFixed(0)} files/s = ${ratio(results.small)}× the best peer (target ≥ 2)`,
  );
  log(
    `(c) kill -9 at ${((kill.sentAtKill / (SIZE_MIB * MiB)) * 100).toFixed(0)} %: resumed ${(kill.resumedBytes / MiB).toFixed(0)} MiB from the journal, re-sent ${(kill.resent / MiB).toFixed(0)} MiB (target ≤ concurrency × part size = ${4 * 16} MiB; the peers re-send everything)`,
  );
  log(
    `(d) peak RSS: ${(rssSmall.peak / MiB).toFixed(0)} MiB for ${Math.min(1024, RSS_MIB)} MiB, ${(rssBig.peak / MiB).toFixed(0)} MiB for ${RSS_MIB} MiB (target ≤ 200 MiB, flat)`,
  );
  log(
    `gateway ceiling (16 parallel raw 16 MiB PUTs from memory): ${(rawCeiling / MiB).toFixed(1)} MiB/s; Ferry upload = ${(results.up.ferry / rawCeiling).toFixed(2)} of it`,
  );
  log(
    `gateway GET ceiling (16 parallel raw 16 MiB GETs into memory): ${(rawGetCeiling / MiB).toFixed(1)} MiB/s; disk write (1 MiB calls) + fdatasync of ${SIZE_MIB} MiB: ${(diskWriteCeiling / MiB).toFixed(1)} MiB/s; Ferry download = ${(results.down.ferry / Math.min(rawGetCeiling, diskWriteCeiling)).toFixed(2)} of the lower, the best peer ${(best(results.down) / rawGetCeiling).toFixed(2)} of the GET ceiling`,
  );
  log(
    `gateway small-PUT ceiling (${SMALL_COUNT} raw signed 64 KiB PUTs from memory, 64 in parallel): ${smallRawCeiling.toFixed(0)} PUT/s; Ferry small files = ${(results.small.ferry / smallRawCeiling).toFixed(2)} of it, the best peer ${(best(results.small) / smallRawCeiling).toFixed(2)}`,
  );
  log(
    `minimal Node client (bench/minimal-put.mjs, ${SMALL_COUNT} × 64 KiB): ${minimalSmall.toFixed(0)} files/s = ${(minimalSmall / best(results.small)).toFixed(2)}× the best peer (Ferry ${(results.small.ferry / best(results.small)).toFixed(2)}×), CPU ${minimalRun.cpu.tool.toFixed(2)} s + gateway ${minimalRun.cpu.gateway.toFixed(2)} s`,
  );
  // The tool and the gateway share the cores: a run cannot take less than (its CPU + the gateway's CPU) /
  // cores, its floor. The best peer's time over Ferry's floor is the most Ferry could be ahead at the CPU it
  // costs now; over the raw client's floor, the most any client as lean as the raw one could be. For
  // downloads the raw client is charged what this process paid to write the same bytes to a file.
  const cores = os.cpus().length;
  const scale = SIZE_MIB / (bigCount * 16);
  const rawCpu = {
    up: { tool: putCeiling.cpu.tool * scale, gateway: putCeiling.cpu.gateway * scale },
    down: {
      tool: getCeilingRun.cpu.tool * scale + diskRun.cpu,
      gateway: getCeilingRun.cpu.gateway * scale,
    },
    small: smallCeilingRun.cpu,
  };
  const units = { up: SIZE_MIB * MiB, down: SIZE_MIB * MiB, small: SMALL_COUNT };
  const floor = (c) => (c.tool + c.gateway) / cores;
  for (const [phase, label] of [
    ['up', `(a) upload`],
    ['down', `(a) download`],
    ['small', `(b) ${SMALL_COUNT} × 64 KiB`],
  ]) {
    const seconds = (c) =>
      `${c.tool.toFixed(2)} s + gateway ${c.gateway.toFixed(2)} s (floor ${floor(c).toFixed(2)} s)`;
    const peer = PEERS.reduce((a, b) => (results[phase][b] > results[phase][a] ? b : a), PEERS[0]);
    const peerSeconds = peer ? units[phase] / results[phase][peer] : 0;
    log(
      `CPU ${label}: ${['ferry', ...PEERS].map((n) => `${n} ${seconds(cpu[phase][n])}`).join('; ')}; raw client ${seconds(rawCpu[phase])}` +
        (peer
          ? `; ${peer} took ${peerSeconds.toFixed(2)} s, so on ${cores} cores Ferry can be at most ${(peerSeconds / floor(cpu[phase].ferry)).toFixed(2)}× it, a client as lean as the raw one ${(peerSeconds / floor(rawCpu[phase])).toFixed(2)}×`
          : ''),
    );
  }
  log(
    `raw: ${JSON.stringify({ SIZE_MIB, SMALL_COUNT, RSS_MIB, results, cpu, rawCpu, rawCeiling, rawGetCeiling, diskWriteCeiling, smallRawCeiling, minimalSmall, minimalCpu: minimalRun.cpu, kill, rssSmall, rssBig })}`,
  );
} finally {
  await gateway?.stop();
  rmSync(work, { recursive: true, force: true });
}
