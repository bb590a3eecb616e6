import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetObjectCommand } from '@aws-sdk/client-s3';
import { isFinalState, type Transfer } from '../../src-shared/contract/transfers.js';
import type { Engine } from '../../src-main/engine/engine.js';
import { testEngine } from './engine.js';
import { gatewayEnv, rawClient } from './s3.js';

export const MiB = 1024 * 1024;

/** A fresh temporary folder for local files. */
export function tempDir(label = 'data'): string {
  return mkdtempSync(path.join(os.tmpdir(), `ferry-${label}-`));
}

/** Writes `size` random bytes to a new file; answers its path and MD5. */
export function randomFile(dir: string, name: string, size: number): { file: string; md5: string } {
  const data = randomBytes(size);
  const file = path.join(dir, name);
  writeFileSync(file, data);
  return { file, md5: createHash('md5').update(data).digest('hex') };
}

/** An engine on the gateway's environment profile, with the minimum part size so tests stay small. */
export async function transferEngine(
  options: Parameters<typeof testEngine>[0] = {},
): Promise<Engine> {
  const engine = await testEngine({
    env: gatewayEnv(),
    transfers: { retry: { attempts: 3, baseMs: 20, maxMs: 100 }, progressIntervalMs: 50 },
    ...options,
  });
  await engine.settings.update({ partSize: 5 * MiB, partConcurrency: 3 });
  return engine;
}

/** MD5 of an object as stored on the server, read with a plain SDK client. */
export async function objectMd5(bucket: string, key: string): Promise<string> {
  const out = await rawClient().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  const bytes = await out.Body!.transformToByteArray();
  return createHash('md5').update(bytes).digest('hex');
}

/** Waits until a transfer reaches a final state (done, failed, cancelled); answers it. */
export async function waitFor(engine: Engine, id: string): Promise<Transfer> {
  const now = engine.transfers.get(id);
  if (now && isFinalState(now.state)) return now;
  return new Promise((resolve) => {
    const off = engine.events.on('transfers.changed', ({ transfers }) => {
      const t = transfers.find((x) => x.id === id);
      if (t && isFinalState(t.state)) {
        off();
        resolve(t);
      }
    });
  });
}

/** Finished parts or ranges the engine's journal holds. */
export function journalChunks(engine: Engine): number {
  return engine.transfers.journal.entries().filter(([, e]) => e.kind === 'chunk').length;
}

/** Resolves once the journal holds at least `n` finished chunks (checked on every progress event). */
export function untilChunks(engine: Engine, n: number): Promise<void> {
  return new Promise((resolve) => {
    if (journalChunks(engine) >= n) return resolve();
    const off = engine.events.on('transfers.progress', () => {
      if (journalChunks(engine) >= n) {
        off();
        resolve();
      }
    });
  });
}
