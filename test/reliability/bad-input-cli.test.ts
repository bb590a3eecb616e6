import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, gateway, gatewayEnv } from '../support/s3.js';
import { expectCliRefusal, ferryCli, Matrix } from './bad-input.js';
import { Figures } from './figures.js';

const matrix = new Matrix();
const figures = new Figures(
  'bad-input-cli',
  'npx vitest run test/reliability/bad-input-cli.test.ts',
);
let skewServer: Server;
let skewEndpoint: string;
let bucket: Awaited<ReturnType<typeof createTestBucket>>;

beforeAll(async () => {
  bucket = await createTestBucket('badcli');
  // What any S3 server answers a request signed by a clock far off: 403 RequestTimeTooSkewed.
  skewServer = createServer((req, res) => {
    req.resume();
    res.writeHead(403, { 'content-type': 'application/xml' });
    res.end(
      '<?xml version="1.0" encoding="UTF-8"?><Error><Code>RequestTimeTooSkewed</Code>' +
        '<Message>The difference between the request time and the current time is too large.</Message></Error>',
    );
  });
  await new Promise<void>((resolve) => skewServer.listen(0, '127.0.0.1', resolve));
  skewEndpoint = `http://127.0.0.1:${(skewServer.address() as AddressInfo).port}`;
});
afterAll(async () => {
  figures.add({
    test: 'Bad input on the command line and in config files',
    injected: matrix.cases.map((c) => c.name).join('; '),
    times: TOTAL,
    held: `${matrix.cases.length}/${TOTAL}: one line \`error: … — hint\`, non-zero exit, config files left as they were`,
  });
  await figures.save();
  await new Promise((resolve) => skewServer.close(resolve));
  await bucket.remove();
});

const g = () => gateway();
const flags = (endpoint: string, access = g().accessKey, secret = g().secretKey) => [
  '--endpoint',
  endpoint,
  '--access-key',
  access,
  '--secret-key',
  secret,
];

