// Runs every benchmark script in bench/ (files named *.bench.mjs) one after another, or the ones named on
// the command line: `npm run bench -- transfer`. Each script prints its own table of ratios against the peers.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const wanted = process.argv.slice(2);
const scripts = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.mjs'))
  .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
  .sort();

if (scripts.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ') || '*.bench.mjs'} in bench/.`);
  process.exit(2);
}
let failed = 0;
for (const script of scripts) {
  console.log(`\n== ${script}`);
  const { status } = spawnSync(process.execPath, [`${dir}/${script}`], {
    stdio: 'inherit',
    // The SDK's notice that its next major version needs a newer Node is noise in a table of figures.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true', ...process.env },
  });
  if (status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
