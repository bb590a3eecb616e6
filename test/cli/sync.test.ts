import { execFile, spawn } from 'node:child_process';
import { chmod, chown, mkdir, rm, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, gatewayEnv } from '../support/s3.js';
import { listBucket, tempFolder } from '../support/watch.js';

const ferry = fileURLToPath(new URL('../../bin/ferry', import.meta.url));
const root = process.getuid?.() === 0;

/** Runs the built `bin/ferry`; `asNobody` drops root so file permissions apply. Never rejects. */
function cli(
  args: string[],
  options: { configDir: string; asNobody?: boolean },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env['PATH'] ?? '',
    FERRY_CONFIG_DIR: options.configDir,
    HOME: options.configDir,
    ...gatewayEnv(),
  };
  const [file, argv] = options.asNobody
    ? ['setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', ferry, ...args]]
    : [ferry, args];
  return new Promise((resolve) => {
    execFile(file, argv, { env, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
    );
  });
}

/** A folder of `count` 16-byte files, a tenth of them one level down. */
async function smallFiles(label: string, count: number): Promise<string> {
  const folder = tempFolder(label);
  await mkdir(path.join(folder, 'sub'));
  for (let i = 0; i < count; i++) {
    const rel = i % 10 === 0 ? `sub/f${i}.txt` : `f${i}.txt`;
    await writeFile(path.join(folder, rel), `file ${String(i).padStart(10, '0')}`);
  }
  return folder;
}

/** The summary line `ferry sync` prints last. */
const summary = (stdout: string) => stdout.trim().split('\n').at(-1) ?? '';

// Each size sits just past one of the batches on the way: the watch's 256 files in hand, a listing page
// (1,000 keys) and a DeleteObjects request (1,000 keys).
describe('ferry sync of folders larger than its internal batches', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const folders: string[] = [];
  beforeAll(async () => {
    bucket = await createTestBucket('clisync');
  });
  afterAll(async () => {
    await bucket.remove();
    for (const f of folders) await rm(f, { recursive: true, force: true });
  });
  const keysUnder = async (prefix: string) =>
    [...(await listBucket(bucket.name)).keys()].filter((k) => k.startsWith(prefix));

  it('uploads all 300 new files, says so, and finds nothing to do the second time', async () => {
    const folder = await smallFiles('sync300', 300);
    folders.push(folder);
    const configDir = tempConfigDir();
    const target = `s3://${bucket.name}/p300/`;
    const plan = await cli(['sync', folder, target, '--dry-run'], { configDir });
    expect(summary(plan.stdout)).toBe('would upload 300, would delete 0, unchanged 0, skipped 0');
    const first = await cli(['sync', folder, target], { configDir });
    expect(first.stderr).toBe('');
    expect(summary(first.stdout)).toBe('uploaded 300, deleted 0, unchanged 0, skipped 0');
    expect(first.code).toBe(0);
    expect(await keysUnder('p300/')).toHaveLength(300);
    const again = await cli(['sync', folder, target], { configDir });
    expect(summary(again.stdout)).toBe('uploaded 0, deleted 0, unchanged 300, skipped 0');
    expect(again.code).toBe(0);
  });

  it('uploads 1,200 files, lists them back past one page, and mirror-deletes 1,100 of them', async () => {
    const folder = await smallFiles('sync1200', 1200);
    folders.push(folder);
    const configDir = tempConfigDir();
    const target = `s3://${bucket.name}/p1200/`;
    const started = Date.now();
    const first = await cli(['sync', folder, target], { configDir });
    process.stderr.write(`sync of 1,200 files of 16 B: ${Date.now() - started} ms\n`);
    expect(summary(first.stdout)).toBe('uploaded 1200, deleted 0, unchanged 0, skipped 0');
    expect(first.code).toBe(0);
    expect(await keysUnder('p1200/')).toHaveLength(1200);
    // A fresh index: every file is matched against the listing (two pages) and adopted, none sent again.
    const fresh = await cli(['sync', folder, target], { configDir: tempConfigDir() });
    expect(summary(fresh.stdout)).toBe('uploaded 0, deleted 0, unchanged 1200, skipped 0');
    for (let i = 100; i < 1200; i++) {
      await unlink(path.join(folder, i % 10 === 0 ? `sub/f${i}.txt` : `f${i}.txt`));
    }
    const mirror = ['sync', folder, target, '--delete', '--force-delete'];
    const deleted = await cli(mirror, { configDir });
    expect(summary(deleted.stdout)).toBe('uploaded 0, deleted 1100, unchanged 100, skipped 0');
    expect(deleted.code).toBe(0);
    expect(await keysUnder('p1200/')).toHaveLength(100);
  }, 180_000);

  it('exits 1 and names the files it could not upload when some cannot be read', async () => {
    const folder = await smallFiles('syncperm', 300);
    folders.push(folder);
    const configDir = tempConfigDir();
    const locked = ['f7.txt', 'sub/f290.txt'];
    if (root) {
      // The CLI runs as `nobody`: it must own the folder (to read it) and its config dir.
      for (const p of [folder, path.join(folder, 'sub'), configDir]) await chown(p, 65534, 65534);
    }
    for (const rel of locked) await chmod(path.join(folder, rel), 0o000);
    const target = `s3://${bucket.name}/perm/`;
    const { code, stdout, stderr } = await cli(['sync', folder, target], {
      configDir,
      asNobody: root,
    });
    expect(code).toBe(1);
    expect(summary(stdout)).toBe('uploaded 298, deleted 0, unchanged 0, skipped 0, failed 2');
    expect(stderr).toContain('error: 2 of 300 planned uploads did not go through:');
    for (const rel of locked) expect(stderr).toMatch(new RegExp(`  ${rel}: .*EACCES`));
    const keys = await keysUnder('perm/');
    expect(keys).toHaveLength(298);
    for (const rel of locked) expect(keys).not.toContain(`perm/${rel}`);
  });

  it('uploads all 300 files of a folder on the watch’s first sync', async () => {
    const folder = await smallFiles('watch300', 300);
    folders.push(folder);
    const child = spawn(
      ferry,
      ['watch', folder, `s3://${bucket.name}/w300/`, '--stability-ms', '100'],
      {
        env: {
          PATH: process.env['PATH'] ?? '',
          FERRY_CONFIG_DIR: tempConfigDir(),
          ...gatewayEnv(),
        },
      },
    );
    let out = '';
    const uploads = () => out.match(/^\S+ upload {2}/gm)?.length ?? 0;
    await new Promise<void>((resolve) => {
      child.stdout.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (uploads() >= 300) resolve();
      });
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(uploads()).toBe(300);
    expect(await keysUnder('w300/')).toHaveLength(300);
  });
});
