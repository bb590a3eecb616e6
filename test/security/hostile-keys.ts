/**
 * Object keys an attacker who controls a bucket could plant to make a download write outside the folder
 * the user chose: parent segments, absolute paths, Windows separators and drives, very long names and
 * control characters.
 */
import { ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';

export const HOSTILE_KEYS = [
  '../../x',
  '../escape.txt',
  '/abs',
  '/etc/ferry-pwned',
  'a/../../b',
  'a/b/../../../c',
  '..\\x',
  '..\\..\\win.txt',
  'C:\\x',
  'C:/Windows/x.txt',
  './././dot.txt',
  'a//b.txt',
  '..',
  '.',
  'dir/..',
  `${'long-'.repeat(60)}.txt`,
  `${'d'.repeat(200)}/${'e'.repeat(200)}/${'f'.repeat(250)}.txt`,
  'ctl\u0001\u0002\u001f.txt',
  'tab\tand\nnewline.txt',
  'rtl\u202egnp.exe',
  'con.txt',
  'trailing-dot.',
  'trailing-space ',
] as const;

/** Puts every hostile key that the server accepts; answers the keys actually stored, as listed. */
export async function seedHostileKeys(client: S3Client, bucket: string): Promise<string[]> {
  for (const key of HOSTILE_KEYS) {
    await client
      .send(
        new PutObjectCommand({
          Bucket: bucket,
          Key: key,
          Body: `content of ${JSON.stringify(key)}`,
        }),
      )
      .catch(() => undefined); // a server may refuse some names; the listing says what it kept
  }
  const stored: string[] = [];
  let token: string | undefined;
  do {
    // URL-encoded: control characters cannot travel in XML 1.0, and Swift answers a listing that holds one
    // with a 500 unless asked to encode. Spaces may come back as '+' or %20.
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token, EncodingType: 'url' }),
    );
    for (const o of page.Contents ?? [])
      stored.push(decodeURIComponent(o.Key!.replace(/\+/g, '%20')));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return stored;
}
