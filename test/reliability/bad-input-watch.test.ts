import { mkdir, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName } from '../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../src-shared/errors.js';
import { dispatch } from '../../src-main/engine/dispatch.js';
import type { Engine } from '../../src-main/engine/engine.js';
import { silentLogger } from '../../src-main/engine/logger.js';
import { connectServe, spawnServe, type WireTransfer } from '../security/serve-process.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, gatewayEnv, rawClient } from '../support/s3.js';
import { tempDir, transferEngine } from '../support/transfer.js';
import { expectOneLineError, Matrix } from './bad-input.js';
import { Figures } from './figures.js';

const matrix = new Matrix();
const figures = new Figures(
  'bad-input-watch',
  'npx vitest run test/reliability/bad-input-watch.test.ts',
);
let engine: Engine;
let bucket: Awaited<ReturnType<typeof createTestBucket>>;
const dir = tempDir('badwatch');

beforeAll(async () => {
  engine = await transferEngine();
  bucket = await createTestBucket('badwatch');
  await rawClient().send(
    new PutObjectCommand({ Bucket: bucket.name, Key: 'small.txt', Body: 'new content' }),
  );
});
afterAll(async () => {
  figures.add(matrix.row('Bad input to watched folders and download folders'));
  await figures.save();
  await engine.dispose();
  await bucket.remove();
});

const call = (name: CommandName, payload: unknown) =>
  dispatch(engine.handlers(), name, payload, silentLogger);
const refused = (label: string, name: CommandName, payload: unknown, words?: RegExp) =>
  matrix.refused(engine, label, name, payload, words);

describe('bad watched folders', () => {
  it('a missing folder is refused', async () => {
    await refused('watch a folder that does not exist', 'watches.add', {
      folder: path.join(dir, 'nowhere'),
      profileId: 'environment',
      bucket: bucket.name,
    });
  });

  it('a file given as the folder is refused', async () => {
    const file = path.join(dir, 'plain.txt');
    await writeFile(file, 'x');
    await refused(
      'watch a file instead of a folder',
      'watches.add',
      {
        folder: file,
        profileId: 'environment',
        bucket: bucket.name,
      },
      /not a folder/,
    );
  });

  it('a symlink loop does not hang or crash the watch', { timeout: 60_000 }, async () => {
    const folder = tempDir('loop');
    await mkdir(path.join(folder, 'a'));
    await symlink(path.join(folder, 'a'), path.join(folder, 'a', 'loop'));
    await symlink(path.join(folder, 'b'), path.join(folder, 'c'));
    await symlink(path.join(folder, 'c'), path.join(folder, 'b'));
    await writeFile(path.join(folder, 'a', 'real.txt'), 'real');
    const uploaded = new Promise<void>((resolve) => {
      const off = engine.events.on('watches.activity', (a) => {
        if (a.action === 'upload' && a.path.endsWith('real.txt')) {
          off();
          resolve();
        }
      });
    });
    const result = await call('watches.add', {
      folder,
      profileId: 'environment',
      bucket: bucket.name,
      prefix: 'loop',
      followSymlinks: true,
      stabilityMs: 200,
    });
    expect(result.ok, JSON.stringify(result)).toBe(true);
    await uploaded;
    matrix.record(
      'watches',
      'symlink loops in a watched folder (followSymlinks)',
      'regular file uploaded; loops skipped',
    );
  });

  // Was a defect (issue-4): under /proc, mkdir answers ENOENT for a child of a folder that exists, and
  // Node's recursive mkdir spun forever. Run in its own `ferry serve` process, killed afterwards, so a
  // regression cannot leave a spinning thread in the test process.
  it(
    'a download folder under /proc fails cleanly instead of hanging',
    { timeout: 30_000 },
    async () => {
      const serve = await spawnServe({ ...gatewayEnv(), FERRY_CONFIG_DIR: tempConfigDir() });
      try {
        const client = await connectServe(serve);
        const ended = new Promise<WireTransfer>((resolve) =>
          client.onEvent((frame) => {
            const list =
              frame.event === 'transfers.changed'
                ? (frame.payload as { transfers: WireTransfer[] }).transfers
                : [];
            const final = list.find((t) => t.state === 'failed' || t.state === 'done');
            if (final) resolve(final);
          }),
        );
        const queued = await client.call('transfers.download', {
          profileId: 'environment',
          bucket: bucket.name,
          keys: ['small.txt'],
          folder: '/proc/ferry-test',
        });
        expect(queued?.ok).toBe(true);
        // The bound only turns the hang into a failure; a clean refusal arrives in milliseconds.
        const bound = new Promise<undefined>((resolve) =>
          setTimeout(() => resolve(undefined), 5_000),
        );
        const final = await Promise.race([ended, bound]);
        matrix.record(
          'transfers',
          'download into /proc',
          final
            ? `${final.state}: ${final.error?.message ?? ''}`
            : 'DEFECT: still running after 5 s (mkdir spins)',
        );
        expect(final?.state).toBe('failed');
        expectOneLineError(final?.error as FerryErrorData, 'download into /proc');
      } finally {
        serve.child.kill('SIGKILL');
        await serve.exited();
      }
    },
  );
});
