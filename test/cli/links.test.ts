import { execFile, spawn } from 'node:child_process';
import { chmod, chown, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ferryBin } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, gatewayEnv } from '../support/s3.js';
import { listBucket, tempFolder } from '../support/watch.js';

const root = process.getuid?.() === 0;

/** The built `ferry` as `nobody` when the tests run as root, so that a folder's permissions apply. */
function command(args: string[], configDir: string): [string, string[], object] {
  const env = { PATH: process.env['PATH'] ?? '', FERRY_CONFIG_DIR: configDir, HOME: configDir };
  const options = { env: { ...env, ...gatewayEnv() } };
  return root
    ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', ferryBin, ...args], options]
    : [ferryBin, args, options];
}

/** Runs `ferry ARGS` to its end; never rejects. */
function cli(args: string[], configDir: string) {
  const [file, argv, options] = command(args, configDir);
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(file, argv, options, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** Runs `ferry watch ARGS` until its first "in sync" line, then stops it with Ctrl-C. */
async function watchOnce(args: string[], configDir: string) {
  const [file, argv, options] = command(['watch', ...args, '--stability-ms', '100'], configDir);
  const child = spawn(file, argv, options);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (/ in sync: \d+ files/.test(stdout)) resolve();
    });
    void exited.then((code) => reject(new Error(`watch ended (${code}): ${stdout}${stderr}`)));
  });
  child.kill('SIGINT');
  return { code: await exited, stdout, stderr };
}

/**
 * The folder every face walks: two plain files, a link to a file and one to a folder inside it, a link to a
 * file and one to a folder outside it, a link back to the folder itself (a cycle), a link to nothing, and
 * a subfolder nobody may read.
 */
async function linkedFolder(): Promise<{ folder: string; outside: string }> {
  const outside = tempFolder('links-outside');
  await mkdir(path.join(outside, 'deep'));
  await writeFile(path.join(outside, 'outside.txt'), 'outside');
  await writeFile(path.join(outside, 'deep', 'o.txt'), 'deep outside');
  await chmod(outside, 0o755);
  const folder = tempFolder('links');
  await mkdir(path.join(folder, 'sub'));
  await mkdir(path.join(folder, 'locked'));
  await writeFile(path.join(folder, 'a.txt'), 'a');
  await writeFile(path.join(folder, 'sub', 'b.txt'), 'b');
  await writeFile(path.join(folder, 'locked', 'hidden.txt'), 'hidden');
  await symlink(folder, path.join(folder, 'sub', 'up'));
  await symlink(path.join(folder, 'a.txt'), path.join(folder, 'to-file'));
  await symlink(path.join(folder, 'sub'), path.join(folder, 'to-dir'));
  await symlink(path.join(outside, 'outside.txt'), path.join(folder, 'out-file'));
  await symlink(outside, path.join(folder, 'out-dir'));
  await symlink(path.join(folder, 'missing'), path.join(folder, 'nowhere'));
  if (root) {
    for (const p of [folder, path.join(folder, 'sub'), path.join(folder, 'locked')]) {
      await chown(p, 65534, 65534);
    }
  }
  await chmod(path.join(folder, 'locked'), 0o000);
  return { folder, outside };
}

/** A config dir the CLI may write as `nobody`. */
async function configDir(): Promise<string> {
  const dir = tempConfigDir();
  if (root) await chown(dir, 65534, 65534);
  return dir;
}

const LINKS = ['nowhere', 'out-dir', 'out-file', 'sub/up', 'to-dir', 'to-file'];

