import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SyncAction, SyncPlan, WatchRule } from '../../../src-shared/contract/index.js';
import type { IndexEntry, IndexStore } from './index-store.js';
import { reconcile, toSyncPlan, type PlannedUpload } from './plan.js';
import { deleteRemote, listRemote } from './remote.js';
import type { PathFilter } from './rules.js';
import { scanFolder } from './scan.js';

export interface ReconcileInput {
  rule: WatchRule;
  filter: PathFilter;
  index: IndexStore;
  client: S3Client;
  confirmDeletes: boolean;
  dryRun: boolean;
  /** Hands a file that needs uploading to the watch (which waits for it to settle first). */
  upload(rel: string, reason: PlannedUpload['reason']): void;
  /** An uploaded file is gone from the folder (it may reappear elsewhere in it: a move). */
  vanished(rel: string, entry: IndexEntry): void;
  activity(action: SyncAction): void;
}

/**
 * One reconciliation: scan the folder (a missing folder throws, so nothing is deleted), list the bucket once,
 * compare with the index, adopt files already in the bucket with the same content, then queue the uploads and
 * run the mirror deletes the plan allows. The only requests are the LIST pages (and the deletes, if any).
 */
export async function runReconciliation(input: ReconcileInput): Promise<SyncPlan> {
  const { rule, index } = input;
  const scan = await scanFolder(rule.folder, input.filter, rule.followSymlinks);
  const remote = await listRemote(input.client, rule.bucket, rule.prefix);
  const result = reconcile({
    rule,
    prefix: rule.prefix,
    filter: input.filter,
    scan,
    index,
    remote,
    confirmDeletes: input.confirmDeletes,
  });
  // A file already in the bucket with the same MD5 (a first sync of a folder uploaded before) is adopted.
  const uploads: PlannedUpload[] = [];
  for (const u of result.uploads) {
    const etag = u.sameSizeRemote?.etag;
    const adopt =
      etag &&
      /^[0-9a-f]{32}$/i.test(etag) &&
      (await md5File(path.join(rule.folder, u.rel))) === etag.toLowerCase();
    if (!adopt) uploads.push(u);
    else {
      result.unchanged++;
      if (!input.dryRun) index.set(u.rel, { ...u.file, etag: etag.toLowerCase(), key: u.key });
    }
  }
  result.uploads = uploads;
  const plan = toSyncPlan(result);
  if (input.dryRun) return plan;

  for (const s of result.skips) input.activity(s);
  for (const rel of result.forget) {
    const entry = index.get(rel);
    if (entry) input.vanished(rel, entry);
    index.delete(rel);
  }
  for (const u of uploads) input.upload(u.rel, u.reason);
  if (result.deletes.length > 0) {
    const deleted = new Set(
      await deleteRemote(
        input.client,
        rule.bucket,
        result.deletes.map((d) => d.key),
      ),
    );
    for (const d of result.deletes) {
      if (!deleted.has(d.key)) continue;
      index.delete(d.rel);
      input.activity({
        action: 'delete',
        path: d.rel,
        key: d.key,
        size: d.size,
        reason: 'deleted-locally',
      });
    }
  }
  await index.flush();
  return plan;
}

/** The MD5 of a file, hex; undefined when it cannot be read. */
async function md5File(file: string): Promise<string | undefined> {
  try {
    const hash = createHash('md5');
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
    return hash.digest('hex');
  } catch {
    return undefined;
  }
}
