import { execFile } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Figures } from '../reliability/figures.js';
import { createTestBucket, gateway, gatewayEnv } from '../support/s3.js';
import { containsSecret, countFiles, filesContainingSecret } from './find-secret.js';
import { MiB, randomFile, tempDir } from '../support/transfer.js';
import { connectServe, ferryBin, spawnServe, type WireTransfer } from './serve-process.js';

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
    const client = await connectServe(serve);
    client.onEvent((frame) => outputs.push(JSON.stringify(frame)));
    // Work that fills the config folder: a multipart upload and a download (journal, history), a watch (index).
    const data = tempDir('secrets-data');
    const { file } = randomFile(data, 'multi.bin', 6 * MiB);
    const watched = tempDir('secrets-watch');
    await writeFile(path.join(watched, 'w.txt'), 'watched');
    const uploaded = new Promise<void>((resolve) =>
      client.onEvent((frame) => {
        const list =
          frame.event === 'transfers.changed'
            ? (frame.payload as { transfers: WireTransfer[] }).transfers
            : [];
        if (list.some((t) => t.state === 'done')) resolve();
      }),
    );
    const settled = new Promise<void>((resolve) => {
      const states = new Map<string, string>();
      let watchUploads = 0;
      client.onEvent((frame) => {
        if (frame.event === 'transfers.changed') {
          for (const t of (frame.payload as { transfers: WireTransfer[] }).transfers)
            states.set(t.id, t.state);
        }
        if (
          frame.event === 'watches.activity' &&
          (frame.payload as { action: string }).action === 'upload'
        )
          watchUploads++;
        const finals = [...states.values()].filter((s) => s === 'done' || s === 'failed').length;
        if (finals >= 2 && watchUploads >= 1) resolve();
      });
    });
    for (const [command, payload] of [
      ['profiles.list', {}],
      ['buckets.list', { profileId: 'environment' }],
      ['buckets.list', { profileId: 'nope' }],
      ['settings.set', { theme: 'dark', partSize: 5 * MiB }],
      ['app.info', {}],
      ['transfers.upload', { profileId: 'environment', bucket: bucket.name, paths: [file] }],
      [
        'transfers.download',
        {
          profileId: 'environment',
          bucket: bucket.name,
          keys: ['multi.bin'],
          folder: data,
          conflict: 'keep-both',
        },
      ],
      [
        'watches.add',
        {
          folder: watched,
          profileId: 'environment',
          bucket: bucket.name,
          prefix: 'w',
          stabilityMs: 200,
        },
      ],
      ['transfers.history', {}],
    ] as const) {
      outputs.push(JSON.stringify(await client.call(command, payload)));
      // The download needs the upload's object: start it once the upload is done.
      if (command === 'transfers.upload') await uploaded;
    }
    await settled;
    client.ws.close();
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
        'CLI runs (good, wrong and flag-passed secrets, dead endpoint) and a ferry serve session with a multipart upload, a download and a watch (journal, history, index), debug logging on',
      times: outputs.length,
      held: `0 of ${scanned} files in the config and log folders and 0 of ${outputs.length} outputs contain the secret (raw, base64, URL or hex)`,
    });
  });
});
