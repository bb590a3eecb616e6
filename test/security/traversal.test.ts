import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/engine/dispatch.js';
import type { Engine } from '../../src-main/engine/engine.js';
import { silentLogger } from '../../src-main/engine/logger.js';
import { Figures } from '../reliability/figures.js';
import { createTestBucket, rawClient } from '../support/s3.js';
import { transferEngine } from '../support/transfer.js';
import { seedHostileKeys } from './hostile-keys.js';

const figures = new Figures('security-traversal', 'npx vitest run test/security/traversal.test.ts');
let engine: Engine;
let bucket: Awaited<ReturnType<typeof createTestBucket>>;
let stored: string[];

beforeAll(async () => {
  engine = await transferEngine();
  bucket = await createTestBucket('hostile');
  stored = await seedHostileKeys(rawClient(), bucket.name);
});
afterAll(async () => {
  await figures.save();
  await engine.dispose();
  // Ceph refuses to batch-delete some of these names (`..`); the bucket dies with the throwaway gateway.
  await bucket.remove().catch(() => undefined);
});

/** Every file under a folder, as absolute paths. */
async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    out.push(...(entry.isDirectory() ? await walk(file) : [file]));
  }
  return out;
}

/** Resolves once every transfer has reached a final state. */
function settled(ids: string[]): Promise<void> {
  const final = () =>
    ids.every((id) =>
      ['done', 'failed', 'cancelled'].includes(engine.transfers.get(id)?.state ?? ''),
    );
  if (final()) return Promise.resolve();
  return new Promise((resolve) => {
    const off = engine.events.on('transfers.changed', () => {
      if (!final()) return;
      off();
      resolve();
    });
  });
}

describe('downloads of hostile keys', () => {
  it('the gateway stores the hostile keys (the fixture works)', () => {
    expect(stored).toContain('../../x');
    expect(stored).toContain('a/../../b');
    expect(stored.length).toBeGreaterThanOrEqual(15);
  });

  it('never write outside the chosen folder', { timeout: 60_000 }, async () => {
    // A deep jail: any escape lands somewhere under `jail` but outside `chosen`, where we can see it.
    const jail = await mkdtemp(path.join(os.tmpdir(), 'ferry-jail-'));
    const chosen = path.join(jail, 'a', 'b', 'c', 'chosen');
    await mkdir(chosen, { recursive: true });
    const keys = stored.filter((k) => k.length <= 1024);
    const result = await dispatch(
      engine.handlers(),
      'transfers.download',
      { profileId: 'environment', bucket: bucket.name, keys, folder: chosen, base: '' },
      silentLogger,
    );
    expect(result.ok, JSON.stringify(result)).toBe(true);
    const ids = result.ok ? (result.value as { ids: string[] }).ids : [];
    await settled(ids);
    const written = await walk(jail);
    const outside = written.filter((file) => !file.startsWith(chosen + path.sep));
    expect(outside).toEqual([]);
    for (const abs of ['/abs', '/etc/ferry-pwned', path.join(os.tmpdir(), 'x')])
      expect(existsSync(abs), abs).toBe(false);
    const transfers = ids.map((id) => engine.transfers.get(id)!);
    const done = transfers.filter((t) => t.state === 'done');
    const refused = transfers.filter((t) => t.state === 'failed');
    for (const t of refused) {
      expect(t.error?.message, t.key).toBeTruthy();
      expect(t.error?.hint, t.key).toBeTruthy();
    }
    for (const t of done) expect(t.localPath.startsWith(chosen + path.sep), t.localPath).toBe(true);
    figures.add({
      test: 'Downloads of hostile keys stay inside the chosen folder',
      injected: `${keys.length} planted keys: ../, /abs, a/../../b, ..\\x, C:\\x, very long names, control characters`,
      times: keys.length,
      held: `0 files outside the folder; ${done.length} saved under safe names inside it, ${refused.length} refused with a message and hint`,
    });
  });
});
