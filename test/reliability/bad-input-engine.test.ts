import { execFileSync } from 'node:child_process';
import { constants } from 'node:fs';
import { open, readFile, truncate, writeFile } from 'node:fs/promises';
import { createServer as createNetServer, type Server as NetServer } from 'node:net';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName } from '../../src-shared/contract/index.js';
import { dispatch } from '../../src-main/engine/dispatch.js';
import type { Engine } from '../../src-main/engine/engine.js';
import { silentLogger } from '../../src-main/engine/logger.js';
import { fileWriter } from '../../src-main/engine/transfer/runner.js';
import { createTestBucket, rawClient } from '../support/s3.js';
import { tempDir, transferEngine } from '../support/transfer.js';
import { Matrix, settle } from './bad-input.js';
import { Figures } from './figures.js';

const matrix = new Matrix();
const figures = new Figures(
  'bad-input-engine',
  'npx vitest run test/reliability/bad-input-engine.test.ts',
);
let engine: Engine;
let diskFull: Engine;
let bucket: Awaited<ReturnType<typeof createTestBucket>>;
let socketServer: NetServer | undefined;
const dir = tempDir('badin');

beforeAll(async () => {
  engine = await transferEngine();
  // The same engine with a disk that fills up after 1 MiB (the queue's file-system seam).
  diskFull = await transferEngine({
    transfers: {
      retry: { attempts: 2, baseMs: 10, maxMs: 20 },
      openWriter: async (file, fresh) => {
        const real = await fileWriter(file, fresh);
        let written = 0;
        return {
          ...real,
          write: async (chunks, position) => {
            for (const chunk of chunks) written += chunk.length;
            if (written > 1024 * 1024)
              throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
            await real.write(chunks, position);
          },
        };
      },
    },
  });
  bucket = await createTestBucket('badin');
  await rawClient().send(
    new PutObjectCommand({
      Bucket: bucket.name,
      Key: 'big.bin',
      Body: Buffer.alloc(3 * 1024 * 1024, 7),
    }),
  );
  await rawClient().send(
    new PutObjectCommand({ Bucket: bucket.name, Key: 'small.txt', Body: 'new content' }),
  );
});
afterAll(async () => {
  figures.add(matrix.row('Bad input to contract commands and local files'));
  await figures.save();
  socketServer?.close();
  await engine.dispose();
  await diskFull.dispose();
  await bucket.remove();
});

const call = (name: CommandName, payload: unknown, on: Engine = engine) =>
  dispatch(on.handlers(), name, payload, silentLogger);
const refused = (label: string, name: CommandName, payload: unknown, words?: RegExp) =>
  matrix.refused(engine, label, name, payload, words);
const failsCleanly = (
  label: string,
  on: Engine,
  name: CommandName,
  payload: unknown,
  words?: RegExp,
) => matrix.failsCleanly(on, label, name, payload, words);

describe('bad input to contract commands', () => {
  it('invalid bucket names are refused before anything is sent', async () => {
    await refused('bucket name with capitals and underscore', 'buckets.create', {
      profileId: 'environment',
      name: 'Bad_Name',
    });
    await refused('bucket name of 2 characters', 'buckets.create', {
      profileId: 'environment',
      name: 'ab',
    });
    await refused('bucket name shaped like an IP address', 'buckets.create', {
      profileId: 'environment',
      name: '192.168.1.1',
    });
  });

  it('invalid and missing objects get a clear answer', async () => {
    await refused(
      'object in a bucket that does not exist',
      'objects.head',
      { profileId: 'environment', bucket: 'no-such-bucket-ferry', key: 'x' },
      /bucket "no-such-bucket-ferry" does not exist/,
    );
    await refused(
      'object that does not exist',
      'objects.head',
      { profileId: 'environment', bucket: bucket.name, key: 'missing.txt' },
      /not|exist/i,
    );
    await refused('key with ../ segments', 'objects.createFolder', {
      profileId: 'environment',
      bucket: bucket.name,
      key: 'a/../../b/',
    });
    await refused('key of 5,000 characters', 'objects.head', {
      profileId: 'environment',
      bucket: bucket.name,
      key: 'k'.repeat(5000),
    });
    await refused(
      'profile that does not exist',
      'buckets.list',
      { profileId: 'ghost' },
      /profile/i,
    );
    await refused('payload of the wrong type', 'transfers.upload', {
      profileId: 'environment',
      bucket: bucket.name,
      paths: 'not-an-array',
    });
    // A relative path would be resolved against wherever Ferry was started, not a place the user chose.
    await refused(
      'download into a relative folder',
      'transfers.download',
      { profileId: 'environment', bucket: bucket.name, keys: ['small.txt'], folder: 'rel/dir' },
      /folder: .*full path/,
    );
    await refused(
      'upload of a relative path',
      'transfers.upload',
      { profileId: 'environment', bucket: bucket.name, paths: ['rel.txt'] },
      /paths\.0: .*full path/,
    );
    await refused('payload of the wrong size (20,000 paths)', 'transfers.upload', {
      profileId: 'environment',
      bucket: bucket.name,
      paths: Array(20_000).fill('/x'),
    });
  });
});

