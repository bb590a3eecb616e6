import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  GetObjectCommand,
  ListObjectVersionsCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ObjectVersion } from '../../src-shared/contract/index.js';
import { runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, rawClient, serverKind } from '../support/s3.js';

// The whole life of a versioned object through the CLI, on both servers: three versions, download one,
// restore one, delete (a marker), undelete, delete one version for good.
const s3 = rawClient();
const dir = tempConfigDir();
const local = mkdtempSync(path.join(tmpdir(), 'ferry-versions-'));
let bucket: Awaited<ReturnType<typeof createTestBucket>>;
const ids: string[] = [];

/** The key's versions, checked with the plain SDK rather than through Ferry. */
async function versions(key: string): Promise<{ id: string; marker: boolean; latest: boolean }[]> {
  const out = await s3.send(new ListObjectVersionsCommand({ Bucket: bucket.name, Prefix: key }));
  const of = (v: { VersionId?: string; IsLatest?: boolean }, marker: boolean) => ({
    id: v.VersionId!,
    marker,
    latest: v.IsLatest === true,
  });
  return [
    ...(out.DeleteMarkers ?? []).map((v) => of(v, true)),
    ...(out.Versions ?? []).map((v) => of(v, false)),
  ];
}
async function current(key: string): Promise<string> {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket.name, Key: key }));
  return out.Body!.transformToString();
}

beforeAll(async () => {
  bucket = await createTestBucket('cli-versions');
  await s3.send(
    new PutBucketVersioningCommand({
      Bucket: bucket.name,
      VersioningConfiguration: { Status: 'Enabled' },
    }),
  );
  for (const body of ['v1', 'v2 is longer', 'v3']) {
    const out = await s3.send(
      new PutObjectCommand({ Bucket: bucket.name, Key: 'notes/todo.txt', Body: body }),
    );
    ids.push(out.VersionId!);
  }
});
afterAll(() => bucket.remove());

// Each step runs ferry once or twice; on a loaded machine a start takes seconds.
describe('ferry and object versions', { timeout: 90_000 }, () => {
  it('ls --versions shows every version, the current one starred', async () => {
    const out = await runFerry(['ls', '--versions', `s3://${bucket.name}/notes/`], dir);
    expect(out.stderr).toBe('');
    const lines = out.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(new RegExp(`\\s2  \\* ${ids[2]}  notes/todo.txt$`));
    expect(lines[1]).toMatch(new RegExp(`\\s12    ${ids[1]}  notes/todo.txt$`));
    const json = await runFerry(
      ['ls', '--versions', '--json', `s3://${bucket.name}/notes/todo.txt`],
      dir,
    );
    const listed = JSON.parse(json.stdout) as ObjectVersion[];
    expect(listed.map((v) => [v.versionId, v.isLatest])).toEqual([
      [ids[2], true],
      [ids[1], false],
      [ids[0], false],
    ]);
  });

  it('cp --version-id downloads that version', async () => {
    const file = path.join(local, 'old.txt');
    const out = await runFerry(
      ['cp', '--version-id', ids[1]!, `s3://${bucket.name}/notes/todo.txt`, file],
      dir,
    );
    expect(out.stderr).toBe('');
    expect(readFileSync(file, 'utf8')).toBe('v2 is longer');
    // A second download onto the same file is refused, and the file is left as it was.
    const again = await runFerry(
      ['cp', '--version-id', ids[0]!, `s3://${bucket.name}/notes/todo.txt`, file],
      dir,
    );
    expect(again.code).not.toBe(0);
    expect(again.stderr).toMatch(/already exists; Ferry did not overwrite it/);
    expect(readFileSync(file, 'utf8')).toBe('v2 is longer');
  });

  it('restore --version-id makes an old version current and keeps the history', async () => {
    const out = await runFerry(
      ['restore', '--json', `s3://${bucket.name}/notes/todo.txt`, '--version-id', ids[0]!],
      dir,
    );
    expect(out.stderr).toBe('');
    expect(JSON.parse(out.stdout)).toMatchObject({ restored: ids[0] });
    expect(await current('notes/todo.txt')).toBe('v1');
    expect(await versions('notes/todo.txt')).toHaveLength(4);
  });

  it('rm adds a delete marker, and restore --undelete brings the object back', async () => {
    expect((await runFerry(['rm', `s3://${bucket.name}/notes/todo.txt`], dir)).code).toBe(0);
    expect((await versions('notes/todo.txt')).filter((v) => v.marker)).toHaveLength(1);
    const out = await runFerry(
      ['restore', '--undelete', `s3://${bucket.name}/notes/todo.txt`],
      dir,
    );
    expect(out.stderr).toBe('');
    expect(await current('notes/todo.txt')).toBe('v1');
    // Swift keeps the marker in the history (Ferry copies the last version over it there): it is not current.
    const after = await versions('notes/todo.txt');
    expect(after.filter((v) => v.latest)).toEqual([expect.objectContaining({ marker: false })]);
    if (serverKind() === 'ceph') expect(after.some((v) => v.marker)).toBe(false);
  });

  it('rm --version-id deletes one version for good', async () => {
    const target = ids[1]!;
    const out = await runFerry(
      ['rm', '--version-id', target, `s3://${bucket.name}/notes/todo.txt`],
      dir,
    );
    expect(out.stderr).toBe('');
    expect(out.stdout).toContain('permanently');
    expect((await versions('notes/todo.txt')).map((v) => v.id)).not.toContain(target);
  });
});
