#!/usr/bin/env node
// Renders RELIABILITY.md's tables from the figures the reliability and security suites wrote on their last
// run (test-results/reliability/*.json), between the `<!-- figures:… -->` markers. Nothing is typed by hand.
//
//   node scripts/reliability-table.mjs          rewrite RELIABILITY.md
//   node scripts/reliability-table.mjs --check  exit 1 when a suite has no figures yet
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

const root = new URL('../', import.meta.url);
const figuresDir = fileURLToPath(new URL('test-results/reliability/', root));
const docFile = fileURLToPath(new URL('RELIABILITY.md', root));

const cell = (value) => String(value).replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** Reads every suite's figures; soak runs are kept apart from the short ones. */
async function loadSuites() {
  const names = (await readdir(figuresDir).catch(() => []))
    .filter((n) => n.endsWith('.json'))
    .sort();
  const suites = [];
  for (const name of names)
    suites.push(JSON.parse(await readFile(`${figuresDir}/${name}`, 'utf8')));
  return suites;
}

function table(suites) {
  const lines = [
    '| Test | What was injected | Times | What held (last run) | Rerun |',
    '| --- | --- | ---: | --- | --- |',
  ];
  for (const suite of suites) {
    for (const row of suite.rows) {
      lines.push(
        `| ${cell(row.test)} | ${cell(row.injected)} | ${row.times} | ${cell(row.held)} ` +
          `(${suite.ranAt.slice(0, 16).replace('T', ' ')} UTC) | \`${cell(suite.rerun)}\` |`,
      );
    }
  }
  return lines.join('\n');
}

function replaceBetween(text, marker, body) {
  const start = `<!-- figures:${marker}:start -->`;
  const end = `<!-- figures:${marker}:end -->`;
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a < 0 || b < a) throw new Error(`RELIABILITY.md lacks the ${start} … ${end} markers`);
  return `${text.slice(0, a + start.length)}\n${body}\n${text.slice(b)}`;
}

const suites = await loadSuites();
if (suites.length === 0) {
  process.stderr.write(
    'error: no figures in test-results/reliability — run `npm test` or `npm run test:soak` first.\n',
  );
  process.exit(1);
}
if (process.argv.includes('--check')) process.exit(0);
const short = suites.filter((s) => !s.suite.endsWith('-soak'));
const soak = suites.filter((s) => s.suite.endsWith('-soak'));
let doc = await readFile(docFile, 'utf8');
doc = replaceBetween(doc, 'short', table(short));
doc = replaceBetween(
  doc,
  'soak',
  soak.length
    ? table(soak)
    : '_No soak run recorded yet: `npm run test:soak`, then `npm run reliability:table`._',
);
await writeFile(docFile, doc);
process.stdout.write(
  `RELIABILITY.md: ${short.length} short and ${soak.length} soak suites rendered\n`,
);
