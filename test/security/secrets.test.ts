import { execFile } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { Figures } from '../reliability/figures.js';
import { createTestBucket, gateway, gatewayEnv } from '../support/s3.js';
import { containsSecret, countFiles, filesContainingSecret } from './find-secret.js';
import { ferryBin, spawnServe } from './serve-process.js';

const run = promisify(execFile);
const figures = new Figures('security-secrets', 'npx vitest run test/security/secrets.test.ts');
afterAll(() => figures.save());

describe('the secret finder', () => {
  it('finds a secret in nested hidden files, as is or encoded, and nothing in a clean folder', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ferry-secret-probe-'));
    const secret = 'probe-secret-0123456789';
    expect(await filesContainingSecret([dir], secret)).toEqual([]);
    await mkdir(path.join(dir, '.hidden', 'deep'), { recursive: true });
    await writeFile(path.join(dir, '.hidden', 'deep', 'log.txt'), `x=${secret}\n`);
    await writeFile(
      path.join(dir, 'blob.bin'),
      Buffer.from(Buffer.from(secret).toString('base64')),
    );
    await writeFile(path.join(dir, 'url.txt'), encodeURIComponent(`${secret}/+`).slice(0, -6));
    const found = await filesContainingSecret([dir], secret);
    expect(found.map((f) => path.basename(f)).sort()).toEqual(['blob.bin', 'log.txt', 'url.txt']);
    expect(await filesContainingSecret([dir], secret, { allow: found })).toEqual([]);
  });
});

describe('secrets never reach files, logs or error messages', () => {
  const outputs: string[] = [];
  let configDir: string;
  let logDir: string;
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const wrongSecret = 'wrong-secret-Zq8xW3vL0pNc7T';

  beforeAll(async () => {
    configDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-secrets-config-'));
    logDir = await mkdtemp(path.join(os.tmpdir(), 'ferry-secrets-log-'));
    bucket = await createTestBucket('secrets');
  });
  afterAll(() => bucket.remove());

  /** Runs bin/ferry with debug logging; what Ferry printed (not our command line) goes to the log folder. */
  async function ferry(args: string[], env: Record<string, string>): Promise<number> {
    const base = {
      PATH: process.env['PATH'] ?? '',
      FERRY_CONFIG_DIR: configDir,
      FERRY_LOG: 'debug',
    };
    const { code, stdout, stderr } = await run(process.execPath, [ferryBin, ...args], {
      env: { ...base, ...env },
    }).then(
      (ok) => ({ code: 0, ...ok }),
      (error: { code: number; stdout?: string; stderr?: string }) => ({
        code: error.code,
        stdout: error.stdout ?? '',
        stderr: error.stderr ?? '',
      }),
    );
    outputs.push(stdout, stderr);
    await appendFile(path.join(logDir, 'ferry.log'), `${stdout}${stderr}`);
    return code;
  }

  it('holds across CLI runs, failed logins and a ferry serve session', async () => {
    const env = gatewayEnv();
    const g = gateway();
    expect(await ferry(['ls'], env)).toBe(0);
    expect(await ferry(['ls', '--json'], env)).toBe(0);
    expect(await ferry(['ls'], { ...env, AWS_SECRET_ACCESS_KEY: wrongSecret })).toBe(1);
    expect(
      await ferry(
        ['ls', '--endpoint', g.endpoint, '--access-key', g.accessKey, '--secret-key', g.secretKey],
        {},
      ),
    ).toBe(0);
    expect(
      await ferry(
        ['ls', '--endpoint', g.endpoint, '--access-key', g.accessKey, '--secret-key', wrongSecret],
        {},
      ),
    ).toBe(1);
    expect(
      await ferry(
        [
          'ls',
          '--endpoint',
          'http://127.0.0.1:1',
          '--access-key',
          'AK',
          '--secret-key',
          g.secretKey,
        ],
        {},
      ),
    ).toBe(1);

    const serve = await spawnServe({ ...env, FERRY_CONFIG_DIR: configDir, FERRY_LOG: 'debug' });
    const origin = `http://127.0.0.1:${serve.port}`;
    const ws = new WebSocket(`ws://127.0.0.1:${serve.port}/ws`, {
      headers: { origin, cookie: `ferry_token=${serve.token}` },
    });
    await new Promise((resolve) => ws.once('open', resolve));
    let id = 0;
    const call = (command: string, payload: unknown) =>
      new Promise<string>((resolve) => {
        ws.once('message', (data) => resolve(String(data)));
        ws.send(JSON.stringify({ id: ++id, command, payload }));
      });
    for (const [command, payload] of [
      ['profiles.list', {}],
      ['buckets.list', { profileId: 'environment' }],
      ['buckets.list', { profileId: 'nope' }],
      ['settings.set', { theme: 'dark' }],
      ['app.info', {}],
    ] as const) {
      outputs.push(await call(command, payload));
    }
    ws.close();
    await serve.stop();
    outputs.push(serve.stderr());
    await appendFile(path.join(logDir, 'serve.log'), serve.stderr());

    const scanned = await countFiles([configDir, logDir]);
    expect(scanned).toBeGreaterThanOrEqual(3);
    expect(await filesContainingSecret([configDir, logDir], g.secretKey)).toEqual([]);
    expect(await filesContainingSecret([configDir, logDir], wrongSecret)).toEqual([]);
    const leaks = outputs.filter(
      (text) => containsSecret(text, g.secretKey) || containsSecret(text, wrongSecret),
    );
    expect(leaks).toEqual([]);
    figures.add({
      test: 'Secrets stay out of files, logs and messages',
      injected:
        'CLI runs (good, wrong and flag-passed secrets, dead endpoint) and a ferry serve session, debug logging on',
      times: outputs.length,
      held: `0 of ${scanned} files in the config and log folders and 0 of ${outputs.length} outputs contain the secret (raw, base64, URL or hex)`,
    });
  });
});
