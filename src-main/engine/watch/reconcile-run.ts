import { createHash } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SyncAction, SyncPlan, WatchRule } from '../../../src-shared/contract/index.js';
import type { IndexEntry, IndexStore } from './index-store.js';
import { reconcile, toSyncPlan, type PlannedUpload } from './plan.js';
import { deleteRemote, listRemote } from './remote.js';
import { walkOptions, type PathFilter } from './rules.js';
import { walkFolder, type WalkIssues } from '../local/walk.js';

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
 * One reconciliation: walk the folder (a missing folder throws, so nothing is deleted) and list the bucket
 * once, both in key order and merged as they come; compare with the index, adopt files already in the bucket
 * with the same content, then queue the uploads and run the mirror deletes the plan allows. The only requests
 * are the LIST pages (and the deletes, if any).
 */
export async function runReconciliation(input: ReconcileInput): Promise<SyncPlan> {
  const { rule, index } = input;
  const issues: WalkIssues = { unreadable: [], skipped: [] };
  // The walk starts first: a missing folder fails before any request.
  const local = walkFolder(rule.folder, walkOptions(rule, input.filter), issues);
  const first = await local.next();
  const result = await reconcile({
    rule,
    prefix: rule.prefix,
    filter: input.filter,
    local: resume(first, local),
    issues,
    remote: listRemote(input.client, rule.bucket, rule.prefix),
    index,
    confirmDeletes: input.confirmDeletes,
    // A file already in the bucket with the same MD5 (a first sync of a folder uploaded before) is adopted.
    adopt: async (u) => {
      const etag = u.sameSizeRemote?.etag.toLowerCase();
      if (!etag || !/^[0-9a-f]{32}$/.test(etag)) return false;
      if ((await md5File(path.join(rule.folder, u.rel), u.file.size)) !== etag) return false;
      if (!input.dryRun) index.set(u.rel, { ...u.file, etag, key: u.key });
      return true;
    },
  });
  const plan = toSyncPlan(result);
  if (input.dryRun) return plan;

  for (const s of result.skips) input.activity(s);
  for (const rel of result.forget) {
    const entry = index.get(rel);
    if (entry) input.vanished(rel, entry);
    index.delete(rel);
  }
  for (const u of result.uploads) input.upload(u.rel, u.reason);
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

/** A generator whose first item was already taken, whole again. */
async function* resume<T>(first: IteratorResult<T>, rest: AsyncIterator<T>): AsyncGenerator<T> {
  for (let item = first; !item.done; item = await rest.next()) yield item.value;
}

/**
 * The MD5 of a file, hex; undefined when it cannot be read. Read with one buffer sized to the file (at most
 * 1 MiB): a stream would allocate 64 KiB per file, which for 100,000 small files is gigabytes of churn.
 */
async function md5File(file: string, size: number): Promise<string | undefined> {
  let handle: FileHandle | undefined;
  try {
    handle = await open(file, 'r');
    const hash = createHash('md5');
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(size, 1024 * 1024)));
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
    return hash.digest('hex');
  } catch {
    return undefined;
  } finally {
    await handle?.close().catch(() => {});
  }
}
