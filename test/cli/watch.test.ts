import { execFile, spawn } from 'node:child_process';
import { chmod, chown, mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, gatewayEnv } from '../support/s3.js';
import { listBucket, tempFolder } from '../support/watch.js';
import { startCli } from '../support/cli.js';

const ferry = fileURLToPath(new URL('../../bin/ferry', import.meta.url));
const run = promisify(execFile);

/** Runs the built `bin/ferry` as a user would; `asNobody` drops root so file permissions apply. */
async function cli(args: string[], options: { configDir: string; asNobody?: boolean }) {
  const env = {
    PATH: process.env['PATH'] ?? '',
    FERRY_CONFIG_DIR: options.configDir,
    ...gatewayEnv(),
  };
  const [file, argv] = options.asNobody
    ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', ferry, ...args]]
    : [ferry, args];
  try {
    const { stdout, stderr } = await run(file, argv, { env: { ...env, HOME: options.configDir } });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('ferry sync and ferry watch', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  let folder: string;
  const configDir = tempConfigDir();
  beforeAll(async () => {
    bucket = await createTestBucket('cliwatch');
    folder = tempFolder('cliwatch');
    await mkdir(path.join(folder, 'docs'));
    for (let i = 0; i < 12; i++)
      await writeFile(path.join(folder, 'docs', `n${i}.txt`), `note ${i}`);
    await writeFile(path.join(folder, 'draft.tmp'), 'scratch');
  });
  afterAll(async () => {
    await bucket.remove();
    await rm(folder, { recursive: true, force: true });
  });
  const target = () => `s3://${bucket.name}/backup/`;

  it('prints the plan with --dry-run and uploads nothing', async () => {
    const { code, stdout } = await cli(['sync', folder, target(), '--dry-run'], { configDir });
    expect(code).toBe(0);
    expect(stdout).toContain(`upload  docs/n0.txt → ${target()}docs/n0.txt (6 B) [new]`);
    expect(stdout).toContain('would upload 12, would delete 0, unchanged 0');
    expect(stdout).not.toContain('draft.tmp');
    expect((await listBucket(bucket.name)).size).toBe(0);
  });

  it('uploads once, then re-syncs an unchanged folder without uploading anything', async () => {
    const first = await cli(['sync', folder, target()], { configDir });
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('uploaded 12, deleted 0');
    expect((await listBucket(bucket.name)).size).toBe(12);
    const again = await cli(['sync', folder, target()], { configDir });
    expect(again.stdout).toContain('uploaded 0, deleted 0, unchanged 12');
  });

  it('holds back deletes beyond the cap and carries them out with --force-delete', async () => {
    for (let i = 0; i < 4; i++) await unlink(path.join(folder, 'docs', `n${i}.txt`));
    const held = await cli(['sync', folder, target(), '--delete', '--max-delete', '3'], {
      configDir,
    });
    expect(held.code).toBe(1);
    expect(held.stderr).toMatch(/4 remote objects would be deleted.*--force-delete/);
    expect((await listBucket(bucket.name)).size).toBe(12);
    const forced = await cli(['sync', folder, target(), '--delete', '--force-delete'], {
      configDir,
    });
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('deleted 4');
    expect((await listBucket(bucket.name)).size).toBe(8);
  });

  it('reports an unreadable subfolder and deletes nothing under it', async () => {
    const root = process.getuid?.() === 0;
    const mine = tempFolder('perm');
    const config = tempConfigDir();
    await mkdir(path.join(mine, 'locked'));
    await writeFile(path.join(mine, 'locked', 'secret.txt'), 'hidden');
    await writeFile(path.join(mine, 'open.txt'), 'visible');
    await run(ferry, ['sync', mine, `s3://${bucket.name}/perm/`], {
      env: { PATH: process.env['PATH'] ?? '', FERRY_CONFIG_DIR: tempConfigDir(), ...gatewayEnv() },
    });
    if (root)
      for (const p of [mine, path.join(mine, 'locked'), config]) await chown(p, 65534, 65534);
    await chmod(path.join(mine, 'locked'), 0o000);
    try {
      const args = ['sync', mine, `s3://${bucket.name}/perm/`, '--delete', '--force-delete'];
      const { code, stdout } = await cli(args, { configDir: config, asNobody: root });
      expect(stdout).toContain('skip    locked: folder cannot be read');
      expect(code).toBe(0);
      const keys = [...(await listBucket(bucket.name)).keys()].filter((k) => k.startsWith('perm/'));
      expect(keys.sort()).toEqual(['perm/locked/secret.txt', 'perm/open.txt']);
    } finally {
      await chmod(path.join(mine, 'locked'), 0o755);
      await rm(mine, { recursive: true, force: true });
    }
  });

  it('watches in the foreground, logs each upload and stops cleanly on Ctrl-C', async () => {
    const live = tempFolder('live');
    const child = spawn(
      ferry,
      ['watch', live, `s3://${bucket.name}/live`, '--stability-ms', '300'],
      {
        env: { PATH: process.env['PATH'] ?? '', FERRY_CONFIG_DIR: configDir, ...gatewayEnv() },
      },
    );
    let out = '';
    const lineMatching = (pattern: RegExp) =>
      new Promise<void>((resolve) => {
        const check = () => pattern.test(out) && resolve();
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          check();
        });
        check();
      });
    await lineMatching(/watching /);
    await writeFile(path.join(live, 'hello.txt'), 'hello');
    await lineMatching(/upload {2}hello\.txt → s3:\/\/\S+\/live\/hello\.txt/);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect((await listBucket(bucket.name)).get('live/hello.txt')).toBe(5);
    await rm(live, { recursive: true, force: true });
  });

  it('says deletes above the cap are held back (not "in sync"), and --max-delete lets them through', async () => {
    const dir = tempFolder('held');
    for (let i = 0; i < 20; i++) await writeFile(path.join(dir, `f${i}.txt`), `file ${i}`);
    const url = `s3://${bucket.name}/held/`;
    const start = (...extra: string[]) =>
      startCli(
        ['watch', dir, url, '--mode', 'two-way', '--delete', '--stability-ms', '100', ...extra],
        configDir,
      );
    const first = start();
    await first.line(/in sync: 20 files/);
    for (let i = 0; i < 15; i++) await unlink(path.join(dir, `f${i}.txt`));
    await first.line(/not in sync: 15 deletes held back/);
    expect(first.out()).toContain('Check both sides, then run again with --max-delete 15.');
    expect(first.out().match(/in sync: /g)).toHaveLength(2);
    await first.stop();
    expect(
      [...(await listBucket(bucket.name)).keys()].filter((k) => k.startsWith('held/')),
    ).toHaveLength(20);

    const second = start('--max-delete', '15');
    await second.line(/in sync: 5 files/);
    await second.stop();
    expect(
      [...(await listBucket(bucket.name)).keys()].filter((k) => k.startsWith('held/')),
    ).toHaveLength(5);
    await rm(dir, { recursive: true, force: true });
  });

  it('says when the watch asked for has no conflicts because it is no watch', async () => {
    const out = await cli(['watch', 'conflicts', 'w-0123456789'], { configDir });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/^error: .*w-0123456789/);
    // The command line's words: the command that lists the watches, not a list to refresh.
    expect(out.stderr).toContain('ferry watch conflicts');
    expect(out.stderr).not.toMatch(/refresh/i);
    expect(out.stdout).not.toContain('no conflicts');
  });

  it('ends with exit 1 when the keys are wrong, instead of watching forever', async () => {
    const live = tempFolder('badkey');
    await writeFile(path.join(live, 'a.txt'), 'a');
    const child = spawn(ferry, ['watch', live, `s3://${bucket.name}/badkey`], {
      env: {
        PATH: process.env['PATH'] ?? '',
        FERRY_CONFIG_DIR: configDir,
        ...gatewayEnv({ AWS_SECRET_ACCESS_KEY: 'not-the-secret' }),
      },
    });
    let err = '';
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(err).toContain('error: The server rejected the request signature.');
    await rm(live, { recursive: true, force: true });
  });
});
