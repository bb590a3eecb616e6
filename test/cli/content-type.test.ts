import { spawn } from 'node:child_process';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ferryBin, runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, gatewayEnv, rawClient } from '../support/s3.js';
import { randomFile, MiB } from '../support/transfer.js';
import { tempFolder } from '../support/watch.js';

describe('ferry cp, sync and watch store the Content-Type a browser needs', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  let folder: string;
  const configDir = tempConfigDir();
  beforeAll(async () => {
    bucket = await createTestBucket('clitype');
    folder = tempFolder('clitype');
    await mkdir(path.join(folder, 'site'));
    await writeFile(path.join(folder, 'site', 'index.html'), '<h1>hello</h1>');
    await writeFile(path.join(folder, 'site', 'photo.jpg'), Buffer.from([0xff, 0xd8, 0xff, 0xe0]));
    await writeFile(path.join(folder, 'site', 'data.unknownext'), 'bytes');
  });
  afterAll(async () => {
    await bucket.remove();
    await rm(folder, { recursive: true, force: true });
  });
  const typeOf = async (key: string) =>
    (await rawClient().send(new HeadObjectCommand({ Bucket: bucket.name, Key: key }))).ContentType;
  const ferry = (...args: string[]) => runFerry(args, configDir);

  it('guesses the type of each file of cp and cp -r from its name', async () => {
    const site = path.join(folder, 'site');
    expect((await ferry('cp', path.join(site, 'photo.jpg'), `s3://${bucket.name}/one/`)).code).toBe(
      0,
    );
    expect((await ferry('cp', '-r', site, `s3://${bucket.name}/tree/`)).code).toBe(0);
    expect(await typeOf('one/photo.jpg')).toBe('image/jpeg');
    expect(await typeOf('tree/index.html')).toBe('text/html');
    expect(await typeOf('tree/photo.jpg')).toBe('image/jpeg');
    expect(await typeOf('tree/data.unknownext')).toBe('application/octet-stream');
  });

  it('stores the type given with --content-type, for a multipart upload too', async () => {
    const { file } = randomFile(folder, 'big.bin', 12 * MiB);
    const run = await ferry(
      'cp',
      '--part-size',
      '5M',
      '--content-type',
      'video/mp4',
      file,
      `s3://${bucket.name}/big.bin`,
    );
    expect(run.code).toBe(0);
    expect(await typeOf('big.bin')).toBe('video/mp4');
    const guessed = await ferry('cp', '--part-size', '5M', file, `s3://${bucket.name}/clip.webm`);
    expect(guessed.code).toBe(0);
    // The key's extension is used when the file's own name says nothing.
    expect(await typeOf('clip.webm')).toBe('video/webm');
  });

  it('refuses a --content-type that is not type/subtype, in one line', async () => {
    const file = path.join(folder, 'site', 'index.html');
    const bad = await ferry('cp', '--content-type', 'html', file, `s3://${bucket.name}/x.html`);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe(
      'error: --content-type "html" is not a media type. — Give type/subtype, e.g. --content-type text/html or "text/plain; charset=utf-8".\n',
    );
    const down = await ferry('cp', '--content-type', 'text/html', `s3://${bucket.name}/x`, folder);
    expect(down.code).toBe(2);
    expect(down.stderr).toContain('--content-type applies to uploads');
  });

  it('guesses the type of files a sync and a watch upload', async () => {
    const sync = await ferry('sync', path.join(folder, 'site'), `s3://${bucket.name}/synced/`);
    expect(sync.code).toBe(0);
    expect(await typeOf('synced/index.html')).toBe('text/html');
    expect(await typeOf('synced/photo.jpg')).toBe('image/jpeg');
    expect(await typeOf('synced/data.unknownext')).toBe('application/octet-stream');

    const live = tempFolder('clitype-live');
    const child = spawn(
      ferryBin,
      ['watch', live, `s3://${bucket.name}/watched/`, '--stability-ms', '200'],
      { env: { PATH: process.env['PATH'] ?? '', FERRY_CONFIG_DIR: configDir, ...gatewayEnv() } },
    );
    let out = '';
    const seen = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => pattern.test(out) && resolve();
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          check();
        });
        check();
      });
    await seen(/watching /);
    await writeFile(path.join(live, 'page.html'), '<p>live</p>');
    await seen(/upload {2}page\.html/);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    await exited;
    await rm(live, { recursive: true, force: true });
    expect(await typeOf('watched/page.html')).toBe('text/html');
  });
});
