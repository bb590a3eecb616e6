import { readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectTaggingCommand,
  HeadObjectCommand,
  PutObjectCommand,
  UploadPartCommand,
  CreateBucketCommand,
  DeleteBucketCommand,
  ListObjectsV2Command,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectKeyExactCopy, seedAwkward } from '../support/awkward-keys.js';
import { runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, gateway, rawClient, removeBucket } from '../support/s3.js';
import { listBucket, readObject, tempFolder } from '../support/watch.js';

/** The summary line `ferry sync` prints last. */
const summary = (stdout: string) => stdout.trim().split('\n').at(-1) ?? '';

async function put(client: S3Client, bucket: string, key: string, body: string): Promise<void> {
  await client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
}

/** An object uploaded in one multipart part: its ETag ends in `-1` and is no MD5 of the content. */
async function putMultipart(client: S3Client, bucket: string, key: string, body: string) {
  const { UploadId } = await client.send(
    new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }),
  );
  const part = await client.send(
    new UploadPartCommand({ Bucket: bucket, Key: key, UploadId, PartNumber: 1, Body: body }),
  );
  await client.send(
    new CompleteMultipartUploadCommand({
      Bucket: bucket,
      Key: key,
      UploadId,
      MultipartUpload: { Parts: [{ PartNumber: 1, ETag: part.ETag }] },
    }),
  );
}

