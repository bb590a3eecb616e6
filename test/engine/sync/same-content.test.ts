import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fileMatchesEtag,
  multipartEtagsOfFile,
  partSizesFor,
} from '../../../src-main/engine/sync/same-content.js';

const MiB = 1024 * 1024;
const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');

/** The ETag S3 gives `body` uploaded in parts of `partSize`, computed here independently. */
function s3Etag(body: Buffer, partSize: number): string {
  const parts: Buffer[] = [];
  for (let at = 0; at < body.length; at += partSize) {
    parts.push(Buffer.from(md5(body.subarray(at, at + partSize)), 'hex'));
  }
  return `${md5(Buffer.concat(parts))}-${parts.length}`;
}

describe('a local file matched against a multipart ETag', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-samecontent-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('tries the part sizes that give the ETag part count: common ones and the size fitted to the parts', () => {
    // 60 MiB in 8 parts: 8 MiB (7.5 MiB rounded up to a whole MiB is 8 too).
    expect(partSizesFor(60 * MiB, 8)).toEqual([8 * MiB]);
    // 20 MiB in 3 parts: 8 MiB, and 7 MiB fitted; not 5 MiB (4 parts).
    expect(partSizesFor(20 * MiB, 3)).toEqual([7 * MiB, 8 * MiB]);
    expect(partSizesFor(100 * MiB, 7)).toEqual([15 * MiB, 16 * MiB]);
    expect(partSizesFor(10, 1)).toEqual([10]);
    expect(partSizesFor(3, 4)).toEqual([]);
  });

  it('computes the ETag of each part size in one read, a last short part included', async () => {
    const body = randomBytes(3 * MiB + 123);
    const file = path.join(dir, 'small.bin');
    await writeFile(file, body);
    const sizes = [MiB, 2 * MiB, 1000];
    expect(await multipartEtagsOfFile(file, sizes)).toEqual(sizes.map((s) => s3Etag(body, s)));
  });

  it('adopts a file with the same content under an uploader-fitted part size, and not one byte changed', async () => {
    const body = randomBytes(20 * MiB);
    const file = path.join(dir, 'fitted.bin');
    await writeFile(file, body);
    const object = { size: body.length, etag: s3Etag(body, 7 * MiB) };
    expect(await fileMatchesEtag(file, object)).toBe(true);
    expect(await fileMatchesEtag(file, { ...object, etag: s3Etag(body, 8 * MiB) })).toBe(true);
    // 6 MiB parts give 4 parts, none of the sizes tried: not recognised, so kept as a conflict.
    expect(await fileMatchesEtag(file, { ...object, etag: s3Etag(body, 6 * MiB) })).toBe(false);
    body[12 * MiB] = body[12 * MiB]! ^ 1;
    await writeFile(file, body);
    expect(await fileMatchesEtag(file, object)).toBe(false);
  });

  it('still matches a plain MD5 ETag', async () => {
    const body = randomBytes(1000);
    const file = path.join(dir, 'plain.bin');
    await writeFile(file, body);
    expect(await fileMatchesEtag(file, { size: 1000, etag: md5(body) })).toBe(true);
    expect(await fileMatchesEtag(file, { size: 1000, etag: md5(body.subarray(1)) })).toBe(false);
  });
});