describe('bad local files and folders', () => {
  it('a missing file is refused', async () => {
    await failsCleanly(
      'upload of a file that does not exist',
      engine,
      'transfers.upload',
      { profileId: 'environment', bucket: bucket.name, paths: [path.join(dir, 'nope.bin')] },
      /exist|find|found/i,
    );
  });

  it('a file over 5 TiB is refused before anything is sent', async () => {
    const huge = path.join(dir, 'huge.bin');
    await writeFile(huge, '');
    await truncate(huge, 5 * 1024 ** 4 + 1); // sparse: takes no disk space
    await failsCleanly(
      'upload of a 5 TiB + 1 byte file',
      engine,
      'transfers.upload',
      { profileId: 'environment', bucket: bucket.name, paths: [huge] },
      /5 TiB/,
    );
  });

  it('an empty file uploads as an empty object', async () => {
    const empty = path.join(dir, 'empty.txt');
    await writeFile(empty, '');
    const result = await call('transfers.upload', {
      profileId: 'environment',
      bucket: bucket.name,
      paths: [empty],
    });
    const { ids } = (result.ok ? result.value : { ids: [] }) as { ids: string[] };
    expect(await settle(engine, ids, 10_000)).toEqual([]);
    expect(engine.transfers.get(ids[0]!)?.state).toBe('done');
    matrix.record('transfers', 'upload of an empty file', 'done: empty object stored');
  });

  // Was a defect (issue-4): /dev/zero stats as size 0 and was uploaded as an empty object.
  it('/dev/zero is refused rather than uploaded', async () => {
    await failsCleanly('upload of /dev/zero', engine, 'transfers.upload', {
      profileId: 'environment',
      bucket: bucket.name,
      paths: ['/dev/zero'],
    });
  });

  // Was a defect (issue-4): opening a FIFO for reading blocks until a writer appears, so it hung.
  it('a FIFO is refused rather than waited on', async () => {
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    try {
      await failsCleanly('upload of a FIFO', engine, 'transfers.upload', {
        profileId: 'environment',
        bucket: bucket.name,
        paths: [fifo],
      });
    } finally {
      // Unblock a reader stuck on the FIFO (non-blocking: fails at once when nobody is reading), so a
      // failing run does not hold a thread forever.
      await open(fifo, constants.O_WRONLY | constants.O_NONBLOCK).then(
        (handle) => handle.close(),
        () => undefined,
      );
    }
  });

  it('a socket file is refused', async () => {
    const sock = path.join(dir, 'ferry.sock');
    socketServer = createNetServer();
    await new Promise<void>((resolve) => socketServer!.listen(sock, resolve));
    await failsCleanly('upload of a Unix socket', engine, 'transfers.upload', {
      profileId: 'environment',
      bucket: bucket.name,
      paths: [sock],
    });
  });

  it('a download folder that cannot be created fails cleanly', async () => {
    const file = path.join(dir, 'not-a-folder');
    await writeFile(file, 'x');
    await failsCleanly(
      'download into a folder under a file',
      engine,
      'transfers.download',
      {
        profileId: 'environment',
        bucket: bucket.name,
        keys: ['small.txt'],
        folder: path.join(file, 'sub'),
      },
      /is a file, not a folder/,
    );
  });

  it('a download folder on a read-only file system fails cleanly', async () => {
    await failsCleanly(
      'download into a read-only file system (/sys)',
      engine,
      'transfers.download',
      {
        profileId: 'environment',
        bucket: bucket.name,
        keys: ['small.txt'],
        folder: '/sys/ferry-test/sub',
      },
    );
  });

  it('a full disk fails the download and leaves the existing file untouched', async () => {
    const folder = tempDir('full');
    await writeFile(path.join(folder, 'big.bin'), 'precious');
    await failsCleanly(
      'download onto a full disk (overwrite asked)',
      diskFull,
      'transfers.download',
      {
        profileId: 'environment',
        bucket: bucket.name,
        keys: ['big.bin'],
        folder,
        conflict: 'overwrite',
      },
      /disk|space/i,
    );
    expect(await readFile(path.join(folder, 'big.bin'), 'utf8')).toBe('precious');
  });

  it('an existing file is never overwritten by surprise', async () => {
    const folder = tempDir('exists');
    await writeFile(path.join(folder, 'small.txt'), 'mine');
    await failsCleanly(
      'download onto an existing file (ask)',
      engine,
      'transfers.download',
      {
        profileId: 'environment',
        bucket: bucket.name,
        keys: ['small.txt'],
        folder,
        conflict: 'ask',
      },
      /exist/i,
    );
    expect(await readFile(path.join(folder, 'small.txt'), 'utf8')).toBe('mine');
  });
});
