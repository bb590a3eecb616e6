import {
  appendFileSync,
  closeSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { ListMultipartUploadsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempConfigDir } from '../../support/engine.js';
import { createTestBucket, rawClient } from '../../support/s3.js';
import {
  journalChunks,
  MiB,
  objectMd5,
  randomFile,
  tempDir,
  transferEngine,
  untilChunks,
  waitFor,
} from '../../support/transfer.js';
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { Transfer } from '../../../src-shared/contract/transfers.js';

describe('resuming interrupted transfers', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const dir = tempDir('resume');
  beforeAll(async () => {
    bucket = await createTestBucket('resume');
  });
  afterAll(() => bucket.remove());

  const incomplete = async () =>
    (await rawClient().send(new ListMultipartUploadsCommand({ Bucket: bucket.name }))).Uploads ??
    [];

  /** Starts an upload at a crawl, stops the engine after `parts` parts; answers the config dir. */
  async function interruptedUpload(file: string, key: string, parts = 2): Promise<string> {
    const configDir = tempConfigDir();
    const first = await transferEngine({ configDir });
    await first.settings.update({ bandwidthLimit: 8 * MiB, partConcurrency: 1 });
    first.transfers.enqueueUpload({ profileId: 'environment', bucket: bucket.name, key, file });
    await untilChunks(first, parts);
    await first.dispose();
    const settings = await transferEngine({ configDir });
    await settings.settings.update({ bandwidthLimit: 0 });
    await settings.dispose();
    return configDir;
  }

  /**
   * Puts `source` as `key`, starts downloading it at a crawl and stops the engine after `chunks` ranges;
   * answers what a restarted engine needs, and how many ranges the journal holds.
   */
  async function interruptedDownload(source: string, key: string, chunks: number) {
    await rawClient().send(
      new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: readFileSync(source) }),
    );
    const configDir = tempConfigDir();
    const folder = tempDir('dl');
    const first = await transferEngine({ configDir });
    await first.settings.update({ bandwidthLimit: 8 * MiB, partConcurrency: 1 });
    const request = {
      profileId: 'environment',
      bucket: bucket.name,
      keys: [key],
      folder,
      conflict: 'keep-both' as const,
    };
    await first.handlers()['transfers.download'](request);
    await untilChunks(first, chunks);
    await first.dispose();
    return { configDir, folder, request, journaled: journalChunks(first) };
  }

  const fileMd5 = (file: string) => createHash('md5').update(readFileSync(file)).digest('hex');

  it('continues an upload in a restarted engine, sending only the missing parts', async () => {
    const { file, md5 } = randomFile(dir, 'resume.bin', 23 * MiB);
    const configDir = await interruptedUpload(file, 'resume.bin');
    const second = await transferEngine({ configDir });
    try {
      const { id, done } = second.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'resume.bin',
        file,
      });
      const outcome = await done;
      expect(outcome.resumedBytes).toBeGreaterThanOrEqual(2 * 5 * MiB);
      expect(second.transfers.get(id)?.resumed).toBe(true);
      expect(await objectMd5(bucket.name, 'resume.bin')).toBe(md5);
      expect(second.transfers.journal.entries()).toEqual([]);
    } finally {
      await second.dispose();
    }
  });

  it('picks unfinished transfers up by itself when the engine starts again', async () => {
    const { file, md5 } = randomFile(dir, 'restore.bin', 16 * MiB);
    const configDir = await interruptedUpload(file, 'restore.bin');
    const second = await transferEngine({ configDir, resumeTransfers: true });
    try {
      const [restored] = second.transfers.list();
      expect(restored).toMatchObject({ key: 'restore.bin', localPath: file, direction: 'upload' });
      const t = await waitFor(second, restored!.id);
      expect(t.state).toBe('done');
      expect(t.resumed).toBe(true);
      expect(await objectMd5(bucket.name, 'restore.bin')).toBe(md5);
    } finally {
      await second.dispose();
    }
  });

  it('restores an interrupted upload though the same file went to another bucket since', async () => {
    const other = await createTestBucket('resume-other');
    const { file, md5 } = randomFile(dir, 'twin.bin', 11 * MiB);
    const configDir = await interruptedUpload(file, 'twin.bin', 1);
    const second = await transferEngine({ configDir });
    try {
      const elsewhere = second.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: other.name,
        key: 'twin.bin',
        file,
      });
      await elsewhere.done;
      const restored = second.transfers.restorePending();
      expect(restored).toHaveLength(1);
      const t = await waitFor(second, restored[0]!);
      expect(t).toMatchObject({ bucket: bucket.name, state: 'done', resumed: true });
      expect(await objectMd5(bucket.name, 'twin.bin')).toBe(md5);
      expect(second.transfers.journal.entries()).toEqual([]);
    } finally {
      await second.dispose();
      await other.remove();
    }
  });

  it('fails clearly when the file is deleted mid-upload, or is a folder', async () => {
    const { file } = randomFile(dir, 'deleted.bin', 16 * MiB);
    const engine = await transferEngine();
    try {
      await engine.settings.update({ bandwidthLimit: 8 * MiB, partConcurrency: 1 });
      const { done } = engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'deleted.bin',
        file,
      });
      await untilChunks(engine, 1);
      rmSync(file);
      await expect(done).rejects.toMatchObject({ code: 'SourceChanged', message: /was deleted/ });
      expect((await incomplete()).filter((u) => u.Key === 'deleted.bin')).toEqual([]);
      await engine.settings.update({ bandwidthLimit: 0 });
      const folder = engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'folder',
        file: dir,
      });
      await expect(folder.done).rejects.toMatchObject({
        code: 'LocalFileError',
        message: /is a folder/,
      });
    } finally {
      await engine.dispose();
    }
  });

  it('starts over, aborting the stale upload, when the file changed in between', async () => {
    const { file } = randomFile(dir, 'changed.bin', 16 * MiB);
    const configDir = await interruptedUpload(file, 'changed.bin');
    appendFileSync(file, 'more');
    const second = await transferEngine({ configDir });
    try {
      const { id, done } = second.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'changed.bin',
        file,
      });
      const outcome = await done;
      expect(outcome.resumedBytes ?? 0).toBe(0);
      expect(second.transfers.get(id)?.note).toMatch(/changed since the interrupted upload/);
      expect(await objectMd5(bucket.name, 'changed.bin')).toBe(fileMd5(file));
      expect((await incomplete()).filter((u) => u.Key === 'changed.bin')).toEqual([]);
    } finally {
      await second.dispose();
    }
  });

  it('detects an integrity mismatch instead of reporting success', async () => {
    const { file } = randomFile(dir, 'tampered.bin', 16 * MiB);
    const configDir = await interruptedUpload(file, 'tampered.bin');
    // Damage the digest of a finished part: what Ferry expects no longer matches what the server holds.
    const journal = path.join(configDir, 'transfers', 'journal.jsonl');
    const text = readFileSync(journal, 'utf8').replace(/"md5":"[0-9a-f]{4}/, '"md5":"0000');
    writeFileSync(journal, text);
    const second = await transferEngine({ configDir });
    try {
      const { id, done } = second.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'tampered.bin',
        file,
      });
      await expect(done).rejects.toMatchObject({ code: 'IntegrityMismatch' });
      expect(second.transfers.get(id)?.state).toBe('failed');
      expect(second.transfers.get(id)?.error?.hint).toMatch(/did not report it as done/);
    } finally {
      await second.dispose();
    }
  });

  it('fails with SourceChanged, publishing nothing, when the file grows mid-upload', async () => {
    const { file } = randomFile(dir, 'growing.bin', 20 * MiB);
    const engine = await transferEngine();
    try {
      await engine.settings.update({ bandwidthLimit: 8 * MiB, partConcurrency: 1 });
      const { done } = engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'growing.bin',
        file,
      });
      await untilChunks(engine, 1);
      appendFileSync(file, 'written while uploading');
      await expect(done).rejects.toMatchObject({ code: 'SourceChanged' });
      expect((await incomplete()).filter((u) => u.Key === 'growing.bin')).toEqual([]);
      const published = await objectMd5(bucket.name, 'growing.bin').catch(
        (e: { name: string }) => e.name,
      );
      expect(published).toBe('NoSuchKey');
    } finally {
      await engine.dispose();
    }
  });

  it('pauses and resumes a running upload in the same engine', async () => {
    const { file, md5 } = randomFile(dir, 'pause.bin', 16 * MiB);
    const engine = await transferEngine();
    try {
      await engine.settings.update({ bandwidthLimit: 8 * MiB, partConcurrency: 1 });
      const { id, done } = engine.transfers.enqueueUpload({
        profileId: 'environment',
        bucket: bucket.name,
        key: 'pause.bin',
        file,
      });
      await untilChunks(engine, 1);
      engine.transfers.pause([id]);
      const paused = await new Promise<Transfer>((resolve) => {
        const off = engine.events.on('transfers.changed', ({ transfers }) => {
          const t = transfers.find((x) => x.id === id && x.state === 'paused');
          if (t) {
            off();
            resolve(t);
          }
        });
      });
      // A paused transfer shows no speed and no time left, whatever it showed while running.
      expect([paused.speed, paused.etaSeconds]).toEqual([0, null]);
      await engine.settings.update({ bandwidthLimit: 0 });
      engine.transfers.resume([id]);
      const outcome = await done;
      expect(outcome.resumedBytes).toBeGreaterThanOrEqual(5 * MiB);
      expect(await objectMd5(bucket.name, 'pause.bin')).toBe(md5);
    } finally {
      await engine.dispose();
    }
  });

  it('continues a download from its finished ranges after a restart', async () => {
    const { file, md5 } = randomFile(dir, 'dl.bin', 22 * MiB);
    const { configDir, folder, request } = await interruptedDownload(file, 'dl.bin', 2);
    const second = await transferEngine({ configDir });
    try {
      const { ids } = await second.handlers()['transfers.download'](request);
      const t = await waitFor(second, ids[0]!);
      expect(t.state).toBe('done');
      expect(t.resumedBytes).toBeGreaterThanOrEqual(2 * 5 * MiB);
      expect(fileMd5(path.join(folder, 'dl.bin'))).toBe(md5);
    } finally {
      await second.dispose();
    }
  });

  it('journals a range with no CRC-32: it was synced before its record, so it is trusted', async () => {
    const { file } = randomFile(dir, 'synced.bin', 22 * MiB);
    const { configDir } = await interruptedDownload(file, 'synced.bin', 2);
    const chunks = readFileSync(path.join(configDir, 'transfers', 'journal.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { entry?: { kind: string; crc32?: string } })
      .filter((record) => record.entry?.kind === 'chunk');
    expect(chunks.length).toBeGreaterThanOrEqual(2);
    expect(chunks.every((record) => record.entry!.crc32 === undefined)).toBe(true);
  });

  it('fetches again a range an older Ferry journaled whose bytes did not survive (CRC-32)', async () => {
    const { file, md5 } = randomFile(dir, 'torn.bin', 22 * MiB);
    const { configDir, folder, request, journaled } = await interruptedDownload(
      file,
      'torn.bin',
      2,
    );
    // An older Ferry journaled each range before syncing it, with the CRC-32 of what it received.
    const partialFile = path.join(folder, 'torn.bin.ferry-partial');
    const journalFile = path.join(configDir, 'transfers', 'journal.jsonl');
    const bytes = readFileSync(partialFile);
    const records = readFileSync(journalFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => {
        const record = JSON.parse(line) as { entry?: { kind: string; n: number; size: number } };
        const e = record.entry;
        if (e?.kind !== 'chunk') return line;
        const start = (e.n - 1) * 5 * MiB;
        const crc = crc32(bytes.subarray(start, start + e.size))
          .toString(16)
          .padStart(8, '0');
        return JSON.stringify({ ...record, entry: { ...e, crc32: crc } });
      });
    writeFileSync(journalFile, `${records.join('\n')}\n`);
    // What a power cut could leave then: the range is journaled, but its bytes never reached the disk.
    const partial = openSync(partialFile, 'r+');
    writeSync(partial, Buffer.alloc(64 * 1024), 0, 64 * 1024, MiB);
    closeSync(partial);
    const second = await transferEngine({ configDir });
    try {
      const { ids } = await second.handlers()['transfers.download'](request);
      const t = await waitFor(second, ids[0]!);
      expect(t.state).toBe('done');
      expect(t.resumedBytes).toBe((journaled - 1) * 5 * MiB);
      expect(fileMd5(path.join(folder, 'torn.bin'))).toBe(md5);
    } finally {
      await second.dispose();
    }
  });

  it('starts a download over, forgetting the old journal entry, when its partial file was deleted', async () => {
    const { file, md5 } = randomFile(dir, 'gone.bin', 22 * MiB);
    const { configDir, folder, request } = await interruptedDownload(file, 'gone.bin', 1);
    rmSync(path.join(folder, 'gone.bin.ferry-partial'));
    const second = await transferEngine({ configDir });
    try {
      const { ids } = await second.handlers()['transfers.download'](request);
      const t = await waitFor(second, ids[0]!);
      expect(t.state).toBe('done');
      expect(fileMd5(path.join(folder, 'gone.bin'))).toBe(md5);
      // Nothing is left for a later start to pick up and write over the finished file again.
      expect(second.transfers.journal.entries()).toEqual([]);
    } finally {
      await second.dispose();
    }
  });

  it('starts a resumed download over when the object changed on the server', async () => {
    const original = randomFile(dir, 'obj-v1.bin', 16 * MiB);
    const { configDir, folder, request } = await interruptedDownload(original.file, 'obj.bin', 1);
    const replaced = randomFile(dir, 'obj-v2.bin', 16 * MiB);
    await rawClient().send(
      new PutObjectCommand({
        Bucket: bucket.name,
        Key: 'obj.bin',
        Body: readFileSync(replaced.file),
      }),
    );
    const second = await transferEngine({ configDir });
    try {
      const { ids } = await second.handlers()['transfers.download'](request);
      const t = await waitFor(second, ids[0]!);
      expect(t.state).toBe('done');
      expect(t.note).toMatch(/changed on the server/);
      expect(fileMd5(path.join(folder, 'obj.bin'))).toBe(replaced.md5);
    } finally {
      await second.dispose();
    }
  });
});
