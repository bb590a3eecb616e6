// WAN benchmark (issue 17, item 7): Ferry against Debian's aws, rclone and s3cmd at their defaults, each as a
// fresh process, each on a fresh throwaway Ceph gateway, all through a delay proxy that behaves like a WAN
// link (bench/lib/delay-proxy.mjs). For each link profile: one file up and down (as a fraction of the link),
// many 64 KiB files up, and a 10-file `cp -r` with the time to its first request. See BENCHMARKS.md, "WAN".
//
//   npm run bench -- wan                                     (128 MiB file, 1,000 × 64 KiB, both profiles)
//   FERRY_BENCH_MIB=1024 FERRY_BENCH_PROFILES=40/400 FERRY_BENCH_PEERS=rclone npm run bench -- wan
//   FERRY_BENCH_SMALL=200                                    (fewer small files)
//   FERRY_BENCH_STEPS=tree FERRY_BENCH_TREE_RUNS=5            (only the `cp -r`, five times, median)
//   FERRY_BENCH_FERRY_BEFORE=/path/to/old/bin/ferry          (another build of Ferry beside this one)
import { createHash, randomFillSync } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkDelayProxy, startDelayProxy } from './lib/delay-proxy.mjs';
import {
  diskCeiling,
  log,
  MiB,
  PEERS,
  startGateway,
  timed,
  toolsAt,
  writeRandom,
} from './lib/peers.mjs';

const SIZE_MIB = Number(process.env.FERRY_BENCH_MIB ?? 128);
const SMALL_COUNT = Number(process.env.FERRY_BENCH_SMALL ?? 1000);
const TREE_FILES = 10;
const TREE_RUNS = Number(process.env.FERRY_BENCH_TREE_RUNS ?? 1);
const STEPS = new Set((process.env.FERRY_BENCH_STEPS ?? 'up,down,small,tree').split(','));
// Another build of Ferry run beside this one, with the same commands, as the tool `ferry-before`.
const BEFORE = process.env.FERRY_BENCH_FERRY_BEFORE;
// "RTT ms / Mbit/s", comma-separated.
const PROFILES = (process.env.FERRY_BENCH_PROFILES ?? '40/400,150/100').split(',').map((p) => {
  const [rttMs, mbit] = p.split('/').map(Number);
  return { rttMs, mbit, name: `${rttMs}/${mbit}`, bytesPerSecond: (mbit * 1e6) / 8 };
});
const TOOLS = [...(BEFORE ? ['ferry-before'] : []), 'ferry', ...PEERS];
const work = mkdtempSync(path.join(os.tmpdir(), 'ferry-wan-bench-'));
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/**
 * What the proxy saw of one run, in ms from the tool's start: first connection, first request, the PUTs
 * (and multipart POSTs), the connections opened, and the requests sent before the first PUT.
 */
function timeline(events, started) {
  const rel = (e) => Math.round(e.at - started);
  const requests = events.filter((e) => e.type === 'request');
  const puts = requests.filter((e) => e.method === 'PUT' || e.method === 'POST');
  const firstPut = puts.length ? requests.indexOf(puts[0]) : requests.length;
  return {
    firstConnect: events.length ? rel(events[0]) : null,
    firstRequest: requests.length ? rel(requests[0]) : null,
    puts: puts.map(rel),
    connections: events.filter((e) => e.type === 'connect').length,
    before: requests.slice(0, firstPut).map((e) => `${e.method} ${e.path.split('?')[0]}`),
  };
}

