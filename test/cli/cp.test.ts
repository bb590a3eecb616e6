import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import {
  ListMultipartUploadsCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ferryBin, runFerry } from '../support/cli.js';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, gatewayEnv, rawClient } from '../support/s3.js';
import { MiB, objectMd5, randomFile, tempDir } from '../support/transfer.js';

const cli = runFerry;

/** Lines of --json output. */
const lines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Finished parts the journal holds on disk right now. */
function journaledParts(configDir: string): number {
  const file = path.join(configDir, 'transfers', 'journal.jsonl');
  if (!existsSync(file)) return 0;
  const live = new Map<string, unknown>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const r = JSON.parse(line) as { op: string; id: string; entry?: { kind: string } };
      if (r.op === 'drop') live.delete(r.id);
      else if (r.op === 'put' && r.entry?.kind === 'chunk') live.set(r.id, r.entry);
    } catch {
      // a torn last line
    }
  }
  return live.size;
}

describe('ferry cp', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const configDir = tempConfigDir();
  const dir = tempDir('cp');
  beforeAll(async () => {
    bucket = await createTestBucket('cp');
  });
  afterAll(() => bucket.remove());

  it('uploads a file and downloads it back, byte for byte', async () => {
    const { file, md5 } = randomFile(dir, 'hello.bin', 6 * MiB + 3);
    const up = await cli(
      ['cp', '--part-size', '5M', file, `s3://${bucket.name}/x/hello.bin`],
      configDir,
    );
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toContain(`s3://${bucket.name}/x/hello.bin`);
    expect(await objectMd5(bucket.name, 'x/hello.bin')).toBe(md5);
    const out = tempDir('cp-out');
    const down = await cli(['cp', `s3://${bucket.name}/x/hello.bin`, `${out}/`], configDir);
    expect(down.code).toBe(0);
    expect(readFileSync(path.join(out, 'hello.bin')).length).toBe(6 * MiB + 3);
  });

  it('copies a folder with -r and refuses it without', async () => {
    const tree = path.join(dir, 'tree');
    mkdirSync(path.join(tree, 'sub'), { recursive: true });
    writeFileSync(path.join(tree, 'a.txt'), 'a');
    writeFileSync(path.join(tree, 'sub', 'b.txt'), 'b');
    const refused = await cli(['cp', tree, `s3://${bucket.name}/tree/`], configDir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/^error: .* is a folder\. — Add -r/);
    const copied = await cli(['cp', '-r', '--json', tree, `s3://${bucket.name}/tree/`], configDir);
    expect(copied.code).toBe(0);
    const results = lines(copied.stdout).filter((l) => l['type'] === 'result');
    expect(results.map((r) => (r['transfer'] as { key: string }).key).sort()).toEqual([
      'tree/a.txt',
      'tree/sub/b.txt',
    ]);
    const back = tempDir('cp-tree');
    const down = await cli(['cp', '-r', `s3://${bucket.name}/tree`, back], configDir);
    expect(down.code).toBe(0);
    expect(readFileSync(path.join(back, 'sub', 'b.txt'), 'utf8')).toBe('b');
  });

  it('downloads a whole bucket with -r, given as s3://bucket or s3://bucket/', async () => {
    const whole = await createTestBucket('cp-whole');
    try {
      const client = rawClient();
      for (const [key, body] of [
        ['top.txt', 'top'],
        ['deep/er/leaf.txt', 'leaf'],
      ]) {
        await client.send(new PutObjectCommand({ Bucket: whole.name, Key: key, Body: body }));
      }
      for (const url of [`s3://${whole.name}`, `s3://${whole.name}/`]) {
        const back = tempDir('cp-whole');
        const down = await cli(['cp', '-r', url, back], configDir);
        expect(down.stderr).toBe('');
        expect(down.code).toBe(0);
        expect(readFileSync(path.join(back, 'top.txt'), 'utf8')).toBe('top');
        expect(readFileSync(path.join(back, 'deep', 'er', 'leaf.txt'), 'utf8')).toBe('leaf');
      }
    } finally {
      await whole.remove();
    }
  });

  it('stops at one clear line when the bucket of a folder copy does not exist', async () => {
    const tree = path.join(dir, 'many');
    mkdirSync(tree, { recursive: true });
    for (let i = 0; i < 20; i++) writeFileSync(path.join(tree, `f${i}.txt`), `${i}`);
    const own = tempConfigDir();
    const copied = await cli(['cp', '-r', tree, `s3://${bucket.name}-missing/x/`], own);
    expect(copied.code).toBe(1);
    expect(copied.stderr).toBe(
      `error: The bucket "${bucket.name}-missing" does not exist. — Check the bucket name, or create it first.\n`,
    );
    // The PUTs left before the bucket's answer came; taken back, they are not in the history either.
    const history = path.join(own, 'transfers', 'history.jsonl');
    expect(existsSync(history) ? readFileSync(history, 'utf8') : '').toBe('');
  });

  it('says clearly when a source does not exist, or local and S3 sources are mixed', async () => {
    const missing = await cli(['cp', path.join(dir, 'nope'), `s3://${bucket.name}/n`], configDir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*nope does not exist.* — /);
    const mixed = await cli(
      ['cp', path.join(dir, 'nope'), `s3://${bucket.name}/a`, `s3://${bucket.name}/b/`],
      configDir,
    );
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toMatch(/^error: Mixing local and s3:\/\/ sources/);
  });

  it('names what is missing: the object, or the bucket, up or down', async () => {
    const out = tempDir('cp-missing');
    const noKey = await cli(['cp', `s3://${bucket.name}/no-such.txt`, `${out}/`], configDir);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/^error: The object "no-such.txt" does not exist\. — /);
    const noBucketDown = await cli(['cp', `s3://${bucket.name}-gone/a.txt`, `${out}/`], configDir);
    expect(noBucketDown.code).toBe(1);
    expect(noBucketDown.stderr).toMatch(
      new RegExp(`^error: The bucket "${bucket.name}-gone" does not exist\\. — `),
    );
    const { file } = randomFile(dir, 'to-nowhere.bin', 1000);
    const noBucketUp = await cli(['cp', file, `s3://${bucket.name}-gone/a.bin`], configDir);
    expect(noBucketUp.code).toBe(1);
    expect(noBucketUp.stderr).toMatch(
      new RegExp(`^error: The bucket "${bucket.name}-gone" does not exist\\. — `),
    );
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses a key longer than S3 allows before sending, saying so', async () => {
    const { file } = randomFile(dir, 'long-key.bin', 100);
    const key = 'k'.repeat(1100);
    const r = await cli(['cp', file, `s3://${bucket.name}/${key}`], configDir);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      `error: The object key is 1100 bytes long; S3 allows at most 1024 bytes (UTF-8). — Use a shorter name or fewer folder levels. [${file}]\n`,
    );
  });

  it('refuses keys with ".", ".." or empty segments, or control characters, and uploads nothing', async () => {
    const { file } = randomFile(dir, 'odd-key.bin', 100);
    const refused = [
      ['a/../b.txt', 'has a "." or ".." path segment'],
      ['a//b.txt', 'has an empty path segment ("//")'],
      ['ctl\u0001x.txt', 'The object key contains control characters.'],
    ] as const;
    for (const [key, says] of refused) {
      const r = await cli(['cp', file, `s3://${bucket.name}/odd/${key}`], configDir);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(says);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const listed = await rawClient().send(
      new ListObjectsV2Command({ Bucket: bucket.name, Prefix: 'odd/' }),
    );
    expect(listed.KeyCount ?? 0).toBe(0);
  });

  it('on Ctrl-C pauses into the journal, says how to continue, and exits 130', async () => {
    const { file, md5 } = randomFile(dir, 'interrupt.bin', 30 * MiB);
    const intDir = tempConfigDir();
    const args = ['cp', '--part-size', '5M', file, `s3://${bucket.name}/interrupt.bin`];
    const child = spawn(ferryBin, [...args, '--json', '--limit-rate', '10M'], {
      env: { PATH: process.env['PATH'] ?? '', FERRY_CONFIG_DIR: intDir, ...gatewayEnv() },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => {
        if (journaledParts(intDir) >= 1) resolve();
      });
      child.once('exit', (code) => reject(new Error(`ferry exited early with ${code}`)));
    });
    child.kill('SIGINT');
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(130);
    expect(stderr).toBe(
      'Interrupted: 1 transfer paused. Run the same command again to continue where it stopped.\n',
    );
    const again = await cli(args, intDir);
    expect(again.code).toBe(0);
    expect(again.stderr).toMatch(/^Resuming .*interrupt\.bin from the journal/);
    expect(await objectMd5(bucket.name, 'interrupt.bin')).toBe(md5);
  });

  it('resumes after being killed with SIGKILL, without re-sending finished parts', async () => {
    const size = 40 * MiB;
    const { file, md5 } = randomFile(dir, 'killme.bin', size);
    const killDir = tempConfigDir();
    const dest = `s3://${bucket.name}/killme.bin`;
    const args = ['cp', '--json', '--part-size', '5M', file, dest];
    const child = spawn(ferryBin, [...args, '--limit-rate', '10M'], {
      env: { PATH: process.env['PATH'] ?? '', FERRY_CONFIG_DIR: killDir, ...gatewayEnv() },
    });
    // Wait for the journal to record three finished parts, reading the child's progress lines as events.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => {
        if (journaledParts(killDir) >= 3) resolve();
      });
      child.once('exit', (code) => reject(new Error(`ferry exited early with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const before = journaledParts(killDir);
    expect(before).toBeGreaterThanOrEqual(3);
    expect(before).toBeLessThan(8);

    const again = await cli(args, killDir);
    expect(again.code).toBe(0);
    const out = lines(again.stdout);
    const resumed = out.find((l) => l['type'] === 'resumed');
    expect(resumed?.['resumedBytes']).toBe(before * 5 * MiB);
    const result = out.find((l) => l['type'] === 'result')?.['transfer'] as { state: string };
    expect(result.state).toBe('done');
    expect(await objectMd5(bucket.name, 'killme.bin')).toBe(md5);
    expect(journaledParts(killDir)).toBe(0);
    const list = await rawClient().send(new ListMultipartUploadsCommand({ Bucket: bucket.name }));
    expect(list.Uploads ?? []).toEqual([]);
  });
});
