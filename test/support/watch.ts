import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ListObjectsV2Command, GetObjectCommand } from '@aws-sdk/client-s3';
import type { EventName, EventPayload } from '../../src-shared/contract/index.js';
import type { Engine } from '../../src-main/engine/engine.js';
import { testEngine } from './engine.js';
import { gatewayEnv, rawClient } from './s3.js';

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

/** The body of an object as text. */
export async function readObject(bucket: string, key: string): Promise<string> {
  const out = await rawClient().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return out.Body!.transformToString();
}
