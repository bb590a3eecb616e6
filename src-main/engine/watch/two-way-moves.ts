import { copyOne } from '../objects/copy-object.js';
import { untouched } from '../sync/down-plan.js';
import type { IndexEntry } from './index-store.js';
import { deleteRemote, type ListedObject } from './remote.js';
import type { TwoWayApplyInput } from './two-way-apply.js';
import { translateError } from '../connection/translate.js';
import { FerryError } from '../errors.js';
import { baseOf, type TwoWayInput, type TwoWayPlan } from './two-way-plan.js';

/**
 * Renames in the folder (two-way). A file keeps its size, mtime and inode when renamed, so that triple
 * names it: a new path whose triple is exactly one vanished synced path's (and no other new path's) is a
 * move, whatever other files share its size and mtime (a folder of files written in one clock tick moves
 * as a whole). The move is verified against the object's MD5 ETag when it has one: an inode reused after a
 * delete for a file of the same size and mtime but other bytes is a delete and a create. Files recorded
 * without an inode (indexes of older versions) match by size and mtime only when that pair is unique.
 *
 * A rename seen in two halves (the walk met the file at both paths, or a kill stopped a move between its
 * copy and its delete) completes from what the baseline already holds: the new path copied server-side
 * while the old one is still there, then the old object deleted once its path is gone and its file lives
 * on, synced with the same ETag, at the other path. Moves are no deletes: mirror off or on, past the cap.
 */
export async function findLocalMoves(
  input: TwoWayInput,
  gone: string[],
  fresh: string[],
  out: TwoWayPlan,
  moved: Set<string>,
): Promise<void> {
  const entryOf = (rel: string) => input.baseline.get(rel)!;
  const fileOf = (rel: string) => input.local.get(rel)!;
  const goneById = group(gone, (rel) => identity(entryOf(rel)));
  const freshById = group(fresh, (rel) => identity(fileOf(rel)));
  const goneBySig = group(gone, (rel) => signature(entryOf(rel)));
  const freshBySig = group(fresh, (rel) => signature(fileOf(rel)));
  const synced = syncedById(input);
  const intact = async (to: string, from: string) => {
    const object = input.remote.get(from);
    return !!object && (await input.movedIntact(to, object));
  };
  for (const to of fresh) {
    const file = fileOf(to);
    const id = identity(file);
    let from: string | undefined;
    if (id !== undefined && goneById.has(id)) {
      // The same inode on two vanished or two new paths (hard links): no telling which moved.
      from = freshById.get(id)!.length === 1 ? single(goneById.get(id)) : undefined;
    } else if (freshBySig.get(signature(file))!.length === 1) {
      const unrecorded = (goneBySig.get(signature(file)) ?? []).filter(
        (rel) => entryOf(rel).ino === undefined || file.ino === undefined,
      );
      from = single(unrecorded);
    }
    if (from !== undefined && !moved.has(from) && (await intact(to, from))) {
      const entry = entryOf(from);
      const key = input.keyOf(to);
      out.remoteMoves.push({ from, to, key, fromKey: entry.key, ...sized(entry), file });
      moved.add(from).add(to);
      continue;
    }
    // Still at its old path too (a rename half seen, or a hard link): a server-side copy.
    const twin = id === undefined ? undefined : single(synced.get(id));
    if (twin !== undefined && freshById.get(id!)!.length === 1 && (await intact(to, twin))) {
      const entry = entryOf(twin);
      const key = input.keyOf(to);
      const m = { from: twin, to, key, fromKey: entry.key, ...sized(entry), file, keep: true };
      out.remoteMoves.push(m);
      moved.add(to);
    }
  }
  for (const from of gone) {
    if (moved.has(from)) continue;
    const entry = entryOf(from);
    const id = identity(entry);
    // Its file lives on at a synced path holding the same object: the rest of a move a pass began.
    const there = id === undefined ? [] : (synced.get(id) ?? []);
    const to = there.find((rel) => input.remote.get(rel)?.etag === entry.etag);
    if (to === undefined) continue;
    out.remoteDeletes.push({ rel: from, key: entry.key, size: entry.size, movedTo: to });
    moved.add(from);
  }
}