describe('cp -r, sync and watch walk a folder with links the same way', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  let folder: string;
  let outside: string;
  beforeAll(async () => {
    bucket = await createTestBucket('links');
    ({ folder, outside } = await linkedFolder());
  });
  afterAll(async () => {
    await bucket.remove();
    await chmod(path.join(folder, 'locked'), 0o755);
    await rm(folder, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });
  const keysUnder = async (prefix: string) =>
    [...(await listBucket(bucket.name)).keys()]
      .filter((k) => k.startsWith(prefix))
      .map((k) => k.slice(prefix.length))
      .sort();

  it('by default takes no link, says so for each, and reports the unreadable folder', async () => {
    const expected = ['a.txt', 'sub/b.txt'];
    const to = (face: string) => `s3://${bucket.name}/plain-${face}/`;

    const cp = await cli(['cp', '-r', folder, to('cp')], await configDir());
    expect(await keysUnder('plain-cp/')).toEqual(expected);
    // Left out is not done: the copy says so for each path and ends with 1.
    expect(cp.code).toBe(1);
    for (const rel of LINKS) {
      expect(cp.stderr).toContain(`${path.join(folder, rel)} is a symbolic link; Ferry follows`);
    }
    expect(cp.stderr).toContain(`The folder ${path.join(folder, 'locked')} cannot be read`);

    const sync = await cli(['sync', folder, to('sync')], await configDir());
    expect(sync.stderr).toBe('');
    expect(sync.code).toBe(0);
    expect(await keysUnder('plain-sync/')).toEqual(expected);
    for (const rel of LINKS) expect(sync.stdout).toContain(`skip    ${rel}: symbolic link`);
    expect(sync.stdout).toContain('skip    locked: folder cannot be read');

    const watch = await watchOnce([folder, to('watch')], await configDir());
    expect(watch.code).toBe(0);
    expect(await keysUnder('plain-watch/')).toEqual(expected);
    for (const rel of LINKS) expect(watch.stdout).toContain(`skip    ${rel}: symbolic link`);
    expect(watch.stdout).toContain('skip    locked: folder cannot be read');
  }, 60_000);

  it('with --follow-symlinks follows links inside and out, and never round a cycle', async () => {
    const expected = [
      'a.txt',
      'out-dir/deep/o.txt',
      'out-dir/outside.txt',
      'out-file',
      'sub/b.txt',
      'to-dir/b.txt',
      'to-file',
    ];
    // `sub/up` and `to-dir/up` lead back to a folder that holds them; `nowhere` leads nowhere.
    const cycles = ['sub/up', 'to-dir/up'];
    const to = (face: string) => `s3://${bucket.name}/follow-${face}/`;
    const follow = '--follow-symlinks';

    const cp = await cli(['cp', '-r', follow, folder, to('cp')], await configDir());
    expect(await keysUnder('follow-cp/')).toEqual(expected);
    expect(cp.code).toBe(1);
    for (const rel of cycles) {
      expect(cp.stderr).toContain(`${path.join(folder, rel)} is a symbolic link back to a folder`);
    }
    expect(cp.stderr).toContain(`${path.join(folder, 'nowhere')} is a symbolic link that leads`);
    expect(cp.stderr).toContain(`The folder ${path.join(folder, 'locked')} cannot be read`);

    const sync = await cli(['sync', follow, folder, to('sync')], await configDir());
    expect(sync.code).toBe(0);
    expect(await keysUnder('follow-sync/')).toEqual(expected);
    for (const rel of cycles) expect(sync.stdout).toContain(`skip    ${rel}: symbolic link back`);
    expect(sync.stdout).toContain('skip    nowhere: symbolic link that leads nowhere (ENOENT)');
    expect(sync.stdout).toContain('skip    locked: folder cannot be read');

    const watch = await watchOnce([follow, folder, to('watch')], await configDir());
    expect(watch.code).toBe(0);
    expect(await keysUnder('follow-watch/')).toEqual(expected);
    for (const rel of cycles) expect(watch.stdout).toContain(`skip    ${rel}: symbolic link back`);
    expect(watch.stdout).toContain('skip    locked: folder cannot be read');
  }, 60_000);

  it('refuses --follow-symlinks where Ferry writes into the folder', async () => {
    const into = tempFolder('links-into');
    const down = await cli(
      ['sync', '--follow-symlinks', `s3://${bucket.name}/plain-sync/`, into],
      await configDir(),
    );
    expect(down.code).toBe(2);
    expect(down.stderr).toMatch(/^error: --follow-symlinks applies to a sync from a folder/);
    const watch = await cli(
      ['watch', '--mode', 'two-way', '--follow-symlinks', into, `s3://${bucket.name}/x/`],
      await configDir(),
    );
    expect(watch.code).toBe(2);
    expect(watch.stderr).toMatch(/^error: --follow-symlinks applies to upload watches/);
    await rm(into, { recursive: true, force: true });
  });
});
