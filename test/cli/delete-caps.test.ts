import { mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DeleteObjectsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, rawClient } from '../support/s3.js';
import { listBucket, tempFolder } from '../support/watch.js';

/** 20 synced, 12 gone: under the default count cap (50) but over the percentage cap (10 % of 20). */
const FILES = 20;
const GONE = 12;
const names = Array.from({ length: FILES }, (_, i) => `f${String(i).padStart(2, '0')}.txt`);

describe('ferry sync --delete --max-delete N', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const configDir = tempConfigDir();
  const folders: string[] = [];
  beforeAll(async () => {
    bucket = await createTestBucket('clicaps');
  });
  afterAll(async () => {
    await bucket.remove();
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });
  const folder = async (label: string, files: string[] = names) => {
    const dir = tempFolder(label);
    folders.push(dir);
    await mkdir(dir, { recursive: true });
    for (const n of files) await writeFile(path.join(dir, n), n);
    return dir;
  };
  const fill = async (prefix: string) => {
    for (const n of names) {
      await rawClient().send(
        new PutObjectCommand({ Bucket: bucket.name, Key: `${prefix}${n}`, Body: n }),
      );
    }
  };
  const removeObjects = (prefix: string) =>
    rawClient().send(
      new DeleteObjectsCommand({
        Bucket: bucket.name,
        Delete: { Objects: names.slice(0, GONE).map((n) => ({ Key: `${prefix}${n}` })) },
      }),
    );
  const keysUnder = async (prefix: string) =>
    [...(await listBucket(bucket.name)).keys()].filter((k) => k.startsWith(prefix)).length;

  it('folder → bucket: the advice names the number, the dry run counts what it holds back, and that number gets through', async () => {
    const dir = await folder('clicaps-up');
    const url = `s3://${bucket.name}/up/`;
    expect((await runFerry(['sync', dir, url], configDir)).code).toBe(0);
    for (const n of names.slice(0, GONE)) await unlink(path.join(dir, n));
    const dry = await runFerry(['sync', dir, url, '--delete', '--dry-run'], configDir);
    expect(dry.stdout).toContain(`would delete 0, would hold back ${GONE},`);
    const held = await runFerry(['sync', dir, url, '--delete'], configDir);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain(`re-run with --max-delete ${GONE} (or --force-delete)`);
    const through = await runFerry(
      ['sync', dir, url, '--delete', '--max-delete', String(GONE)],
      configDir,
    );
    expect(through.stdout).toContain(`deleted ${GONE}`);
    expect(through.code).toBe(0);
    expect(await keysUnder('up/')).toBe(FILES - GONE);
  });

  it('bucket → folder: --max-delete N lifts the percentage cap too', async () => {
    await fill('down/');
    const dir = await folder('clicaps-down', []);
    const url = `s3://${bucket.name}/down/`;
    expect((await runFerry(['sync', url, dir], configDir)).code).toBe(0);
    await removeObjects('down/');
    const dry = await runFerry(['sync', url, dir, '--delete', '--dry-run'], configDir);
    expect(dry.stdout).toContain(`would delete 0, would hold back ${GONE},`);
    const held = await runFerry(['sync', url, dir, '--delete'], configDir);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain(`re-run with --max-delete ${GONE} (or --force-delete)`);
    const through = await runFerry(
      ['sync', url, dir, '--delete', '--max-delete', String(GONE)],
      configDir,
    );
    expect(through.stdout).toContain(`deleted ${GONE}`);
    expect(through.code).toBe(0);
  });

  it('bucket → bucket: --max-delete N lifts the percentage cap too', async () => {
    await fill('src/');
    const from = `s3://${bucket.name}/src/`;
    const to = `s3://${bucket.name}/dst/`;
    expect((await runFerry(['sync', from, to], configDir)).code).toBe(0);
    await removeObjects('src/');
    const held = await runFerry(['sync', from, to, '--delete'], configDir);
    expect(held.code).toBe(1);
    expect(held.stderr).toContain(`re-run with --max-delete ${GONE} (or --force-delete)`);
    const through = await runFerry(
      ['sync', from, to, '--delete', '--max-delete', String(GONE)],
      configDir,
    );
    expect(through.stdout).toContain(`deleted ${GONE}`);
    expect(through.code).toBe(0);
    expect(await keysUnder('dst/')).toBe(FILES - GONE);
  });
});
