import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../../src-main/engine/engine.js';
import { startFaultProxy } from '../../support/fault-proxy.js';
import { createTestBucket, gateway, gatewayEnv, rawClient } from '../../support/s3.js';
import { fileWriter } from '../../../src-main/engine/transfer/runner.js';
import {
  journalChunks,
  MiB,
  randomFile,
  tempDir,
  transferEngine,
  waitFor,
} from '../../support/transfer.js';

const md5 = (data: Uint8Array) => createHash('md5').update(data).digest('hex');
const fileMd5 = (file: string) => md5(readFileSync(file));

describe('downloads from the gateway', () => {
  let engine: Engine;
  let bucket: Awaited<ReturnType<typeof createTestBucket>>;
  const src = tempDir('down-src');
  beforeAll(async () => {
    engine = await transferEngine();
    bucket = await createTestBucket('download');
  });
  afterAll(async () => {
    await engine.dispose();
    await bucket.remove();
  });

  async function put(key: string, body: Uint8Array) {
    await rawClient().send(new PutObjectCommand({ Bucket: bucket.name, Key: key, Body: body }));
  }

  it('downloads a large object in parallel ranges, verified, with no partial file left', async () => {
    const { file, md5: sum } = randomFile(src, 'big.bin', 13 * MiB + 7);
    await put('big.bin', readFileSync(file));
    const folder = tempDir('down');
    const ids = await engine.handlers()['transfers.download']({
      profileId: 'environment',
      bucket: bucket.name,
      keys: ['big.bin'],
      folder,
      conflict: 'keep-both',
    });
    const job = engine.transfers.get(ids.ids[0]!)!;
    expect(job.direction).toBe('download');
    await waitFor(engine, ids.ids[0]!);
    expect(fileMd5(path.join(folder, 'big.bin'))).toBe(sum);
    expect(readdirSync(folder)).toEqual(['big.bin']);
  });

  it('journals a finished range only once a sync begun after it has ended', async () => {
    const size = 16 * MiB; // four ranges of 5 MiB
    const { file, md5: sum } = randomFile(src, 'gated.bin', size);
    await put('gated.bin', readFileSync(file));
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    let written = 0;
    // Every sync of the partial file waits at the gate: the bytes are written, but not known to be on disk.
    const gated = await transferEngine({
      transfers: {
        retry: { attempts: 3, baseMs: 20, maxMs: 100 },
        progressIntervalMs: 50,
        openWriter: async (target, fresh) => {
          const real = await fileWriter(target, fresh);
          return {
            ...real,
            write: async (chunks, position) => {
              await real.write(chunks, position);
              for (const chunk of chunks) written += chunk.length;
            },
            sync: async () => {
              await gate;
              await real.sync();
            },
          };
        },
      },
    });
    try {
      const folder = tempDir('gated');
      const { ids } = await gated.handlers()['transfers.download']({
        profileId: 'environment',
        bucket: bucket.name,
        keys: ['gated.bin'],
        folder,
        conflict: 'keep-both',
      });
      await new Promise<void>((resolve) => {
        const off = gated.events.on('transfers.progress', () => {
          if (written < size) return;
          off();
          resolve();
        });
      });
      // Every range has arrived and is in the file, but no sync has ended: none may be journaled yet.
      expect(gated.transfers.get(ids[0]!)?.state).toBe('running');
      expect(journalChunks(gated)).toBe(0);
      open();
      expect((await waitFor(gated, ids[0]!)).state).toBe('done');
      expect(fileMd5(path.join(folder, 'gated.bin'))).toBe(sum);
    } finally {
      await gated.dispose();
    }
  });

  it('downloads a whole prefix, keeping the folder structure, and a zero-byte object', async () => {
    await put('tree/a.txt', Buffer.from('alpha'));
    await put('tree/sub/b.txt', Buffer.from('beta'));
    await put('tree/empty', new Uint8Array());
    const folder = tempDir('tree');
    const { ids } = await engine.handlers()['transfers.download']({
      profileId: 'environment',
      bucket: bucket.name,
      keys: ['tree/'],
      folder,
      conflict: 'keep-both',
    });
    expect(ids).toHaveLength(3);
    for (const id of ids) await waitFor(engine, id);
    expect(readFileSync(path.join(folder, 'tree/a.txt'), 'utf8')).toBe('alpha');
    expect(readFileSync(path.join(folder, 'tree/sub/b.txt'), 'utf8')).toBe('beta');
    expect(readFileSync(path.join(folder, 'tree/empty'))).toHaveLength(0);
  });

  it("takes a listing's size and ETag (no HEAD), and starts over when the object changed since", async () => {
    const methods: string[] = [];
    const proxy = await startFaultProxy({
      target: gateway().endpoint,
      plan: (info) => {
        methods.push(info.method);
        return 'pass';
      },
    });
    const counted = await transferEngine({ env: gatewayEnv({ AWS_ENDPOINT_URL: proxy.endpoint }) });
    try {
      const first = Buffer.from('first version');
      await put('listed.txt', first);
      const folder = tempDir('listed');
      const spec = {
        profileId: 'environment',
        bucket: bucket.name,
        key: 'listed.txt',
        conflict: 'keep-both' as const,
        listed: { size: first.length, etag: md5(first) },
      };
      await counted.transfers.enqueueDownload({ ...spec, file: path.join(folder, 'a.txt') }).done;
      expect(readFileSync(path.join(folder, 'a.txt'), 'utf8')).toBe('first version');
      expect(methods).toEqual(['GET']);
      // Replaced after the listing: the GET asks for the listed ETag and is refused; a HEAD says what is there.
      await put('listed.txt', Buffer.from('the second, longer version'));
      methods.length = 0;
      const b = counted.transfers.enqueueDownload({ ...spec, file: path.join(folder, 'b.txt') });
      await b.done;
      expect(readFileSync(path.join(folder, 'b.txt'), 'utf8')).toBe('the second, longer version');
      expect(methods).toEqual(['GET', 'HEAD', 'GET']);
      expect(counted.transfers.get(b.id)?.note).toMatch(/changed on the server/);
    } finally {
      await counted.dispose();
      await proxy.close();
    }
  });

  it('keeps both files by default, and skips or overwrites when asked', async () => {
    await put('doc.txt', Buffer.from('from the server'));
    const folder = tempDir('conflict');
    writeFileSync(path.join(folder, 'doc.txt'), 'mine');
    const download = async (conflict: 'keep-both' | 'skip' | 'overwrite' | 'ask') => {
      const { ids } = await engine.handlers()['transfers.download']({
        profileId: 'environment',
        bucket: bucket.name,
        keys: ['doc.txt'],
        folder,
        conflict,
      });
      return waitFor(engine, ids[0]!);
    };
    await download('keep-both');
    expect(readFileSync(path.join(folder, 'doc.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(path.join(folder, 'doc (1).txt'), 'utf8')).toBe('from the server');
    writeFileSync(path.join(folder, 'doc.txt'), 'mine again');
    await download('skip');
    expect(readFileSync(path.join(folder, 'doc.txt'), 'utf8')).toBe('mine again');
    const asked = await download('ask');
    expect(asked.state).toBe('failed');
    expect(asked.error?.code).toBe('LocalFileExists');
    await download('overwrite');
    expect(readFileSync(path.join(folder, 'doc.txt'), 'utf8')).toBe('from the server');
  });

  it('never writes outside the chosen folder, whatever the keys say', async () => {
    const hostile = ['../escape.txt', '/etc/ferry-abs.txt', 'a/../../b.txt', 'C:\\win.txt'];
    for (const key of hostile) await put(key, Buffer.from(key));
    const root = tempDir('hostile');
    const folder = path.join(root, 'inside');
    const { ids } = await engine.handlers()['transfers.download']({
      profileId: 'environment',
      bucket: bucket.name,
      keys: hostile,
      base: '',
      folder,
      conflict: 'keep-both',
    });
    const results = [];
    for (const id of ids) results.push(await waitFor(engine, id));
    const byKey = new Map(results.map((t) => [t.key, t]));
    expect(byKey.get('../escape.txt')?.error?.code).toBe('UnsafeKey');
    expect(byKey.get('a/../../b.txt')?.error?.code).toBe('UnsafeKey');
    expect(byKey.get('/etc/ferry-abs.txt')?.state).toBe('done');
    expect(byKey.get('/etc/ferry-abs.txt')?.note).toMatch(/saved as "etc\/ferry-abs.txt"/);
    expect(readFileSync(path.join(folder, 'etc/ferry-abs.txt'), 'utf8')).toBe('/etc/ferry-abs.txt');
    expect(readFileSync(path.join(folder, 'win.txt'), 'utf8')).toBe('C:\\win.txt');
    // Nothing appeared next to the folder, or at the absolute path.
    expect(readdirSync(root)).toEqual(['inside']);
    expect(existsSync('/etc/ferry-abs.txt')).toBe(false);
  });

  it('keeps both, whole, when two keys land on the same local file at the same time', async () => {
    // `twin//big.bin` and `twin/big.bin` are both saved as twin/big.bin; the same key asked twice is alike.
    const a = randomFile(src, 'twin-a.bin', 12 * MiB);
    const b = randomFile(src, 'twin-b.bin', 12 * MiB);
    await put('twin//big.bin', readFileSync(a.file));
    await put('twin/big.bin', readFileSync(b.file));
    const folder = tempDir('twins');
    const ask = (keys: string[]) =>
      engine.handlers()['transfers.download']({
        profileId: 'environment',
        bucket: bucket.name,
        keys,
        base: '',
        folder,
        conflict: 'keep-both',
      });
    const ids = [
      ...(await ask(['twin//big.bin', 'twin/big.bin'])).ids,
      ...(await ask(['twin/big.bin'])).ids,
    ];
    const results = [];
    for (const id of ids) results.push(await waitFor(engine, id));
    expect(results.map((t) => t.state)).toEqual(['done', 'done', 'done']);
    const saved = readdirSync(path.join(folder, 'twin')).sort();
    expect(saved).toEqual(['big (1).bin', 'big (2).bin', 'big.bin']);
    const sums = saved.map((name) => fileMd5(path.join(folder, 'twin', name))).sort();
    expect(sums).toEqual([a.md5, b.md5, b.md5].sort());
    expect(new Set(results.map((t) => t.target)).size).toBe(3);
  });

  it('cancelling the second of two downloads to one file leaves the first one whole', async () => {
    const { file, md5 } = randomFile(src, 'pair.bin', 12 * MiB);
    await put('pair/big.bin', readFileSync(file));
    const folder = tempDir('pair');
    await engine.settings.update({ bandwidthLimit: 8 * MiB });
    try {
      const ask = async () =>
        (
          await engine.handlers()['transfers.download']({
            profileId: 'environment',
            bucket: bucket.name,
            keys: ['pair/big.bin'],
            folder,
            conflict: 'keep-both',
          })
        ).ids[0]!;
      const moving = (id: string) =>
        new Promise<void>((resolve) => {
          const off = engine.events.on('transfers.progress', ({ items }) => {
            if (items.some((i) => i.id === id && i.bytesDone > 0)) {
              off();
              resolve();
            }
          });
        });
      const first = await ask();
      await moving(first);
      const second = await ask();
      await moving(second);
      engine.transfers.cancel([second]);
      expect((await waitFor(engine, second)).state).toBe('cancelled');
      await engine.settings.update({ bandwidthLimit: 0 });
      const done = await waitFor(engine, first);
      expect([done.state, done.error?.message]).toEqual(['done', undefined]);
      expect(fileMd5(done.target)).toBe(md5);
      expect(readdirSync(folder)).toEqual(['big.bin']);
    } finally {
      await engine.settings.update({ bandwidthLimit: 0 });
    }
  });

  it('reports a full disk clearly, keeping what was downloaded', async () => {
    const { file } = randomFile(src, 'diskfull.bin', 12 * MiB);
    await put('diskfull.bin', readFileSync(file));
    let written = 0;
    // Simulated at the file-system seam: no tmpfs can be mounted here without root.
    const full = await transferEngine({
      transfers: {
        retry: { attempts: 2, baseMs: 10, maxMs: 20 },
        openWriter: async () => ({
          write: async (chunks) => {
            for (const chunk of chunks) written += chunk.length;
            if (written > 6 * MiB) throw Object.assign(new Error('no space'), { code: 'ENOSPC' });
          },
          truncate: async () => {},
          sync: async () => {},
          close: async () => {},
        }),
      },
    });
    try {
      const folder = tempDir('full');
      const { ids } = await full.handlers()['transfers.download']({
        profileId: 'environment',
        bucket: bucket.name,
        keys: ['diskfull.bin'],
        folder,
        conflict: 'keep-both',
      });
      const t = await waitFor(full, ids[0]!);
      expect(t.state).toBe('failed');
      expect(t.error?.code).toBe('DiskFull');
      expect(t.error?.hint).toMatch(/Free some space/);
      expect(existsSync(path.join(folder, 'diskfull.bin'))).toBe(false);
    } finally {
      await full.dispose();
    }
  });

  // Linux shows an open file's flags in /proc; O_DSYNC is 0o10000 there.
  it.runIf(process.platform === 'linux')(
    'writes a small download synced (O_DSYNC), so its one write needs no fdatasync after it',
    async () => {
      const folder = tempDir('dsync');
      const flagsOf = (file: string) => {
        const fd = readdirSync('/proc/self/fd').find((n) => {
          try {
            return readlinkSync(`/proc/self/fd/${n}`) === file;
          } catch {
            return false;
          }
        });
        const info = readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8');
        return parseInt(/flags:\s+([0-7]+)/.exec(info)![1]!, 8);
      };
      for (const [name, synced] of [
        ['small.bin', true],
        ['large.bin', false],
      ] as const) {
        const file = path.join(folder, name);
        const writer = await fileWriter(file, true, synced);
        expect(flagsOf(file) & 0o10000, name).toBe(synced ? 0o10000 : 0);
        await writer.write([Buffer.from('bytes')], 0);
        await writer.sync();
        await writer.close();
        expect(readFileSync(file, 'utf8')).toBe('bytes');
      }
    },
  );
});
