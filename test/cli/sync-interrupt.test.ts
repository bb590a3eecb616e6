import { randomBytes } from 'node:crypto';
import { readdir, rm } from 'node:fs/promises';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFerry, startCli } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, rawClient } from '../support/s3.js';
import { tempFolder } from '../support/watch.js';

const MiB = 1024 * 1024;
const names = ['a.bin', 'b.bin', 'c.bin', 'd.bin'];

describe('Ctrl-C on ferry sync', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const configDir = tempConfigDir();
  const folder = tempFolder('clisigint');
  beforeAll(async () => {
    bucket = await createTestBucket('clisigint');
    for (const n of names) {
      await rawClient().send(
        new PutObjectCommand({ Bucket: bucket.name, Key: `in/${n}`, Body: randomBytes(20 * MiB) }),
      );
    }
  });
  afterAll(async () => {
    await bucket.remove();
    await rm(folder, { recursive: true, force: true });
  });

  it('says it stopped, how much was done, and that the same command finishes; the next run does', async () => {
    const args = ['sync', `s3://${bucket.name}/in/`, folder];
    const sync = startCli(args, configDir);
    const partials = async () =>
      (await readdir(folder).catch(() => [])).filter((n) => n.endsWith('.ferry-partial'));
    while (sync.code() === null && (await partials()).length === 0) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(sync.code(), 'the sync ended before Ctrl-C: it must land mid-copy').toBeNull();
    expect(await sync.stop('SIGINT')).toBe(130);
    expect(sync.err()).toMatch(
      /^stopped: \d+ actions? done before the interruption\. Run the same command again to finish/m,
    );
    const again = await runFerry(args, configDir);
    expect(again.code).toBe(0);
    expect((await readdir(folder)).sort()).toEqual(names);
  }, 120_000);
});
