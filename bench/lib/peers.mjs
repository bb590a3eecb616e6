// What the transfer benchmarks share: a throwaway Ceph gateway, Ferry and its peers (Debian's aws, rclone,
// s3cmd at their defaults) run as fresh processes against an endpoint, timed with their CPU, and the data.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import {
  closeSync,
  fdatasyncSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { Agent } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { NodeHttpHandler } from '@smithy/node-http-handler';

export const run = promisify(execFile);
export const root = fileURLToPath(new URL('../..', import.meta.url));
export const ferry = path.join(root, 'bin', 'ferry');
export const MiB = 1024 * 1024;
export const PEERS = (process.env.FERRY_BENCH_PEERS ?? 'aws,rclone,s3cmd')
  .split(',')
  .filter(Boolean);
export const log = (line) => process.stdout.write(`${line}\n`);

// ---------------------------------------------------------------------------------------------- gateway
/**
 * Starts a throwaway Ceph gateway (bluestore on a file) in `dir`. Answers its endpoint and keys, the PIDs of
 * its daemons (for their CPU), an S3 client, `bucket(name)` and `stop()`.
 */
export async function startGateway(dir) {
  const started = await run(
    'bash',
    [path.join(root, 'scripts/gateway.sh'), 'start', dir, '--bluestore'],
    { encoding: 'utf8', timeout: 180_000 },
  );
  const gw = Object.fromEntries(
    started.stdout
      .split('\n')
      .filter((l) => l.startsWith('FERRY_GATEWAY_'))
      .map((l) => [l.split('=')[0].replace('FERRY_GATEWAY_', ''), l.slice(l.indexOf('=') + 1)]),
  );
  const client = new S3Client({
    endpoint: gw.ENDPOINT,
    region: gw.REGION,
    forcePathStyle: true,
    credentials: { accessKeyId: gw.ACCESS_KEY, secretAccessKey: gw.SECRET_KEY },
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
    requestHandler: new NodeHttpHandler({
      httpAgent: new Agent({ keepAlive: true, maxSockets: 64 }),
    }),
  });
  return {
    endpoint: gw.ENDPOINT,
    accessKey: gw.ACCESS_KEY,
    secretKey: gw.SECRET_KEY,
    region: gw.REGION,
    pids: readdirSync(dir)
      .filter((f) => f.endsWith('.pid'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8').trim()),
    client,
    bucket: async (name) => {
      await client.send(new CreateBucketCommand({ Bucket: name }));
      return name;
    },
    stop: () => {
      client.destroy();
      return run('bash', [path.join(root, 'scripts/gateway.sh'), 'stop', dir]).catch(() => {});
    },
  };
}

// ---------------------------------------------------------------------------------------------- tools
/**
 * Ferry and the peers, each pointed at `endpoint` (the gateway, or a proxy in front of it) with the
 * gateway's keys. `work` holds s3cmd's config file and Ferry's config dir (`configDir`).
 * Answers { tools, env(name) }: each tool's command and its arguments to upload a file, download it and
 * upload a folder (`upDir(dir, bucket, prefix)`), and the environment it runs with.
 */
export function toolsAt({ endpoint, accessKey, secretKey, region }, work, configDir) {
  const host = new URL(endpoint).host;
  const s3cfg = path.join(work, `s3cfg-${host.replace(/\W/g, '-')}`);
  writeFileSync(
    s3cfg,
    `[default]\naccess_key = ${accessKey}\nsecret_key = ${secretKey}\nhost_base = ${host}\nhost_bucket = ${host}\nuse_https = False\nbucket_location = ${region}\n`,
  );
  const awsArgs = ['--endpoint-url', endpoint];
  const s3cmdArgs = [
    '-c',
    s3cfg,
    '--host',
    host,
    '--host-bucket',
    host,
    '--no-ssl',
    '--no-progress',
  ];
  const tools = {
    ferry: {
      cmd: ferry,
      up: (f, b, k) => ['cp', f, `s3://${b}/${k}`],
      down: (b, k, f) => ['cp', '--conflict', 'overwrite', `s3://${b}/${k}`, f],
      upDir: (d, b, p = 'small/') => ['cp', '-r', d, `s3://${b}/${p}`],
    },
    aws: {
      cmd: '/usr/bin/aws',
      up: (f, b, k) => [...awsArgs, 's3', 'cp', '--quiet', f, `s3://${b}/${k}`],
      down: (b, k, f) => [...awsArgs, 's3', 'cp', '--quiet', `s3://${b}/${k}`, f],
      upDir: (d, b, p = 'small/') => [
        ...awsArgs,
        ...['s3', 'cp', '--quiet', '--recursive', d, `s3://${b}/${p}`],
      ],
    },
    rclone: {
      cmd: 'rclone',
      up: (f, b, k) => ['copyto', f, `x:${b}/${k}`],
      down: (b, k, f) => ['copyto', `x:${b}/${k}`, f],
      upDir: (d, b, p = 'small/') => ['copy', d, `x:${b}/${p.replace(/\/$/, '')}`],
    },
    s3cmd: {
      cmd: 's3cmd',
      up: (f, b, k) => [...s3cmdArgs, 'put', f, `s3://${b}/${k}`],
      down: (b, k, f) => [...s3cmdArgs, '--force', 'get', `s3://${b}/${k}`, f],
      upDir: (d, b, p = 'small/') => [
        ...s3cmdArgs,
        '--recursive',
        'put',
        `${d}/`,
        `s3://${b}/${p}`,
      ],
    },
  };
  const base = {
    PATH: process.env.PATH,
    HOME: work,
    AWS_ACCESS_KEY_ID: accessKey,
    AWS_SECRET_ACCESS_KEY: secretKey,
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ENDPOINT_URL: endpoint,
    FERRY_CONFIG_DIR: configDir,
  };
  const rclone = {
    RCLONE_CONFIG_X_TYPE: 's3',
    RCLONE_CONFIG_X_PROVIDER: 'Ceph',
    RCLONE_CONFIG_X_ACCESS_KEY_ID: accessKey,
    RCLONE_CONFIG_X_SECRET_ACCESS_KEY: secretKey,
    RCLONE_CONFIG_X_ENDPOINT: endpoint,
    RCLONE_CONFIG_X_REGION: region,
  };
  // Built from nothing but the above: no tool picks up a CA bundle or profile meant for something else.
  const env = (name) => (name === 'rclone' ? { ...base, ...rclone } : { ...base });
  return { tools, env, baseEnv: base };
}

// ---------------------------------------------------------------------------------------------- timing
// On 2 cores the gateway and the tool share the CPU, so each run's CPU time (the tool's, worker threads
// included, and the gateway daemons') is measured too: user + system from /proc, in clock ticks.
const tick = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
const statFields = (pid) => {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return text.slice(text.lastIndexOf(')') + 2).split(' ');
};
/** CPU seconds of this process's finished (waited-for) children. */
const childrenCpu = () => {
  const f = statFields('self');
  return (Number(f[13]) + Number(f[14])) / tick;
};
/** CPU seconds the given processes (a gateway's mon, osd, radosgw) have used so far. */
export const cpuOf = (pids) =>
  pids.reduce((sum, pid) => {
    const f = statFields(pid);
    return sum + (Number(f[11]) + Number(f[12])) / tick;
  }, 0);

/**
 * Runs a command; answers seconds taken, the peak RSS (VmHWM) seen, the CPU it and the gateway (`pids`)
 * used, and `started` (performance.now() at the spawn).
 */
export function timed(cmd, args, environment, pids = []) {
  // What an earlier step left for the disk to write (a peer's download is not synced) is written now,
  // not during this step's run, where it would cost whichever tool happened to come next.
  execFileSync('sync');
  return new Promise((resolve, reject) => {
    const cpu0 = childrenCpu();
    const gateway0 = cpuOf(pids);
    const started = performance.now();
    const child = spawn(cmd, args, { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let stdout = '';
    let peak = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const sample = setInterval(() => {
      try {
        const kb = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1];
        if (kb) peak = Math.max(peak, Number(kb) * 1024);
      } catch {
        // exited between samples
      }
    }, 100);
    child.on('exit', (code) => {
      clearInterval(sample);
      const seconds = (performance.now() - started) / 1000;
      const cpu = { tool: childrenCpu() - cpu0, gateway: cpuOf(pids) - gateway0 };
      if (code !== 0)
        reject(new Error(`${cmd} ${args.join(' ')} failed (${code}): ${stderr.slice(-500)}`));
      else resolve({ seconds, peak, stdout, child, cpu, started });
    });
  });
}

// ---------------------------------------------------------------------------------------------- data
/** Writes `bytes` random bytes to `file`. */
export function writeRandom(file, bytes) {
  const fd = openSync(file, 'w');
  const chunk = Buffer.alloc(8 * MiB);
  for (let done = 0; done < bytes; done += chunk.length) {
    randomFillSync(chunk);
    writeSync(fd, chunk, 0, Math.min(chunk.length, bytes - done));
  }
  closeSync(fd);
}

/**
 * This disk's own write speed for a file of `mib` MiB made durable (written in 1 MiB calls as Ferry writes,
 * then fdatasync), which bounds any download that syncs before it calls the file complete. (Written in
 * 16 MiB calls, the same file took this kernel 8-10 times the system CPU: ~400 MiB/s.) Answers bytes per
 * second and the CPU it cost.
 */
export function diskCeiling(dir, mib) {
  const file = path.join(dir, 'disk-ceiling.bin');
  const chunk = randomFillSync(Buffer.alloc(MiB));
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const fd = openSync(file, 'w');
  for (let i = 0; i < mib; i++) writeSync(fd, chunk);
  fdatasyncSync(fd);
  closeSync(fd);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const used = process.cpuUsage(cpu0);
  rmSync(file, { force: true });
  return { perSecond: (mib * MiB) / seconds, cpu: (used.user + used.system) / 1e6 };
}