describe('ferry sync from a bucket into a folder', () => {
  const client = rawClient();
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const folders: string[] = [];
  beforeAll(async () => {
    bucket = await createTestBucket('syncdown');
  });
  afterAll(async () => {
    await bucket.remove();
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });
  const folder = () => {
    const f = tempFolder('syncdown');
    folders.push(f);
    return f;
  };

  it('downloads, re-syncs nothing unchanged, follows remote changes, keeps local edits and deletes only with --delete', async () => {
    const b = bucket.name;
    await put(client, b, 'm/a.txt', 'alpha-1');
    await put(client, b, 'm/d/b.txt', 'bravo');
    await putMultipart(client, b, 'm/big.bin', 'multipart body');
    const dir = path.join(folder(), 'mirror');
    const configDir = tempConfigDir();
    const sync = (...extra: string[]) =>
      runFerry(['sync', `s3://${b}/m/`, dir, ...extra], configDir);
    const file = (rel: string) => path.join(dir, rel);

    const plan = await sync('--dry-run');
    expect(plan.stdout).toContain('download s3://' + b + '/m/d/b.txt → d/b.txt');
    expect(summary(plan.stdout)).toBe(
      'would download 3, would keep both 0, would delete 0, unchanged 0, kept 0, skipped 0',
    );
    await expect(stat(dir)).rejects.toThrow();

    const first = await sync();
    expect(first.stderr).toBe('');
    expect(summary(first.stdout)).toBe(
      'downloaded 3, kept both 0, deleted 0, unchanged 0, kept 0, skipped 0',
    );
    expect(await readFile(file('d/b.txt'), 'utf8')).toBe('bravo');
    expect(await readFile(file('big.bin'), 'utf8')).toBe('multipart body');
    const before = (await stat(file('big.bin'))).mtimeMs;

    // Nothing changed: nothing is downloaded (the multipart ETag is compared with the last sync's, not an MD5).
    const again = await sync();
    expect(summary(again.stdout)).toBe(
      'downloaded 0, kept both 0, deleted 0, unchanged 3, kept 0, skipped 0',
    );
    expect((await stat(file('big.bin'))).mtimeMs).toBe(before);

    // Same size, new content: the ETag tells.
    await put(client, b, 'm/a.txt', 'alpha-2');
    const changed = await sync();
    expect(changed.stdout).toContain('download s3://' + b + '/m/a.txt → a.txt (7 B) [changed]');
    expect(await readFile(file('a.txt'), 'utf8')).toBe('alpha-2');

    // Edited here and there: both kept, and the next sync saves no second copy.
    await writeFile(file('a.txt'), 'mine');
    await put(client, b, 'm/a.txt', 'alpha-3');
    const conflict = await sync();
    expect(conflict.code).toBe(0);
    expect(summary(conflict.stdout)).toContain('kept both 1');
    expect(await readFile(file('a.txt'), 'utf8')).toBe('mine');
    const copies = (await readdir(dir)).filter((n) =>
      /^a \(conflict \d{4}-\d\d-\d\d \d{4}\)\.txt$/.test(n),
    );
    expect(copies).toHaveLength(1);
    expect(await readFile(file(copies[0]!), 'utf8')).toBe('alpha-3');
    const calm = await sync();
    expect(summary(calm.stdout)).toBe(
      'downloaded 0, kept both 0, deleted 0, unchanged 2, kept 1, skipped 0',
    );
    expect(calm.stdout).toContain('keep     a.txt: changed here, unchanged in the bucket: kept');

    // Deleted in the bucket: kept without --delete, deleted with it.
    await client.send(new DeleteObjectCommand({ Bucket: b, Key: 'm/d/b.txt' }));
    const kept = await sync();
    expect(kept.stdout).toContain('keep     d/b.txt: deleted in the bucket (add --delete');
    expect(await readFile(file('d/b.txt'), 'utf8')).toBe('bravo');
    const mirrored = await sync('--delete');
    expect(summary(mirrored.stdout)).toBe(
      'downloaded 0, kept both 0, deleted 1, unchanged 1, kept 1, skipped 0',
    );
    await expect(stat(file('d/b.txt'))).rejects.toThrow();
    // The edited file and its conflict copy are the user's: --delete never touches them.
    expect(await readFile(file('a.txt'), 'utf8')).toBe('mine');
    expect(await readFile(file(copies[0]!), 'utf8')).toBe('alpha-3');
  }, 120_000);

  it('refuses keys that are no safe path inside the folder, and downloads the rest', async () => {
    const b = bucket.name;
    // Each with the words of its own problem: `t//dbl.txt` under `t/` is an empty segment, not an absolute path.
    const why: Record<string, string> = {
      't/../escape.txt': 'it has a "." or ".." segment',
      't/./dot.txt': 'it has a "." or ".." segment',
      't/a\\b.txt': 'it contains a backslash',
      't//dbl.txt': 'it has an empty segment ("//")',
    };
    const unsafe = Object.keys(why);
    const accepted: string[] = [];
    for (const key of unsafe) {
      // A server may itself refuse such a key; those it stores are the ones to check.
      await put(client, b, key, 'x').then(
        () => accepted.push(key),
        () => undefined,
      );
    }
    expect(accepted).toEqual(expect.arrayContaining(['t/a\\b.txt', 't//dbl.txt']));
    await put(client, b, 't/ok.txt', 'fine');
    const listed = [...(await listBucket(b)).keys()].filter((k) => k.startsWith('t/'));
    const parent = folder();
    const dir = path.join(parent, 'inner');
    const out = await runFerry(['sync', `s3://${b}/t/`, dir], tempConfigDir());
    expect(out.code).toBe(0);
    expect(await readFile(path.join(dir, 'ok.txt'), 'utf8')).toBe('fine');
    const refused = listed.filter((k) => k !== 't/ok.txt');
    expect(refused.length).toBeGreaterThan(0);
    for (const key of refused) {
      expect(out.stdout).toContain(
        `skip     ${key}: The key "${key}" cannot be a file in the folder: ${why[key]}.`,
      );
    }
    expect(summary(out.stdout)).toBe(
      `downloaded 1, kept both 0, deleted 0, unchanged 0, kept 0, skipped ${refused.length}`,
    );
    // Nothing landed beside or above the folder, nor under another name in it.
    expect(await readdir(parent)).toEqual(['inner']);
    expect(await readdir(dir)).toEqual(['ok.txt']);
  });

  it('downloads all 300 objects of a prefix, then finds nothing to do', async () => {
    const b = bucket.name;
    const keys = Array.from(
      { length: 300 },
      (_, i) => `many/${i % 10 === 0 ? 'sub/' : ''}o${i}.txt`,
    );
    for (let i = 0; i < keys.length; i += 25) {
      await Promise.all(keys.slice(i, i + 25).map((k) => put(client, b, k, `object ${k}`)));
    }
    const dir = folder();
    const configDir = tempConfigDir();
    const first = await runFerry(['sync', `s3://${b}/many/`, dir], configDir);
    expect(first.code).toBe(0);
    expect(summary(first.stdout)).toBe(
      'downloaded 300, kept both 0, deleted 0, unchanged 0, kept 0, skipped 0',
    );
    expect(
      (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.txt')),
    ).toHaveLength(300);
    expect(await readFile(path.join(dir, 'sub/o290.txt'), 'utf8')).toBe('object many/sub/o290.txt');
    const again = await runFerry(['sync', `s3://${b}/many/`, dir], configDir);
    expect(summary(again.stdout)).toBe(
      'downloaded 0, kept both 0, deleted 0, unchanged 300, kept 0, skipped 0',
    );
  }, 120_000);
});

describe('ferry sync from a bucket into a bucket', () => {
  const client = rawClient();
  const tagging = gateway().kind !== 'swift';
  let source: Awaited<ReturnType<typeof createTestBucket>>;
  let target: Awaited<ReturnType<typeof createTestBucket>>;
  beforeAll(async () => {
    [source, target] = await Promise.all([
      createTestBucket('syncsrc'),
      createTestBucket('syncdst'),
    ]);
    const headers = {
      ContentType: 'text/csv',
      CacheControl: 'max-age=60',
      Metadata: { owner: 'ana' },
    };
    await client.send(
      new PutObjectCommand({
        Bucket: source.name,
        Key: 's/r.csv',
        Body: 'a,b',
        ...headers,
        // Swift's s3api does not do tagging (501): its objects have none to copy.
        ...(tagging ? { Tagging: 'case=a%20b&owner=ana%2B1' } : {}),
      }),
    );
    await putMultipart(client, source.name, 's/deep/m.bin', 'multipart body');
    await put(client, source.name, 's/gone.txt', 'soon deleted');
  });
  afterAll(async () => {
    await Promise.all([source.remove(), target.remove()]);
  });

  /** Checks the copy of `s/r.csv` at `key`: same bytes, same headers, metadata and tags. */
  async function expectCsvCopy(key: string) {
    const head = await client.send(new HeadObjectCommand({ Bucket: target.name, Key: key }));
    expect(head.ContentLength).toBe(3);
    expect(head.ContentType).toBe('text/csv');
    expect(head.CacheControl).toBe('max-age=60');
    expect(head.Metadata).toEqual({ owner: 'ana' });
    if (tagging) {
      const tags = await client.send(
        new GetObjectTaggingCommand({ Bucket: target.name, Key: key }),
      );
      expect(Object.fromEntries((tags.TagSet ?? []).map((t) => [t.Key, t.Value]))).toEqual({
        case: 'a b',
        owner: 'ana+1',
      });
    }
  }

  /** A config folder with a profile `name` for `server` (the same server behind another connection, or the peer). */
  async function withProfile(
    name: string,
    server: { endpoint: string; accessKey: string; secretKey: string },
  ): Promise<string> {
    const configDir = tempConfigDir();
    const add = await runFerry(
      [
        'profiles',
        'add',
        name,
        '--endpoint',
        server.endpoint,
        '--access-key',
        server.accessKey,
        '--secret-key',
        server.secretKey,
        '--path-style',
      ],
      configDir,
    );
    expect(add.code).toBe(0);
    return configDir;
  }

  // Run only when both projects run (the whole suite, or `--project ceph --project swift`).
  const peer = inject('peer');
  it.runIf(peer)(
    'migrates to the other server (Ceph RGW ↔ Swift), headers and metadata kept',
    async () => {
      const p = peer!;
      const other = rawClient(p);
      const bucket = `t-migrate-${gateway().kind}-${Date.now().toString(36)}`;
      await other.send(new CreateBucketCommand({ Bucket: bucket }));
      try {
        const configDir = await withProfile('peer', p);
        const sync = () =>
          runFerry(
            ['sync', `s3://${source.name}/s/`, `s3://${bucket}/m/`, '--dst-profile', 'peer'],
            configDir,
          );
        const first = await sync();
        expect(first.stderr).toBe('');
        expect(summary(first.stdout)).toBe('copied 3, deleted 0, unchanged 0, kept 0, skipped 0');
        const head = await other.send(new HeadObjectCommand({ Bucket: bucket, Key: 'm/r.csv' }));
        expect(head.ContentType).toBe('text/csv');
        expect(head.CacheControl).toBe('max-age=60');
        expect(head.Metadata).toEqual({ owner: 'ana' });
        // (Tags go only where both servers do tagging: Ceph's tagged r.csv reaches Swift without them,
        // and the copy does not fail for it: stderr above is empty.)
        expect(summary((await sync()).stdout)).toBe(
          'copied 0, deleted 0, unchanged 3, kept 0, skipped 0',
        );
      } finally {
        const listed = await other.send(new ListObjectsV2Command({ Bucket: bucket }));
        for (const o of listed.Contents ?? []) {
          await other.send(new DeleteObjectCommand({ Bucket: bucket, Key: o.Key }));
        }
        await other.send(new DeleteBucketCommand({ Bucket: bucket }));
      }
    },
    90_000,
  );

  for (const across of [false, true]) {
    it(`copies ${across ? 'through Ferry between two connections' : 'server-side on one connection'}, keeps headers and metadata, then copies only changes and deletes only with --delete`, async () => {
      const configDir = across ? await withProfile('other', gateway()) : tempConfigDir();
      const to = across ? 'across/' : 'same/';
      const extra = across ? ['--dst-profile', 'other'] : [];
      const sync = (...more: string[]) =>
        runFerry(
          ['sync', `s3://${source.name}/s/`, `s3://${target.name}/${to}`, ...extra, ...more],
          configDir,
        );
      const first = await sync();
      expect(first.stderr).toBe('');
      expect(summary(first.stdout)).toBe('copied 3, deleted 0, unchanged 0, kept 0, skipped 0');
      await expectCsvCopy(`${to}r.csv`);
      const listed = await listBucket(target.name);
      expect(listed.get(`${to}deep/m.bin`)).toBe(14);
      const again = await sync();
      expect(summary(again.stdout)).toBe('copied 0, deleted 0, unchanged 3, kept 0, skipped 0');

      await put(client, source.name, 's/deep/m.bin', 'multipart BODY');
      await client.send(new DeleteObjectCommand({ Bucket: source.name, Key: 's/gone.txt' }));
      const changed = await sync();
      expect(changed.stdout).toContain(`→ s3://${target.name}/${to}deep/m.bin (14 B) [changed]`);
      expect(summary(changed.stdout)).toBe('copied 1, deleted 0, unchanged 1, kept 1, skipped 0');
      expect((await listBucket(target.name)).has(`${to}gone.txt`)).toBe(true);
      const mirrored = await sync('--delete');
      expect(summary(mirrored.stdout)).toBe('copied 0, deleted 1, unchanged 2, kept 0, skipped 0');
      expect((await listBucket(target.name)).has(`${to}gone.txt`)).toBe(false);
      // Put back for the next case.
      await put(client, source.name, 's/gone.txt', 'soon deleted');
      await put(client, source.name, 's/deep/m.bin', 'multipart body');
    }, 90_000);
  }

  for (const across of [false, true]) {
    it(`keeps an object edited only at the target ${across ? 'between two connections' : 'on one connection'}, and sends the source's version when both changed`, async () => {
      const configDir = across ? await withProfile('other', gateway()) : tempConfigDir();
      const to = across ? 'ow-across/' : 'ow-same/';
      const extra = across ? ['--dst-profile', 'other'] : [];
      const sync = () =>
        runFerry(
          ['sync', `s3://${source.name}/ow/`, `s3://${target.name}/${to}`, ...extra],
          configDir,
        );
      await put(client, source.name, 'ow/a.txt', 'alpha');
      await put(client, source.name, 'ow/b.txt', 'bravo');
      expect(summary((await sync()).stdout)).toBe(
        'copied 2, deleted 0, unchanged 0, kept 0, skipped 0',
      );

      // Same size, other bytes: only the ETag tells the target's edit.
      await put(client, target.name, `${to}a.txt`, 'ALPHA');
      await put(client, target.name, `${to}b.txt`, 'BRAVO');
      await put(client, source.name, 'ow/b.txt', 'bravo 2');
      const edited = await sync();
      expect(edited.stderr).toBe('');
      expect(edited.stdout).toContain(
        `keep     s3://${target.name}/${to}a.txt: changed at the target, unchanged at the source: kept`,
      );
      expect(edited.stdout).toContain(`→ s3://${target.name}/${to}b.txt (7 B) [changed]`);
      expect(summary(edited.stdout)).toBe('copied 1, deleted 0, unchanged 0, kept 1, skipped 0');
      expect(await readObject(target.name, `${to}a.txt`)).toBe('ALPHA');
      expect(await readObject(target.name, `${to}b.txt`)).toBe('bravo 2');
      // And on every later run.
      expect(summary((await sync()).stdout)).toBe(
        'copied 0, deleted 0, unchanged 1, kept 1, skipped 0',
      );
      expect(await readObject(target.name, `${to}a.txt`)).toBe('ALPHA');
    }, 90_000);
  }

  for (const across of [false, true]) {
    it(`copies every key byte for byte ${across ? 'through Ferry between two connections' : 'server-side on one connection'} — "..", ".", "//", a backslash, unicode, folder markers with and without content — and the summary adds up`, async () => {
      const from = `awk-${across ? 'x' : 's'}/`;
      const to = `keys-${across ? 'x' : 's'}/`;
      const stored = await seedAwkward(client, source.name, from);
      const configDir = across ? await withProfile('other', gateway()) : tempConfigDir();
      const sync = () =>
        runFerry(
          [
            'sync',
            `s3://${source.name}/${from}`,
            `s3://${target.name}/${to}`,
            ...(across ? ['--dst-profile', 'other'] : []),
          ],
          configDir,
        );
      const first = await sync();
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      expect(summary(first.stdout)).toBe(
        `copied ${stored.size}, deleted 0, unchanged 0, kept 0, skipped 0`,
      );
      await expectKeyExactCopy(stored, from, { client, bucket: target.name, prefix: to });
      // The baseline holds every such key: nothing is copied twice.
      const again = await sync();
      expect(summary(again.stdout)).toBe(
        `copied 0, deleted 0, unchanged ${stored.size}, kept 0, skipped 0`,
      );
    }, 90_000);
  }

  it('skips, names and fails on a key the target cannot hold (over 1,024 bytes under the longer prefix), copying the rest', async () => {
    const long = `long/${'l'.repeat(1015)}`;
    await put(client, source.name, long, 'long');
    await put(client, source.name, 'long/short.txt', 'short');
    const to = 'a-much-longer-target-prefix/';
    const out = await runFerry(
      ['sync', `s3://${source.name}/long/`, `s3://${target.name}/${to}`],
      tempConfigDir(),
    );
    expect(out.code).toBe(1);
    expect(summary(out.stdout)).toBe('copied 1, deleted 0, unchanged 0, kept 0, skipped 1');
    expect(out.stderr).toContain(
      `would be ${to.length + 1015} bytes long at the destination, over the 1,024 bytes S3 allows`,
    );
    expect(out.stderr).toContain(`[${'l'.repeat(1015)}]`);
    expect([...(await listBucket(target.name)).keys()].filter((k) => k.startsWith(to))).toEqual([
      `${to}short.txt`,
    ]);
  });

  it.runIf(peer)(
    'copies every awkward key byte for byte to the other server (Ceph RGW ↔ Swift)',
    async () => {
      const p = peer!;
      const other = rawClient(p);
      const bucket = `t-awkward-${gateway().kind}-${Date.now().toString(36)}`;
      await other.send(new CreateBucketCommand({ Bucket: bucket }));
      try {
        const stored = await seedAwkward(client, source.name, 'awk-peer/');
        const configDir = await withProfile('peer', p);
        const out = await runFerry(
          ['sync', `s3://${source.name}/awk-peer/`, `s3://${bucket}/m/`, '--dst-profile', 'peer'],
          configDir,
        );
        expect(out.stderr).toBe('');
        expect(summary(out.stdout)).toBe(
          `copied ${stored.size}, deleted 0, unchanged 0, kept 0, skipped 0`,
        );
        await expectKeyExactCopy(stored, 'awk-peer/', { client: other, bucket, prefix: 'm/' });
      } finally {
        await removeBucket(other, bucket);
      }
    },
    90_000,
  );
});
