import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DeleteObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { tempConfigDir } from '../support/engine.js';
import { createTestBucket, gatewayEnv, rawClient, serverKind } from '../support/s3.js';

const ferry = fileURLToPath(new URL('../../bin/ferry', import.meta.url));
const run = promisify(execFile);
const configDir = tempConfigDir();

/** Runs the built `bin/ferry` as a user would, with only the given environment. */
async function cli(args: string[], env: Record<string, string> = {}) {
  try {
    const { stdout, stderr } = await run(ferry, args, {
      env: { PATH: process.env['PATH'] ?? '', FERRY_CONFIG_DIR: configDir, ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('ferry (CLI)', () => {
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  beforeAll(async () => {
    bucket = await createTestBucket('cli');
  });
  afterAll(() => bucket.remove());

  it('prints its version', async () => {
    const { code, stdout } = await cli(['--version']);
    expect(code).toBe(0);
    expect(stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('prints help listing its commands', async () => {
    const { code, stdout } = await cli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('ls');
    expect(stdout).toContain('serve');
    expect(stdout).toContain('AWS_ENDPOINT_URL');
  });

  it('stops quietly when the reader closes the pipe (ferry … | head)', async () => {
    await rawClient().send(new PutObjectCommand({ Bucket: bucket.name, Key: 'a.txt', Body: 'a' }));
    for (const args of [['--help'], ['ls', `s3://${bucket.name}/`]]) {
      const child = spawn(ferry, args, {
        env: { PATH: process.env['PATH'] ?? '', FERRY_CONFIG_DIR: configDir, ...gatewayEnv() },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      // Our end of stdout is closed before the child writes anything: its first write meets EPIPE.
      child.stdout.destroy();
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((done) => child.on('close', done));
      expect(stderr, args.join(' ')).toBe('');
      expect(code, args.join(' ')).toBe(141);
    }
  });

  it('lists buckets from the AWS_* environment', async () => {
    const { code, stdout, stderr } = await cli(['ls'], gatewayEnv());
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n').some((line) => line.endsWith(`  ${bucket.name}`))).toBe(true);
  });

  it('lists buckets from flags, as JSON', async () => {
    const g = gatewayEnv();
    const { code, stdout } = await cli([
      'ls',
      '--json',
      '--endpoint',
      g['AWS_ENDPOINT_URL']!,
      '--access-key',
      g['AWS_ACCESS_KEY_ID']!,
      '--secret-key',
      g['AWS_SECRET_ACCESS_KEY']!,
    ]);
    expect(code).toBe(0);
    const buckets = JSON.parse(stdout) as { name: string }[];
    expect(buckets.map((b) => b.name)).toContain(bucket.name);
  });

  it('says a port is in use instead of calling it a bug', async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => taken.close(() => resolve())));
    const port = (taken.address() as AddressInfo).port;
    const { code, stderr } = await cli(['serve', '--port', String(port)], gatewayEnv());
    // The port was the user's choice on the command line: a usage mistake, fixed by another --port.
    expect(code).toBe(2);
    expect(stderr).toBe(
      `error: Port ${port} on 127.0.0.1 is already in use. — Another program (or another ferry serve) listens there: stop it, choose another --port, or leave --port out for a free one.\n`,
    );
  });

  it('prints one clear line and exits 1 on a wrong secret', async () => {
    const { code, stdout, stderr } = await cli(
      ['ls'],
      gatewayEnv({ AWS_SECRET_ACCESS_KEY: 'not-the-secret' }),
    );
    expect(code).toBe(1);
    expect(stdout).toBe('');
    const lines = stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    // Swift cannot tell an unknown access key from a wrong secret, so there the hint names both.
    expect(lines[0]).toMatch(
      serverKind() === 'swift'
        ? /^error: The server rejected the request signature\. — Check the access key and the secret key/
        : /^error: The server rejected the request signature\. — Check the secret key/,
    );
    expect(stderr).not.toContain('not-the-secret');
  });

  it('exits 2 with a hint on an unknown command or flag', async () => {
    const unknown = await cli(['lss']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr.trim()).toMatch(
      /^error: Unknown command "lss"\. — Commands: ls, mb, rb, rm, restore, cp, mv, stat, presign, uploads, sync, watch, profiles, serve/,
    );
    const flag = await cli(['ls', '--bogus']);
    expect(flag.code).toBe(2);
    expect(flag.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('explains how to connect when nothing is configured', async () => {
    const { code, stderr } = await cli(['ls']);
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: No connection is configured\. — Set AWS_ENDPOINT_URL/);
  });

  it('refuses an invalid endpoint before connecting', async () => {
    const { code, stderr } = await cli(['ls', '--endpoint', 'localhost:9000'], gatewayEnv());
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: The endpoint must use http or https/);
  });

  it('refuses to serve on a non-loopback address', async () => {
    const { code, stderr } = await cli(['serve', '--host', '0.0.0.0']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/only listens on this machine/);
  });

  it('says the transfer journal was damaged whatever command meets it first, and keeps it', async () => {
    const damaged = '{"op":"put","id":"a","entry":{}}\n\u0000garbage\n{"op":"drop","id":"a"}\n';
    const cases: [string[], RegExp][] = [
      [['uploads', 'ls', `s3://${bucket.name}`], /^warning: the transfer journal was damaged;/],
      [['ls', '--json'], /^\{"warning":\{"code":"JournalDamaged"/],
    ];
    for (const [args, line] of cases) {
      const dir = tempConfigDir();
      mkdirSync(path.join(dir, 'transfers'), { recursive: true });
      writeFileSync(path.join(dir, 'transfers', 'journal.jsonl'), damaged);
      const r = await cli(args, { ...gatewayEnv(), FERRY_CONFIG_DIR: dir });
      expect(r.code, args.join(' ')).toBe(0);
      const lines = r.stderr.trim().split('\n');
      expect(lines, args.join(' ')).toHaveLength(1);
      expect(lines[0]).toMatch(line);
      const backup = readdirSync(path.join(dir, 'transfers')).find((f) =>
        f.startsWith('journal.jsonl.damaged-'),
      );
      expect(lines[0]).toContain(backup);
      expect(readFileSync(path.join(dir, 'transfers', backup!), 'utf8')).toBe(damaged);
    }
  });

  it('says a value that starts with a dash is not accepted, naming the option', async () => {
    for (const [flag, value] of [
      ['--part-size', '-5M'],
      ['--concurrency', '-1'],
      ['--limit-rate', '-1'],
    ]) {
      const r = await cli(['cp', flag!, value!, 'a.txt', 's3://b/'], gatewayEnv());
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `error: ${flag} "${value}": a value cannot start with a dash. — Sizes and counts cannot be negative; if the value was left out, add it after ${flag} (see \`ferry cp --help\`).\n`,
      );
    }
  });

  it('shows control characters in keys as escapes, so a key cannot drive the terminal', async () => {
    const key = 'esc/a\u001b]0;owned\u0007\u001b[31mred\u009bb.txt';
    await rawClient().send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: 'x' }));
    // DeleteObjects is XML, which cannot carry these characters: the bucket's clean-up could not remove it.
    onTestFinished(async () => {
      await rawClient().send(new DeleteObjectCommand({ Bucket: bucket.name, Key: key }));
    });
    const listed = await cli(['ls', `s3://${bucket.name}/esc/`], gatewayEnv());
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('a\\x1b]0;owned\\x07\\x1b[31mred\\x9bb.txt');
    const folder = mkdtempSync(path.join(os.tmpdir(), 'ferry-esc-'));
    const copied = await cli(['cp', '-r', `s3://${bucket.name}/esc/`, folder], gatewayEnv());
    expect(copied.code).toBe(0);
    for (const out of [listed.stdout, copied.stdout, copied.stderr]) {
      // eslint-disable-next-line no-control-regex
      expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    }
  });
});
