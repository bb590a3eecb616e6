import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { isPlainMd5, md5OfFile, multipartEtag } from '../transfer/integrity.js';

const MiB = 1024 * 1024;

/** Part sizes common uploaders use: S3's 5 MiB minimum, aws-cli and Ferry's 8, rclone's 5 and 16, s3cmd's 15, 64. */
const COMMON_PART_SIZES = [5, 8, 15, 16, 64].map((n) => n * MiB);

const multipart = /^([0-9a-f]{32})-(\d+)$/i;

/**
 * The part sizes that would cut `size` bytes into exactly `parts` parts: the common ones, and the size
 * divided by the part count, rounded up to a whole MiB (what uploaders that fit the parts to the file do).
 */
export function partSizesFor(size: number, parts: number): number[] {
  if (parts < 1 || size < parts) return [];
  // One part holds the whole file, whatever the part size was.
  if (parts === 1) return [size];
  const fitted = Math.ceil(size / parts / MiB) * MiB;
  const sizes = [...COMMON_PART_SIZES, fitted].filter((p) => Math.ceil(size / p) === parts);
  return [...new Set(sizes)].sort((a, b) => a - b);
}

/** The multipart ETag of a file for each part size, in one read of it. */
export async function multipartEtagsOfFile(file: string, partSizes: number[]): Promise<string[]> {
  const cuts = partSizes.map((partSize) => ({
    partSize,
    md5s: [] as string[],
    hash: createHash('md5'),
    filled: 0,
  }));
  for await (const chunk of createReadStream(file, { highWaterMark: MiB })) {
    const bytes = chunk as Buffer;
    for (const cut of cuts) {
      for (let at = 0; at < bytes.length;) {
        const take = Math.min(cut.partSize - cut.filled, bytes.length - at);
        cut.hash.update(bytes.subarray(at, at + take));
        cut.filled += take;
        at += take;
        if (cut.filled === cut.partSize) {
          cut.md5s.push(cut.hash.digest('hex'));
          cut.hash = createHash('md5');
          cut.filled = 0;
        }
      }
    }
  }
  return cuts.map((cut) => {
    const md5s = cut.filled > 0 ? [...cut.md5s, cut.hash.digest('hex')] : cut.md5s;
    return multipartEtag(md5s);
  });
}

/**
 * True when the file holds exactly the object: its MD5 against a plain ETag, or against a multipart ETag
 * (`md5-N`) the ETag of its N parts for each part size that gives N parts. Asked only at equal sizes; a
 * multipart file is read once, whatever the number of part sizes tried.
 */
export async function fileMatchesEtag(
  file: string,
  object: { size: number; etag: string },
): Promise<boolean> {
  const etag = object.etag.toLowerCase();
  if (isPlainMd5(etag)) return (await md5OfFile(file)) === etag;
  const match = multipart.exec(etag);
  if (!match) return false;
  const partSizes = partSizesFor(object.size, Number(match[2]));
  if (partSizes.length === 0) return false;
  return (await multipartEtagsOfFile(file, partSizes)).includes(etag);
}
