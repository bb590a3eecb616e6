// Smoke check for scripts/gateway.sh: start a gateway, GET / anonymously, print the status, stop.
// Usage: node test/support/gateway-check.mjs [--bluestore]
import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../../scripts/gateway.sh', import.meta.url));
const dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-gateway-check-'));

const started = Date.now();
const { stdout } = await run('bash', [script, 'start', dir, ...process.argv.slice(2)]);
const endpoint = /^FERRY_GATEWAY_ENDPOINT=(.*)$/m.exec(stdout)?.[1];
console.log(`started in ${Date.now() - started} ms: ${endpoint}`);
try {
  const response = await fetch(`${endpoint}/`);
  // An anonymous ListBuckets: RGW answers 200 with an empty list owned by "anonymous".
  console.log(`GET / -> ${response.status}`);
  process.exitCode = response.status === 200 ? 0 : 1;
} finally {
  await run('bash', [script, 'stop', dir]);
  console.log('stopped');
}
