import { spawn } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ferryBin, runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, gatewayEnv, rawClient } from '../support/s3.js';
import { tempFolder } from '../support/watch.js';

/** `ferry watch DIR URL --mode two-way` until its output matches `pattern`, then Ctrl-C. */
async function watchUntil(args: string[], configDir: string, pattern: RegExp): Promise<string> {
  const child = spawn(ferryBin, ['watch', ...args, '--mode', 'two-way', '--stability-ms', '100'], {
    env: { PATH: process.env['PATH'] ?? '', FERRY_CONFIG_DIR: configDir, ...gatewayEnv() },
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
  while (!pattern.test(out)) await new Promise((resolve) => setTimeout(resolve, 50));
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGINT');
  await exited;
  return out;
}

describe('ferry watch resolve', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const folder = tempFolder('cliresolve');
  const configDir = tempConfigDir();
  beforeAll(async () => {
    bucket = await createTestBucket('cliresolve');
  });
  afterAll(async () => {
    await bucket.remove();
    await rm(folder, { recursive: true, force: true });
  });

  it('says an unknown conflict or watch is not there, with exit 1 (no usage mistake)', async () => {
    const url = `s3://${bucket.name}/shared/`;
    await writeFile(path.join(folder, 'a.txt'), 'first');
    await watchUntil([folder, url], configDir, /in sync: 1 file\n/);
    await writeFile(path.join(folder, 'a.txt'), 'edited here');
    await rawClient().send(
      new PutObjectCommand({ Bucket: bucket.name, Key: 'shared/a.txt', Body: 'edited there' }),
    );
    await watchUntil([folder, url], configDir, /conflict a\.txt/);
    const listed = await runFerry(['watch', 'conflicts', '--json'], configDir);
    const [conflict] = JSON.parse(listed.stdout) as { watchId: string; id: string }[];
    const resolve = (watch: string, id: string) =>
      runFerry(['watch', 'resolve', watch, id, '--keep', 'local'], configDir);

    expect((await resolve(conflict!.watchId, conflict!.id)).code).toBe(0);
    const again = await resolve(conflict!.watchId, conflict!.id);
    expect(again.code).toBe(1);
    expect(again.stderr.trim().split('\n')).toEqual([
      `error: The watch "${conflict!.watchId}" has no open conflict "${conflict!.id}". — ` +
        `It may have been resolved already; \`ferry watch conflicts ${conflict!.watchId}\` lists the open ones.`,
    ]);

    const noWatch = await resolve('w-nothing-here', conflict!.id);
    expect(noWatch.code).toBe(1);
    expect(noWatch.stderr.trim()).toBe(
      'error: There is no watch "w-nothing-here". — ' +
        '`ferry watch conflicts` lists every open conflict with its watch id.',
    );
  });
});
