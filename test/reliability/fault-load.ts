/**
 * The workload every fault suite runs through the fault proxy: uploads, downloads and a watched folder,
 * each checked by MD5 against what an independent client reads from the gateway.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ListMultipartUploadsCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { dispatch } from '../../src-main/engine/dispatch.js';
import type { Engine } from '../../src-main/engine/engine.js';
import { silentLogger } from '../../src-main/engine/logger.js';
import { startFaultProxy, type FaultOptions, type FaultProxy } from '../support/fault-proxy.js';
import { createTestBucket, gatewayEnv, gateway, rawClient } from '../support/s3.js';
import { MiB, objectMd5, randomFile, tempDir, transferEngine } from '../support/transfer.js';
import { listBucket, tempFolder, uploadsReach } from '../support/watch.js';

/** Heavier runs under `npm run test:soak` (FERRY_SOAK=1); `npm test` runs the short variant. */
export const SOAK = process.env['FERRY_SOAK'] === '1';

/** File sizes of one round: small, one part, multipart (5 MiB parts). */
export const SIZES = SOAK
  ? [1024, 300 * 1024, 2 * MiB, 6 * MiB, 12 * MiB, 1024, 700 * 1024, 6 * MiB, 17 * MiB, 3 * MiB]
  : [1024, 20 * 1024, 64 * 1024, 300 * 1024, 1 * MiB, 2 * MiB, 6 * MiB, 12 * MiB];

export const md5 = (data: Buffer): string => createHash('md5').update(data).digest('hex');

export interface FaultRig {
  proxy: FaultProxy;
  engine: Engine;
  bucket: string;
  dir: string;
  close(): Promise<void>;
}

/** A bucket, a proxy with the given faults in front of the gateway, and an engine that talks through it. */
export async function faultRig(
  label: string,
  faults: Omit<FaultOptions, 'target'>,
): Promise<FaultRig> {
  const bucket = await createTestBucket(label);
  const proxy = await startFaultProxy({ target: gateway().endpoint, ...faults });
  const engine = await transferEngine({
    env: gatewayEnv({ AWS_ENDPOINT_URL: proxy.endpoint }),
    transfers: {
      // Shorter than the real policy (about two minutes) to keep the suite quick, but with full jitter a
      // window this size still outlasts the 1.5 s outage with near certainty; 10 × 50–500 ms did not always.
      retry: { attempts: 15, baseMs: 100, maxMs: 1000 },
      stallMs: 1500,
      progressIntervalMs: 50,
    },
  });
  return {
    proxy,
    engine,
    bucket: bucket.name,
    dir: tempDir(label),
    async close() {
      await engine.dispose();
      await proxy.close();
      await bucket.remove();
    },
  };
}

/** What one leg of the workload achieved. */
export interface LegResult {
  files: number;
  verified: number;
  bytes: number;
}

/** Uploads one file per size through the engine; each object's MD5 is read back from the gateway. */
export async function uploadLeg(rig: FaultRig, tag: string): Promise<LegResult> {
  const files = SIZES.map((size, i) => ({
    ...randomFile(rig.dir, `${tag}-up-${i}.bin`, size),
    size,
    key: `${tag}/up-${i}.bin`,
  }));
  const handles = files.map((f) =>
    rig.engine.transfers.enqueueUpload({
      profileId: 'environment',
      bucket: rig.bucket,
      key: f.key,
      file: f.file,
    }),
  );
  await Promise.all(handles.map((h) => h.done));
  let verified = 0;
  for (const f of files) if ((await objectMd5(rig.bucket, f.key)) === f.md5) verified++;
  return { files: files.length, verified, bytes: files.reduce((n, f) => n + f.size, 0) };
}

/** Seeds objects directly on the gateway, then downloads them through the engine and checks the files. */
export async function downloadLeg(rig: FaultRig, tag: string): Promise<LegResult> {
  const client = rawClient();
  const objects = SIZES.map((size, i) => ({
    key: `${tag}/down-${i}.bin`,
    data: randomBytes(size),
  }));
  for (const o of objects)
    await client.send(new PutObjectCommand({ Bucket: rig.bucket, Key: o.key, Body: o.data }));
  const folder = tempDir(`${tag}-down`);
  const handles = objects.map((o) =>
    rig.engine.transfers.enqueueDownload({
      profileId: 'environment',
      bucket: rig.bucket,
      key: o.key,
      file: path.join(folder, path.basename(o.key)),
      conflict: 'overwrite',
    }),
  );
  const outcomes = await Promise.all(handles.map((h) => h.done));
  let verified = 0;
  for (const [i, o] of objects.entries()) {
    if (md5(await readFile(outcomes[i]!.file)) === md5(o.data)) verified++;
  }
  return { files: objects.length, verified, bytes: objects.reduce((n, o) => n + o.data.length, 0) };
}

/** Watches a folder, drops files in it, waits for the uploads and checks every object. */
export async function watchLeg(rig: FaultRig, tag: string): Promise<LegResult> {
  const folder = tempFolder(`${tag}-watch`);
  // Through dispatch, as a face would call it, so the schema's defaults apply.
  const added = await dispatch(
    rig.engine.handlers(),
    'watches.add',
    {
      folder,
      profileId: 'environment',
      bucket: rig.bucket,
      prefix: `${tag}-watch`,
      stabilityMs: 300,
    },
    silentLogger,
  );
  if (!added.ok) throw new Error(`watches.add failed: ${added.error.message}`);
  const count = Math.min(SIZES.length, SOAK ? 10 : 6);
  const all = uploadsReach(rig.engine, count);
  const files: { name: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const data = randomBytes(SIZES[i]!);
    files.push({ name: `w-${i}.bin`, data });
    await writeFile(path.join(folder, `w-${i}.bin`), data);
  }
  await all;
  const listed = await listBucket(rig.bucket);
  let verified = 0;
  for (const f of files) {
    const key = `${tag}-watch/${f.name}`;
    if (listed.get(key) === f.data.length && (await objectMd5(rig.bucket, key)) === md5(f.data))
      verified++;
  }
  return { files: count, verified, bytes: files.reduce((n, f) => n + f.data.length, 0) };
}

/** Keys of the incomplete multipart uploads left in the bucket (must be none once everything is done). */
export async function incompleteUploads(bucket: string): Promise<string[]> {
  const list = await rawClient().send(new ListMultipartUploadsCommand({ Bucket: bucket }));
  return (list.Uploads ?? []).map((u) => u.Key ?? '?');
}

/** A one-line summary of the legs for the figures table. */
export function summary(legs: Record<string, LegResult>): string {
  return Object.entries(legs)
    .map(([name, r]) => `${name} ${r.verified}/${r.files} MD5-verified`)
    .join(', ');
}