let gateway;
process.on('SIGINT', () => (gateway?.stop() ?? Promise.resolve()).then(() => process.exit(130)));
try {
  // ---------------------------------------------------------------------------------------------- data
  const big = path.join(work, 'big.bin');
  writeRandom(big, SIZE_MIB * MiB);
  const bigMd5 = createHash('md5').update(readFileSync(big)).digest('hex');
  const folder = (name, count, bytes) => {
    const dir = path.join(work, name);
    mkdirSync(dir);
    for (let i = 0; i < count; i++)
      writeFileSync(
        path.join(dir, `f${String(i).padStart(4, '0')}.bin`),
        randomFillSync(Buffer.alloc(bytes)),
      );
    return dir;
  };
  const smallDir = folder('small', SMALL_COUNT, 64 * 1024);
  const treeDir = folder('tree', TREE_FILES, MiB);
  log(
    `data: ${SIZE_MIB} MiB file, ${SMALL_COUNT} × 64 KiB, ${TREE_FILES} × 1 MiB; load average ${load()}`,
  );

  // ------------------------------------------------------------------------------------ the link itself
  for (const p of PROFILES) {
    const c = await checkDelayProxy(p);
    log(
      `proxy ${p.name}: tiny request on a new connection ${c.newConnection.toFixed(0)} ms (2 RTT = ${2 * p.rttMs}), on an open one ${c.openConnection.toFixed(0)} ms; 64 MiB one stream ${(c.stream / 1000).toFixed(2)} s (link time ${(c.linkTime / 1000).toFixed(2)} s)`,
    );
  }
  // Ferry makes a download durable (fdatasync before the rename); the peers leave it in the page cache.
  const disk = diskCeiling(work, SIZE_MIB).perSecond;
  log(`this disk: ${SIZE_MIB} MiB written + fdatasync at ${(disk / MiB).toFixed(1)} MiB/s`);

  // ------------------------------------------------------------------------------------------ the runs
  /** results[profile][tool] = { up, down, small, tree: { seconds, ...timeline }, starts } */
  const results = Object.fromEntries(PROFILES.map((p) => [p.name, {}]));
  for (const name of TOOLS) {
    gateway = await startGateway(path.join(work, `gateway-${name}`));
    const gatewayUrl = new URL(gateway.endpoint);
    for (const p of PROFILES) {
      const proxy = await startDelayProxy({
        target: { host: gatewayUrl.hostname, port: Number(gatewayUrl.port) },
        rttMs: p.rttMs,
        mbit: p.mbit,
      });
      const endpoint = `http://127.0.0.1:${proxy.port}`;
      const configDir = path.join(work, `ferry-config-${name}-${p.rttMs}`);
      const { tools, env } = toolsAt({ ...gateway, endpoint }, work, configDir);
      const t = name === 'ferry-before' ? { ...tools.ferry, cmd: BEFORE } : tools[name];
      const b = await gateway.bucket(`wan-${name}-${p.rttMs}-${p.mbit}`);
      /** Runs one step and answers its time and what the proxy saw of it. */
      const step = async (args) => {
        proxy.events.length = 0;
        const r = await timed(t.cmd, args, env(name));
        return { seconds: r.seconds, cpu: r.cpu.tool, ...timeline(proxy.events, r.started) };
      };
      const loadBefore = load();
      const none = { seconds: NaN, cpu: NaN, firstRequest: null, connections: null };
      const up = STEPS.has('up') ? await step(t.up(big, b, 'big.bin')) : none;
      const out = path.join(work, `down-${name}.bin`);
      const down =
        STEPS.has('down') && STEPS.has('up') ? await step(t.down(b, 'big.bin', out)) : none;
      const intact =
        down === none || createHash('md5').update(readFileSync(out)).digest('hex') === bigMd5;
      rmSync(out, { force: true });
      const small = STEPS.has('small') ? await step(t.upDir(smallDir, b, 'small/')) : none;
      // Each run of the `cp -r` to a prefix of its own; the median run (by total time) is reported.
      const trees = [];
      for (let i = 0; STEPS.has('tree') && i < TREE_RUNS; i++)
        trees.push({ ...(await step(t.upDir(treeDir, b, `tree-${i}/`))), load: load() });
      const tree = [...trees].sort((x, y) => x.seconds - y.seconds)[Math.floor(trees.length / 2)];
      await proxy.close();
      const r = {
        up: (SIZE_MIB * MiB) / up.seconds,
        down: (SIZE_MIB * MiB) / down.seconds,
        small: SMALL_COUNT / small.seconds,
        tree,
        trees,
        firstRequest: { up: up.firstRequest, down: down.firstRequest, small: small.firstRequest },
        connections: { up: up.connections, down: down.connections, small: small.connections },
        // The tool's own CPU seconds: on a loaded machine a tool that needs more CPU waits longer for it.
        cpu: { up: up.cpu, down: down.cpu, small: small.cpu, tree: tree?.cpu },
        intact,
        load: `${loadBefore} → ${load()}`,
      };
      results[p.name][name] = r;
      const link = (x) => (x / p.bytesPerSecond).toFixed(2);
      log(
        `${p.name.padEnd(7)} ${name.padEnd(6)} up ${(r.up / MiB).toFixed(1)} MiB/s (${link(r.up)} of the link)  down ${(r.down / MiB).toFixed(1)} MiB/s (${link(r.down)})${intact ? '' : ' CONTENT MISMATCH'}  small ${r.small.toFixed(0)} files/s  cp -r ${tree?.seconds.toFixed(2)} s  CPU ${[up, down, small, tree ?? none].map((x) => x.cpu.toFixed(1)).join(' / ')} s  [load ${r.load}]`,
      );
      for (const [i, x] of trees.entries())
        log(
          `        ${name} cp -r run ${i + 1}: ${x.seconds.toFixed(2)} s; first request ${x.firstRequest} ms, PUT 1 / 2 / last ${x.puts[0]} / ${x.puts[1]} / ${x.puts.at(-1)} ms, ${x.connections} connections, CPU ${x.cpu.toFixed(2)} s [load ${x.load}]`,
        );
    }
    await gateway.stop();
    gateway = undefined;
  }

  // ---------------------------------------------------------------------------------------------- report
  log('');
  log(`cores: ${os.cpus().length}, load average at the end: ${load()}`);
  for (const p of PROFILES) {
    const res = results[p.name];
    const bestPeer = (f) => PEERS.reduce((a, n) => (f(res[n]) > f(res[a]) ? n : a), PEERS[0]);
    const vs = (f) => {
      const peer = bestPeer(f);
      return peer
        ? `${(f(res.ferry) / f(res[peer])).toFixed(2)}× the best peer (${peer})`
        : 'no peer';
    };
    const linkSeconds = (SIZE_MIB * MiB) / p.bytesPerSecond;
    log(
      `-- RTT ${p.rttMs} ms / ${p.mbit} Mbit/s (link time for ${SIZE_MIB} MiB: ${linkSeconds.toFixed(2)} s)`,
    );
    for (const dir of ['up', 'down'].filter((d) => STEPS.has(d)))
      log(
        `${dir === 'up' ? 'upload  ' : 'download'} ${SIZE_MIB} MiB: Ferry ${(res.ferry[dir] / p.bytesPerSecond).toFixed(2)} of the link (goal ≥ 0.95 at 1 GiB), ${vs((r) => r[dir])}; ${(SIZE_MIB * MiB) / res.ferry[dir] - linkSeconds > 0 ? `${((SIZE_MIB * MiB) / res.ferry[dir] - linkSeconds).toFixed(2)} s over the link time` : ''}; first request at ${res.ferry.firstRequest[dir]} ms`,
      );
    if (STEPS.has('small'))
      log(
        `${SMALL_COUNT} × 64 KiB: Ferry ${res.ferry.small.toFixed(0)} files/s, ${vs((r) => r.small)} (goal ≥ 3×)`,
      );
    if (STEPS.has('down'))
      log(
        `download durability: Ferry fsyncs before the rename, the peers do not; Ferry's download is ${(res.ferry.down / disk).toFixed(2)} of this disk's durable write speed (${(disk / MiB).toFixed(0)} MiB/s; the link itself is ${(p.bytesPerSecond / disk).toFixed(2)} of it)`,
      );
    for (const name of TOOLS.filter(() => STEPS.has('tree'))) {
      const tr = res[name].tree;
      const put = (i) => (tr.puts[i] === undefined ? '—' : `${tr.puts[i]} ms`);
      log(
        `cp -r ${TREE_FILES} × 1 MiB, ${name.padEnd(6)}: ${tr.seconds.toFixed(2)} s; first connection ${tr.firstConnect} ms, first request ${tr.firstRequest} ms, PUT 1 / 2 / last at ${put(0)} / ${put(1)} / ${put(tr.puts.length - 1)}; ${tr.connections} connections; before the first PUT: ${tr.before.join(', ') || 'nothing'}`,
      );
    }
    if (res.rclone && STEPS.has('tree'))
      log(
        `cp -r: Ferry ${res.ferry.tree.seconds.toFixed(2)} s against rclone ${res.rclone.tree.seconds.toFixed(2)} s (goal: no slower)`,
      );
  }
  log(`raw: ${JSON.stringify({ SIZE_MIB, SMALL_COUNT, disk, results })}`);
} finally {
  await gateway?.stop();
  rmSync(work, { recursive: true, force: true });
}
