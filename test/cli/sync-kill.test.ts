import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  CreateBucketCommand,
  GetObjectCommand,
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ferryBin, runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, gateway, gatewayEnv, rawClient, removeBucket } from '../support/s3.js';
import { tempFolder } from '../support/watch.js';

// `kill -9` of `ferry sync` in the middle of copying multipart-sized objects, then the same command again:
// everything arrives, each object is checked byte for byte, nothing already done is copied twice, no
// partial file is left in sight, and the second run exits 0.

const MiB = 1024 * 1024;
/** Three parts of a streamed copy (8 MiB each), so a kill lands between parts of some object. */
const BIG = 20 * MiB;
const md5 = (b: Uint8Array) => createHash('md5').update(b).digest('hex');
const lastLine = (stdout: string) => stdout.trim().split('\n').at(-1) ?? '';

/** A few multipart-sized objects and two small ones: key → content MD5 and size. */
function makeObjects(): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (let i = 0; i < 3; i++) out.set(`big-${i}.bin`, randomBytes(BIG + i * 1000));
  out.set('small.txt', Buffer.from('small'));
  out.set('deep/note.txt', Buffer.from('a note'));
  return out;
}

async function seed(
  client: S3Client,
  bucket: string,
  prefix: string,
  objects: Map<string, Buffer>,
) {
  await Promise.all(
    [...objects].map(([rel, Body]) =>
      client.send(new PutObjectCommand({ Bucket: bucket, Key: `${prefix}${rel}`, Body })),
    ),
  );
}

/** Starts `ferry ARGS` as a user would, and kills it with SIGKILL once `ready()` says so. */
async function killWhen(
  args: string[],
  configDir: string,
  ready: () => Promise<boolean>,
): Promise<void> {
  const child = spawn(ferryBin, args, {
    env: { PATH: process.env['PATH'] ?? '', FERRY_CONFIG_DIR: configDir, ...gatewayEnv() },
    stdio: 'ignore',
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let ended = false;
  void exited.then(() => (ended = true));
  while (!ended && !(await ready())) await new Promise((r) => setTimeout(r, 20));
  expect(ended, 'the sync ended before the kill: it must land mid-copy').toBe(false);
  child.kill('SIGKILL');
  await exited;
}

async function listKeys(client: S3Client, bucket: string): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

describe('ferry sync killed with SIGKILL mid-copy, then run again', () => {
  const client = rawClient();
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const objects = makeObjects();
  const rels = [...objects.keys()].sort();
  beforeAll(async () => {
    bucket = await createTestBucket('synckill');
  });
  afterAll(async () => {
    await bucket.remove();
  });

  it('bucket → folder: every file arrives whole, none twice, no partial file left', async () => {
    await seed(client, bucket.name, 'down/', objects);
    const folder = tempFolder('synckill');
    const configDir = tempConfigDir();
    const args = ['sync', `s3://${bucket.name}/down/`, folder];
    const partials = async () =>
      (await readdir(folder, { recursive: true }).catch(() => [])).filter((n) =>
        n.endsWith('.ferry-partial'),
      );
    // Killed while a download is being written (its partial file exists).
    await killWhen(args, configDir, async () => (await partials()).length > 0);
    const before = (await readdir(folder, { recursive: true })).filter((n) =>
      objects.has(n.split(path.sep).join('/')),
    );
    expect(before.length).toBeLessThan(rels.length);

    const again = await runFerry(args, configDir);
    expect(again.stderr).toBe('');
    expect(again.code).toBe(0);
    // What was in place before the kill is not downloaded again.
    expect(lastLine(again.stdout)).toBe(
      `downloaded ${rels.length - before.length}, kept both 0, deleted 0, unchanged ${before.length}, kept 0, skipped 0`,
    );
    const files = (await readdir(folder, { recursive: true, withFileTypes: true }))
      .filter((e) => e.isFile())
      .map((e) => path.relative(folder, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
      .sort();
    expect(files).toEqual(rels);
    for (const rel of rels) {
      expect(md5(await readFile(path.join(folder, rel))), rel).toBe(md5(objects.get(rel)!));
    }
    await rm(folder, { recursive: true, force: true });
  }, 120_000);

  // Ceph RGW → Swift (run when both projects run; on the ceph project only, to keep the suite lean).
  const peer = inject('peer');
  it.runIf(peer && gateway().kind === 'ceph')(
    'migration to the other server: every object arrives verified, none twice, no upload left open',
    async () => {
      const p = peer!;
      const other = rawClient(p);
      const target = `t-synckill-${Date.now().toString(36)}`;
      await other.send(new CreateBucketCommand({ Bucket: target }));
      try {
        await seed(client, bucket.name, 'mig/', objects);
        const configDir = tempConfigDir();
        const add = await runFerry(
          [
            'profiles',
            'add',
            'peer',
            ...['--endpoint', p.endpoint, '--access-key', p.accessKey, '--secret-key', p.secretKey],
            '--path-style',
          ],
          configDir,
        );
        expect(add.code).toBe(0);
        const args = [
          'sync',
          `s3://${bucket.name}/mig/`,
          `s3://${target}/`,
          '--dst-profile',
          'peer',
        ];
        const open = async () =>
          (await other.send(new ListMultipartUploadsCommand({ Bucket: target }))).Uploads ?? [];
        // Killed while a multipart copy is open on the target.
        await killWhen(args, configDir, async () => (await open()).length > 0);
        const before = await listKeys(other, target);
        expect(before.length).toBeLessThan(rels.length);

        const again = await runFerry(args, configDir);
        expect(again.stderr).toBe('');
        expect(again.code).toBe(0);
        expect(lastLine(again.stdout)).toBe(
          `copied ${rels.length - before.length}, deleted 0, unchanged ${before.length}, kept 0, skipped 0`,
        );
        expect(await listKeys(other, target)).toEqual(rels);
        for (const rel of rels) {
          const got = await other.send(new GetObjectCommand({ Bucket: target, Key: rel }));
          const bytes = await got.Body!.transformToByteArray();
          expect(bytes.length, rel).toBe(objects.get(rel)!.length);
          expect(md5(bytes), rel).toBe(md5(objects.get(rel)!));
        }
        // The upload the kill interrupted is not left open on the target (it would hold its parts forever).
        expect(await open()).toEqual([]);
      } finally {
        await removeBucket(other, target);
      }
    },
    120_000,
  );
});
