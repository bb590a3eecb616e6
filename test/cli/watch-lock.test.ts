import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runFerry, startCli } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket } from '../support/s3.js';
import { listBucket, tempFolder, watchEngine } from '../support/watch.js';

describe('one watch per folder across processes', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const configDir = tempConfigDir();
  const dir = tempFolder('cliwlock');
  beforeAll(async () => {
    bucket = await createTestBucket('cliwlock');
    await mkdir(path.join(dir, 'inner'));
    await writeFile(path.join(dir, 'inner', 'a.txt'), 'a');
  });
  afterAll(async () => {
    await bucket.remove();
    await rm(dir, { recursive: true, force: true });
  });

  it('refuses a second ferry watch of the same or a nested folder while the first runs, and not after', async () => {
    const url = `s3://${bucket.name}/one/`;
    const first = startCli(['watch', dir, url, '--stability-ms', '200'], configDir);
    await first.line(/in sync: 1 file\n/);
    for (const [folder, target] of [
      [dir, url],
      [dir, `s3://${bucket.name}/two/`],
      [path.join(dir, 'inner'), `s3://${bucket.name}/three/`],
    ] as const) {
      const second = await runFerry(['watch', folder, target], configDir);
      expect(second.code).toBe(1);
      expect(second.stderr.trim().split('\n')).toHaveLength(1);
      expect(second.stderr).toMatch(
        /^error: .* is already being watched by another Ferry process \(pid \d+/,
      );
      expect(second.stderr).toContain('Stop that watch first');
    }
    expect([...(await listBucket(bucket.name)).keys()]).toEqual(['one/inner/a.txt']);
    expect(await first.stop()).toBe(0);
    // Its lock went with it: the same watch starts again.
    const again = startCli(
      ['watch', dir, `s3://${bucket.name}/two/`, '--stability-ms', '200'],
      configDir,
    );
    await again.line(/in sync: 1 file\n/);
    expect(await again.stop()).toBe(0);
  }, 60_000);

  it('takes over the lock of a watch killed without a chance to clean up', async () => {
    const first = startCli(
      ['watch', dir, `s3://${bucket.name}/k/`, '--stability-ms', '200'],
      configDir,
    );
    await first.line(/in sync: 1 file\n/);
    await first.stop('SIGKILL');
    const again = startCli(
      ['watch', dir, `s3://${bucket.name}/k/`, '--stability-ms', '200'],
      configDir,
    );
    await again.line(/in sync: 1 file\n/);
    expect(await again.stop()).toBe(0);
  }, 60_000);

  it('keeps the app (or ferry serve) from adding a watch of a folder a ferry watch holds', async () => {
    const first = startCli(
      ['watch', dir, `s3://${bucket.name}/app/`, '--stability-ms', '200'],
      configDir,
    );
    await first.line(/in sync: 1 file\n/);
    const engine = await watchEngine(configDir);
    try {
      const profileId = engine.profiles.list()[0]!.id;
      await expect(
        engine.watches.add({
          folder: path.join(dir, 'inner'),
          profileId,
          bucket: bucket.name,
          prefix: 'x/',
        }),
      ).rejects.toMatchObject({ key: 'watch.locked' });
    } finally {
      await engine.dispose();
    }
    expect(await first.stop()).toBe(0);
  }, 60_000);

  it('refuses ferry sync of the folder and prefix a ferry watch is syncing (the same state), not of another prefix', async () => {
    const url = `s3://${bucket.name}/same/`;
    const first = startCli(['watch', dir, url, '--stability-ms', '200'], configDir);
    await first.line(/in sync: 1 file\n/);
    const same = await runFerry(['sync', dir, url], configDir);
    expect(same.code).toBe(1);
    expect(same.stderr).toMatch(/^error: .* is already being watched by another Ferry process/);
    const other = await runFerry(['sync', dir, `s3://${bucket.name}/elsewhere/`], configDir);
    expect(other.code).toBe(0);
    expect(await first.stop()).toBe(0);
    expect((await runFerry(['sync', dir, url], configDir)).code).toBe(0);
  }, 60_000);
});
