import { mkdtempSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, GetObjectCommand } from '@aws-sdk/client-s3';
import { afterEach } from 'vitest';
import type { EventName, EventPayload } from '../../src-shared/contract/index.js';
import type { Engine, EngineOptions } from '../../src-main/engine/engine.js';
import { silentLogger, systemClock } from '../../src-main/engine/logger.js';
import { WatchManager, type NewWatch } from '../../src-main/engine/watch/manager.js';
import type { UploadSink } from '../../src-main/engine/watch/upload-sink.js';
import { TransferUploadSink } from '../../src-main/engine/watch/transfer-sink.js';
import { tempConfigDir, testEngine } from './engine.js';
import { createTestBucket, gatewayEnv, rawClient } from './s3.js';

/** A fresh temporary folder to watch. */
export function tempFolder(label = 'watch'): string {
  return mkdtempSync(path.join(os.tmpdir(), `ferry-${label}-`));
}

/** An engine connected to the gateway through the `environment` profile. */
export function watchEngine(configDir?: string): Promise<Engine> {
  return testEngine({ env: gatewayEnv(), ...(configDir ? { configDir } : {}) });
}

/** Resolves with the first event payload the predicate accepts (events only, no polling or sleeping). */
export function nextEvent<K extends EventName>(
  engine: Engine,
  name: K,
  accept: (payload: EventPayload<K>) => boolean,
): Promise<EventPayload<K>> {
  return new Promise((resolve) => {
    const off = engine.events.on(name, (payload) => {
      if (!accept(payload)) return;
      off();
      resolve(payload);
    });
  });
}

/** Records every activity event of an engine, for counting uploads. */
export function recordActivity(engine: Engine): EventPayload<'watches.activity'>[] {
  const seen: EventPayload<'watches.activity'>[] = [];
  engine.events.on('watches.activity', (a) => seen.push(a));
  return seen;
}

/** Resolves once `count` uploads have been reported in total. */
export function uploadsReach(engine: Engine, count: number): Promise<void> {
  let n = 0;
  return new Promise((resolve) => {
    const off = engine.events.on('watches.activity', (a) => {
      if (a.action === 'upload' && a.error === null && ++n >= count) {
        off();
        resolve();
      }
    });
  });
}

/** Every object in a bucket: key → size (listed independently of Ferry). */
export async function listBucket(bucket: string): Promise<Map<string, number>> {
  const client = rawClient();
  const out = new Map<string, number>();
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: bucket, ContinuationToken: token }),
    );
    for (const o of page.Contents ?? []) out.set(o.Key!, o.Size ?? 0);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return out;
}

/** The body of an object as bytes. */
export async function readObjectBytes(bucket: string, key: string): Promise<Uint8Array> {
  const out = await rawClient().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return out.Body!.transformToByteArray();
}

/** The body of an object as text. */
export async function readObject(bucket: string, key: string): Promise<string> {
  const out = await rawClient().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return out.Body!.transformToString();
}

export interface WatchSetupOptions {
  /** Config folder of the engine (to restart one on the same index and watches). */
  configDir?: string;
  /** Extra AWS_* variables (another endpoint, a wrong secret). */
  env?: Record<string, string>;
  /** Transfer queue tuning (a short retry policy, so an outage outlasts a request's retries quickly). */
  transfers?: EngineOptions['transfers'];
  /** Watches go through this sink instead of the engine's transfer queue (a separate manager serves them). */
  sink?: (engine: Engine) => UploadSink;
}

/** A bucket, a folder and an engine for one test, and `add` for watches of that folder into that bucket. */
export interface WatchSetup {
  bucket: string;
  folder: string;
  engine: Engine;
  watches: WatchManager;
  add(extra?: Partial<NewWatch>): ReturnType<WatchManager['add']>;
}

/**
 * The rig of the watch tests: what a test creates through it (engines, buckets, folders, proxies) is undone
 * after the test, last made first. `defaults` are the options of every watch `add` creates.
 * Call it at the top of a test file (it registers an afterEach hook).
 */
export function watchRig(defaults: Partial<NewWatch> = {}) {
  const steps: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const step of steps.splice(0).reverse()) await step();
  });
  const defer = (step: () => Promise<unknown>) => void steps.push(step);

  /** An engine on the gateway, disposed after the test. */
  async function engine(options: Omit<WatchSetupOptions, 'sink'> = {}): Promise<Engine> {
    const e = await testEngine({
      env: gatewayEnv(options.env),
      ...(options.configDir ? { configDir: options.configDir } : {}),
      ...(options.transfers ? { transfers: options.transfers } : {}),
    });
    defer(() => e.dispose());
    return e;
  }

  /** A temporary folder, removed after the test. */
  function folder(label: string): string {
    const dir = tempFolder(label);
    defer(() => rm(dir, { recursive: true, force: true }));
    return dir;
  }

  async function setup(label: string, options: WatchSetupOptions = {}): Promise<WatchSetup> {
    const bucket = await createTestBucket(label);
    defer(() => bucket.remove().catch(() => {}));
    const dir = folder(label);
    const e = await engine(options);
    const watches = options.sink ? separateManager(e, options.sink(e)) : e.watches;
    if (watches !== e.watches) defer(() => watches.dispose());
    const add = (extra: Partial<NewWatch> = {}) =>
      watches.add({
        folder: dir,
        profileId: 'environment',
        bucket: bucket.name,
        ...defaults,
        ...extra,
      });
    return { bucket: bucket.name, folder: dir, engine: e, watches, add };
  }

  return { defer, engine, folder, setup };
}

/** A watch manager beside the engine's own, sending files to `sink`. */
function separateManager(engine: Engine, sink: UploadSink): WatchManager {
  return new WatchManager({
    configDir: tempConfigDir(),
    logger: silentLogger,
    clock: systemClock,
    events: engine.events,
    client: (id) => engine.profiles.client(id),
    checkProfile: (id) => void engine.profiles.get(id),
    sink,
    downloads: new TransferUploadSink(engine.transfers),
  });
}
