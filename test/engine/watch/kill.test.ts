import { spawn } from 'node:child_process';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { cliWatchId } from '../../../src-main/cli/watch-target.js';
import { ferryBin } from '../../support/cli.js';
import { tempConfigDir } from '../../support/engine.js';
import { gatewayEnv, rawClient } from '../../support/s3.js';
import { listBucket, readObject, watchRig } from '../../support/watch.js';

const rig = watchRig();
const REMOTE = 100;
const LOCAL = 20;
const body = (name: string) => `${name} `.repeat(2000);

describe('a two-way watch killed with SIGKILL mid-sync', () => {
  it('loses nothing, duplicates nothing and finds no conflict when it starts again', async () => {
    const configDir = tempConfigDir();
    const { folder, bucket, engine } = await rig.setup('twoway-kill', { configDir });
    const s3 = rawClient();
    const remote = Array.from({ length: REMOTE }, (_, i) => `r/${String(i).padStart(3, '0')}.txt`);
    for (let i = 0; i < remote.length; i += 25) {
      await Promise.all(
        remote
          .slice(i, i + 25)
          .map((key) =>
            s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body(key) })),
          ),
      );
    }
    const local = Array.from({ length: LOCAL }, (_, i) => `l-${i}.txt`);
    for (const name of local) await writeFile(path.join(folder, name), body(name));

    // The real command, killed once part of the bucket has come down.
    const child = spawn(
      ferryBin,
      ['watch', folder, `s3://${bucket}`, '--mode', 'two-way', '--delete', '--stability-ms', '100'],
      { env: { PATH: process.env['PATH'] ?? '', FERRY_CONFIG_DIR: configDir, ...gatewayEnv() } },
    );
    const exited = new Promise((resolve) => child.once('exit', resolve));
    let landed = 0;
    while (landed < 3) {
      const names = await readdir(path.join(folder, 'r')).catch(() => []);
      landed = names.filter((n) => n.endsWith('.txt')).length;
      if (landed < 3) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    child.kill('SIGKILL');
    await exited;
    // Killed mid-sync: part of the bucket is still missing here.
    const before = await readdir(path.join(folder, 'r'));
    expect(before.filter((n) => n.endsWith('.txt')).length).toBeLessThan(REMOTE);

    // The same watch (the CLI's id for this folder and bucket) starts again on the same configuration.
    const target = { folder, bucket, prefix: '' };
    const id = cliWatchId(engine, 'environment', target);
    await engine.watches.add(
      {
        ...target,
        profileId: 'environment',
        mode: 'two-way',
        deletePolicy: 'mirror',
        stabilityMs: 100,
      },
      { persist: false, id },
    );
    const runner = engine.watches.runner(id);
    for (let i = 0; i < 2; i++) {
      await runner.syncNow(false);
      await runner.whenIdle();
    }

    const everything = [...remote, ...local].sort();
    expect([...(await listBucket(bucket)).keys()].sort()).toEqual(everything);
    const files = (await readdir(folder, { recursive: true }))
      .filter((n) => n.endsWith('.txt') || n.includes('.ferry-partial'))
      .map((n) => n.split(path.sep).join('/'));
    expect(files.sort()).toEqual(everything);
    for (const name of everything) {
      expect(await readFile(path.join(folder, name), 'utf8')).toBe(body(name));
    }
    for (const name of local.slice(0, 3)) expect(await readObject(bucket, name)).toBe(body(name));
    expect(await engine.watches.conflicts(id)).toEqual([]);
  }, 60_000);
});
