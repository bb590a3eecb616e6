import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ZipWriter, type ZipOptions } from '../../src-main/serve/zip.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'ferry-zip-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Builds an archive in memory and saves it; answers its path. */
async function build(
  name: string,
  fill: (zip: ZipWriter) => Promise<void>,
  options?: ZipOptions,
): Promise<string> {
  const chunks: Buffer[] = [];
  const zip = new ZipWriter(async (chunk) => void chunks.push(Buffer.from(chunk)), options);
  await fill(zip);
  await zip.finish();
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.concat(chunks));
  return file;
}

/** What Python's zipfile reads back: every name with the MD5 of its bytes, after its own CRC test. */
function pythonRead(file: string): Record<string, string> {
  const script = `
import hashlib, json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
bad = z.testzip()
if bad: raise SystemExit('bad CRC: ' + bad)
print(json.dumps({i.filename: hashlib.md5(z.read(i)).hexdigest() for i in z.infolist()}))
`;
  return JSON.parse(
    execFileSync('python3', ['-c', script, file], {
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    }),
  ) as Record<string, string>;
}

const md5 = async (data: Buffer) =>
  (await import('node:crypto')).createHash('md5').update(data).digest('hex');

describe('the streaming zip writer', () => {
  const big = randomBytes(3 * 1024 * 1024 + 7);
  const entries = async (zip: ZipWriter) => {
    await zip.file('relatório – ação.txt', 13, new Date(2026, 0, 2, 3, 4, 6), [
      Buffer.from('Olá, 日本語\n'),
    ]);
    await zip.directory('album/empty/', new Date());
    await zip.file('album/empty.bin', 0, new Date(), []);
    // Streamed in pieces, as an object body arrives.
    await zip.file('album/big.bin', big.length, new Date(), [
      big.subarray(0, 1000),
      big.subarray(1000, 2_000_000),
      big.subarray(2_000_000),
    ]);
  };

  for (const [label, options] of [
    ['plain records', {}],
    ['ZIP64 records', { forceZip64: true }],
  ] as const) {
    it(`writes an archive unzip and Python read back, with ${label}`, async () => {
      const file = await build(`${label.split(' ')[0]}.zip`, entries, options);
      expect(execFileSync('unzip', ['-t', file], { encoding: 'utf8' })).toMatch(
        /No errors detected/,
      );
      expect(pythonRead(file)).toEqual({
        'relatório – ação.txt': await md5(Buffer.from('Olá, 日本語\n')),
        'album/empty/': await md5(Buffer.alloc(0)),
        'album/empty.bin': await md5(Buffer.alloc(0)),
        'album/big.bin': await md5(big),
      });
    });
  }

  it('switches to ZIP64 end records past 65,535 entries', { timeout: 60_000 }, async () => {
    const count = 65_536;
    const file = await build('many.zip', async (zip) => {
      for (let i = 0; i < count; i++) await zip.file(`f/${i}`, 1, new Date(), [Buffer.from('x')]);
    });
    const names = Object.keys(pythonRead(file));
    expect(names).toHaveLength(count);
    expect(names.at(-1)).toBe(`f/${count - 1}`);
  });
});