/** name, argv, extra environment (on top of a fresh config dir), and the error code's words. */
const CASES: [string, () => string[], () => Record<string, string>, RegExp][] = [
  ['endpoint that is not a URL', () => ['ls', ...flags('not a url')], () => ({}), /endpoint/i],
  [
    'endpoint with an ftp scheme',
    () => ['ls', ...flags('ftp://127.0.0.1:21')],
    () => ({}),
    /http/i,
  ],
  [
    'endpoint with credentials in it',
    () => ['ls', ...flags('http://me:pw@127.0.0.1:9000')],
    () => ({}),
    /user name|password/i,
  ],
  [
    'endpoint with a bucket path',
    () => ['ls', ...flags('http://127.0.0.1:9000/bucket')],
    () => ({}),
    /path/i,
  ],
  [
    'endpoint where nothing listens',
    () => ['ls', ...flags('http://127.0.0.1:1')],
    () => ({}),
    /listening|reach|refused/i,
  ],
  [
    'endpoint whose host does not resolve',
    () => ['ls', ...flags('http://no-such-host.invalid:9000')],
    () => ({}),
    /resolve|host/i,
  ],
  [
    'wrong secret key',
    () => ['ls', ...flags(g().endpoint, g().accessKey, 'not-the-secret')],
    () => ({}),
    /signature|secret/i,
  ],
  [
    'unknown access key',
    () => ['ls', ...flags(g().endpoint, 'NOSUCHACCESSKEY00000', 'x')],
    () => ({}),
    /access key/i,
  ],
  [
    'access key without a secret',
    () => ['ls', '--endpoint', g().endpoint, '--access-key', 'AK'],
    () => ({}),
    /secret/i,
  ],
  [
    'clock far off (server says RequestTimeTooSkewed)',
    () => ['ls', ...flags(skewEndpoint)],
    () => ({}),
    /clock|time/i,
  ],
  ['no connection configured at all', () => ['ls'], () => ({}), /connection|endpoint/i],
  ['profile that does not exist', () => ['ls', '--profile', 'nope'], () => ({}), /profile/i],
  ['unknown command', () => ['frobnicate'], () => ({}), /unknown command/i],
  ['unknown flag', () => ['ls', '--frobnicate'], () => gatewayEnv(), /unknown option|frobnicate/i],
  ['a location that is not s3://', () => ['ls', 'extra'], () => gatewayEnv(), /s3|argument/i],
  [
    'serve on a public address',
    () => ['serve', '--host', '0.0.0.0'],
    () => gatewayEnv(),
    /only listens|this machine/i,
  ],
  ['serve on port 99999', () => ['serve', '--port', '99999'], () => gatewayEnv(), /port/i],
  ['serve on port "abc"', () => ['serve', '--port', 'abc'], () => gatewayEnv(), /port/i],
  ['flag value missing', () => ['ls', '--endpoint'], () => ({}), /argument|value|endpoint/i],
  ...(
    [
      ['--part-size', '0', /outside S3's limits/],
      ['--part-size', '1k', /outside S3's limits/],
      ['--part-size', '6G', /outside S3's limits/],
      ['--part-size', 'abc', /not a size/],
      ['--part-size', '-5M', /cannot start with a dash/],
      ['--concurrency', '0', /from 1 to 64/],
      ['--concurrency', 'abc', /from 1 to 64/],
      ['--concurrency', '-1', /cannot start with a dash/],
      ['--limit-rate', 'abc', /not a size/],
      ['--limit-rate', '0.1', /less than one byte/],
      ['--limit-rate', '-1', /cannot start with a dash/],
      ['--conflict', 'sometimes', /not a policy/],
    ] as const
  ).map(([flag, value, words]): (typeof CASES)[number] => [
    `cp ${flag} ${value}`,
    () => ['cp', flag, value, 'a.txt', 's3://bucket/'],
    () => gatewayEnv(),
    words,
  ]),
  [
    'AWS_ENDPOINT_URL malformed',
    () => ['ls'],
    () => gatewayEnv({ AWS_ENDPOINT_URL: 'http//broken' }),
    /endpoint/i,
  ],
];

/** Damaged config files: name, file in the config dir, content (null: a folder in its place). */
const DAMAGED: [string, string, string | null][] = [
  ['settings.json that is not JSON', 'settings.json', '{"concurrency": 4,,, garbage'],
  ['settings.json with wrong types', 'settings.json', '{"concurrency": "lots", "partSize": -1}'],
  [
    'settings.json with a __proto__ key',
    'settings.json',
    '{"__proto__": {"polluted": true}, "theme": "dark"}',
  ],
  ['settings.json that is a folder', 'settings.json', null],
  ['profiles.json that is not JSON', 'profiles.json', '{"profiles": [ {"id": '],
  ['transfer journal that is a folder', 'transfers/journal.jsonl', null],
  ['transfer history that is a folder', 'transfers/history.jsonl', null],
  [
    'transfer journal with garbage in the middle',
    'transfers/journal.jsonl',
    '{"op":"put","id":"a","entry":{}}\n\u0000\u0000garbage\n{"op":"drop","id":"a"}\n',
  ],
];

/** Every case of this file, so a case that failed (and recorded nothing) shows as a shortfall. */
const TOTAL = CASES.length + DAMAGED.length;

describe('bad input on the command line: one line with a hint, a non-zero exit', () => {
  it.each(CASES.map((c) => [c[0], c] as const))('%s', async (name, [, argv, env, words]) => {
    const configDir = tempConfigDir();
    const line = expectCliRefusal(
      await ferryCli(argv(), { FERRY_CONFIG_DIR: configDir, ...env() }),
      name,
    );
    expect(line, name).toMatch(words);
    matrix.record('CLI', name, line);
  });
});

describe('damaged config files: the CLI still runs and keeps the file', () => {
  it.each(DAMAGED)('%s', async (name, file, content) => {
    const configDir = tempConfigDir();
    const target = path.join(configDir, file);
    await mkdir(path.dirname(target), { recursive: true });
    if (content === null) await mkdir(target);
    else await writeFile(target, content);
    const r = await ferryCli(['ls', '--json'], { FERRY_CONFIG_DIR: configDir, ...gatewayEnv() });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: bucket.name })]),
    );
    // Nothing lost: the user's file is still there as it was (a damaged journal may be moved aside, but kept).
    if (content !== null) {
      const kept = await readFile(target, 'utf8').catch(() => undefined);
      const dir = await readdir(path.dirname(target));
      const backup = dir.find((f) => f.startsWith(`${path.basename(target)}.damaged`));
      expect(kept === content || backup !== undefined, `${name}: kept or moved aside`).toBe(true);
    }
    matrix.record('config files', name, r.stderr.trim() || 'ran normally');
  });
});