/** Server-side copies at once: each is one request, with no bytes through this machine. */
const COPIES_AT_ONCE = 8;

/**
 * Local renames, done in the bucket: each object copied to its new key (the index records it there), then
 * the old keys deleted in batches and forgotten. A kill between the two leaves both keys and both entries:
 * the next pass finds the old path gone and its file synced at the new one, and deletes the old key.
 */
export async function moveRemote(
  input: Pick<TwoWayApplyInput, 'rule' | 'index' | 'client' | 'activity'>,
  moves: TwoWayPlan['remoteMoves'],
) {
  const { rule, index, client } = input;
  const copied: TwoWayPlan['remoteMoves'] = [];
  const queue = moves.values();
  const worker = async () => {
    for (const m of queue) {
      const a = moveAction(m);
      try {
        await copyOne(client, {
          from: { bucket: rule.bucket, key: m.fromKey },
          to: { bucket: rule.bucket, key: m.key },
          size: m.size,
          // The object must still be the one the baseline knows (nobody replaced it meanwhile).
          ifMatch: m.etag ? `"${m.etag}"` : undefined,
        });
        index.set(m.to, { ...m.file, etag: m.etag, key: m.key });
        if (m.keep) input.activity(a, null);
        else copied.push(m);
      } catch (error) {
        input.activity(a, toData(error));
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(COPIES_AT_ONCE, moves.length) }, worker));
  if (copied.length === 0) return;
  let error: unknown = null;
  const deleted = new Set(
    await deleteRemote(
      client,
      rule.bucket,
      copied.map((m) => m.fromKey),
    ).catch((e: unknown) => {
      error = e;
      return [];
    }),
  );
  for (const m of copied) {
    const a = moveAction(m);
    // Not deleted: both keys stay, and the next pass finishes the move.
    if (!deleted.has(m.fromKey)) input.activity(a, toData(error));
    else {
      index.delete(m.from);
      input.activity(a, null);
    }
  }
}

function moveAction(m: TwoWayPlan['remoteMoves'][number]) {
  const reason = m.keep ? `copied from ${m.from}` : `renamed here from ${m.from}`;
  return { action: 'move' as const, path: m.to, key: m.key, size: m.size, reason };
}

function toData(error: unknown) {
  return (error instanceof FerryError ? error : translateError(error)).toData();
}

/** Synced paths (file and object as the baseline has them) by the file's identity. */
function syncedById(input: TwoWayInput): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [rel, entry] of input.baseline.entries()) {
    const file = input.local.get(rel);
    const object = input.remote.get(rel);
    if (!file || !sameObject(entry, object) || !untouched(baseOf(entry), file)) continue;
    const id = identity(file);
    if (id !== undefined && entry.ino !== undefined && !input.held(rel)) push(out, id, rel);
  }
  return out;
}

const sameObject = (e: IndexEntry, o: ListedObject | undefined) =>
  !!o && o.etag === e.etag && o.size === e.size;
const signature = (f: { size: number; mtimeMs: number }) => `${f.size}:${f.mtimeMs}`;
const identity = (f: { size: number; mtimeMs: number; ino?: number | undefined }) =>
  f.ino === undefined ? undefined : `${f.size}:${f.mtimeMs}:${f.ino}`;
const sized = (e: IndexEntry) => ({ size: e.size, etag: e.etag });

function group(rels: string[], keyOf: (rel: string) => string | undefined) {
  const out = new Map<string, string[]>();
  for (const rel of rels) {
    const key = keyOf(rel);
    if (key !== undefined) push(out, key, rel);
  }
  return out;
}

function push(map: Map<string, string[]>, key: string, rel: string): void {
  const list = map.get(key);
  if (list) list.push(rel);
  else map.set(key, [rel]);
}

function single(list: string[] | undefined): string | undefined {
  return list?.length === 1 ? list[0] : undefined;
}
