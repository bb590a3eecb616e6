import type { SyncAction, WatchRule } from '../../../src-shared/contract/index.js';
import type { FolderBase } from '../sync/baseline.js';
import { untouched } from '../sync/down-plan.js';
import type { IndexEntry } from './index-store.js';
import { heldBackSample, HELD_BACK_SAMPLE, holdDeletes } from './plan.js';
import type { ListedObject } from './remote.js';
import type { LocalFile } from '../local/walk.js';
import { findLocalMoves } from './two-way-moves.js';

/** What a pass saw of an object: enough to tell, at upload time, whether it is still the same one. */
export type SeenObject = Pick<ListedObject, 'etag' | 'size' | 'lastModified'>;

/** A file to bring down (or, for a conflict, to save beside the local one). */
export interface TwoWayDownload {
  rel: string;
  key: string;
  size: number;
  etag: string;
  lastModified?: string | undefined;
  reason: string;
  /** The local file the plan saw: a download replaces it only if it is still exactly this. */
  local?: LocalFile;
}

/** A rename seen on one side, to be done on the other. */
export interface TwoWayMove {
  from: string;
  to: string;
  /** The object's key after the move (for a local rename: the key the remote object now has). */
  key: string;
  /** The object's key before the move. */
  fromKey: string;
  size: number;
  etag: string;
  /** The local file (at `from` for a remote rename, at `to` for a local one). */
  file: LocalFile;
  /** A copy only: the file is still at `from` too (a rename half seen, or a hard link). */
  keep?: boolean;
}

/** What a download or two-way pass does, path by path. */
export interface TwoWayPlan {
  /**
   * Local versions to upload, each with the object the pass saw at its key (null for none): the upload goes
   * ahead only if the bucket still holds that when it starts.
   */
  uploads: { rel: string; key: string; size: number; reason: string; seen: SeenObject | null }[];
  downloads: TwoWayDownload[];
  conflicts: TwoWayDownload[];
  /** Renamed in the bucket: rename the local file. */
  localMoves: TwoWayMove[];
  /** Renamed in the folder: copy the object to its new key, then delete the old one. */
  remoteMoves: TwoWayMove[];
  localDeletes: { rel: string; key: string; size: number }[];
  /** With `movedTo`: the end of a move whose new path is synced already (no delete of the user's). */
  remoteDeletes: { rel: string; key: string; size: number; movedTo?: string }[];
  deletesHeldBack: number;
  /** The first held-back deletes, for the user to see what they are. */
  heldBack: SyncAction[];
  /** Baseline entries to record as they are (both sides already hold the same content) or to drop. */
  adopted: { rel: string; entry: IndexEntry }[];
  forget: string[];
  unchanged: number;
  /**
   * Files changed here whose object did not change (`download`): kept as they are, neither overwritten nor
   * uploaded, so folder and bucket differ there until the user deletes, moves or reverts them.
   */
  keptLocal: number;
}

export interface TwoWayInput {
  mode: 'download' | 'two-way';
  rule: Pick<WatchRule, 'deletePolicy' | 'maxDeletes' | 'maxDeletePercent'>;
  keyOf(rel: string): string;
  /** The folder's files (without those under unreadable folders). */
  local: Map<string, LocalFile>;
  /** The listing by relative path (keys that are no safe file name left out). */
  remote: Map<string, ListedObject>;
  baseline: { get(rel: string): IndexEntry | undefined; entries(): Iterable<[string, IndexEntry]> };
  /** Paths left alone: open conflicts (the file and its saved copy), folders that cannot be read. */
  held(rel: string): boolean;
  /** Paths whose old object an interrupted move copied but did not delete yet. */
  movedAway: Set<string>;
  confirmDeletes: boolean;
  /** True when the local file holds exactly the object; asked only at equal sizes. */
  sameContent(rel: string, object: ListedObject): Promise<boolean>;
  /** False when the file at `rel` provably holds other bytes than `object` (an MD5 ETag that differs). */
  movedIntact(rel: string, object: ListedObject): Promise<boolean>;
}

/** The baseline's view of an index entry: an `own` entry (mtime -1) never counts as unchanged. */
export function baseOf(e: IndexEntry | undefined): FolderBase | undefined {
  if (!e) return undefined;
  const own = e.mtimeMs === -1;
  return { size: e.size, mtimeMs: e.mtimeMs, etag: e.etag, own, ...(e.ino ? { ino: e.ino } : {}) };
}

/**
 * Decides what a `download` or `two-way` pass does. The baseline (the index: each path's size, mtime and
 * inode locally, size and ETag remotely, at the last sync) tells who changed what:
 * - one side changed: its version goes to the other side (in `download` mode, only bucket → folder);
 * - both changed to different content: a conflict, both kept (never an overwrite);
 * - a delete propagates only with `mirror`, when the other side is unchanged, within the cap, and never
 *   from an empty folder or an empty listing where files were synced; without `mirror` the file comes back;
 * - a rename (one path gone, a new one with the same size and ETag, or size, mtime and inode) is a move,
 *   mirror or not: the user moved a file, deleted none.
 */
export async function planTwoWay(input: TwoWayInput): Promise<TwoWayPlan> {
  const out: TwoWayPlan = {
    uploads: [],
    downloads: [],
    conflicts: [],
    localMoves: [],
    remoteMoves: [],
    localDeletes: [],
    remoteDeletes: [],
    deletesHeldBack: 0,
    heldBack: [],
    adopted: [],
    forget: [],
    unchanged: 0,
    keptLocal: 0,
  };
  const rels = new Set<string>([...input.local.keys(), ...input.remote.keys()]);
  for (const [rel] of input.baseline.entries()) rels.add(rel);
  const moved = await findMoves(input, rels, out);
  const wouldDeleteLocal: TwoWayPlan['localDeletes'] = [];
  const wouldDeleteRemote: TwoWayPlan['remoteDeletes'] = [];
  for (const rel of rels) {
    if (moved.has(rel) || input.held(rel)) continue;
    await decide(input, out, rel, wouldDeleteLocal, wouldDeleteRemote);
  }
  guardDeletes(input, out, wouldDeleteLocal, wouldDeleteRemote);
  return out;
}

async function decide(
  input: TwoWayInput,
  out: TwoWayPlan,
  rel: string,
  wouldDeleteLocal: TwoWayPlan['localDeletes'],
  wouldDeleteRemote: TwoWayPlan['remoteDeletes'],
): Promise<void> {
  const entry = input.baseline.get(rel);
  const base = baseOf(entry);
  const file = input.local.get(rel);
  const object = input.remote.get(rel);
  const twoWay = input.mode === 'two-way';
  const mirror = input.rule.deletePolicy === 'mirror';
  const key = object?.key ?? entry?.key ?? input.keyOf(rel);
  const localSame = !!file && untouched(base, file);
  const remoteSame = !!object && !!base && base.etag === object.etag && base.size === object.size;
  const down = (reason: string, local?: LocalFile): TwoWayDownload => ({
    rel,
    key,
    size: object!.size,
    etag: object!.etag,
    lastModified: object!.lastModified,
    reason,
    ...(local ? { local } : {}),
  });
  const up = (reason: string) =>
    out.uploads.push({ rel, key, size: file!.size, reason, seen: object ?? null });

  if (file && object) {
    const adopt = () => {
      out.adopted.push({ rel, entry: { ...file, etag: object.etag, key } });
      out.unchanged++;
    };
    if (localSame && remoteSame) out.unchanged++;
    else if (remoteSame) {
      if (twoWay) up('changed');
      // A local change a download watch keeps: unless it holds the object's bytes after all (touched, or
      // put back as it was), folder and bucket differ here and the status says so.
      else if (file.size === object.size && (await input.sameContent(rel, object))) adopt();
      else out.keptLocal++;
    } else if (localSame) out.downloads.push(down('changed', file));
    else if (file.size === object.size && (await input.sameContent(rel, object))) {
      // Both sides hold the same bytes (the same edit made twice, or a download a kill cut short of the
      // baseline): in sync, not a conflict.
      adopt();
    } else out.conflicts.push(down(base ? 'changed on both sides' : 'created on both sides', file));
  } else if (file) {
    // Gone from the bucket: an interrupted move of ours, deleted remotely, or never uploaded.
    if (!base) {
      if (twoWay) up('new');
    } else if (!localSame) {
      if (twoWay) up('changed');
    } else if (mirror) wouldDeleteLocal.push({ rel, key, size: file.size });
    else if (twoWay) up('missing-remotely');
  } else if (object) {
    if (input.movedAway.has(rel) && remoteSame) {
      out.remoteDeletes.push({ rel, key, size: object.size });
    } else if (!base || !remoteSame || !twoWay) {
      out.downloads.push(down(base ? (remoteSame ? 'missing-locally' : 'changed') : 'new'));
    } else if (mirror) wouldDeleteRemote.push({ rel, key, size: object.size });
    else out.downloads.push(down('missing-locally'));
  } else if (entry) out.forget.push(rel);
}

/**
 * Renames: a path gone on one side while unchanged on the other, and a new path (on that side only) with
 * the same content: in the bucket, the same size and ETag (only unambiguous pairs are moves); in the folder,
 * see findLocalMoves.
 */
async function findMoves(input: TwoWayInput, rels: Set<string>, out: TwoWayPlan) {
  const moved = new Set<string>();
  const localGone: string[] = [];
  const remoteGone = new Map<string, string[]>();
  const localNew: string[] = [];
  const remoteNew: string[] = [];
  for (const rel of rels) {
    if (input.held(rel)) continue;
    const entry = input.baseline.get(rel);
    const file = input.local.get(rel);
    const object = input.remote.get(rel);
    if (entry) {
      const base = baseOf(entry)!;
      const remoteSame = !!object && object.etag === entry.etag && object.size === entry.size;
      if (!file && remoteSame && !base.own) localGone.push(rel);
      if (!object && file && untouched(base, file) && entry.etag) {
        push(remoteGone, remoteSig(entry), rel);
      }
    } else if (file && !object) localNew.push(rel);
    else if (object && !file) remoteNew.push(rel);
  }
  if (input.mode === 'two-way') await findLocalMoves(input, localGone, localNew, out, moved);
  for (const to of unique(remoteNew, (rel) => remoteSig(input.remote.get(rel)!))) {
    const object = input.remote.get(to)!;
    const from = single(remoteGone.get(remoteSig(object)));
    if (from === undefined) continue;
    const file = input.local.get(from)!;
    const entry = input.baseline.get(from)!;
    out.localMoves.push({ from, to, key: object.key, fromKey: entry.key, ...sized(entry), file });
    moved.add(from).add(to);
  }
  return moved;
}

function guardDeletes(
  input: TwoWayInput,
  out: TwoWayPlan,
  local: TwoWayPlan['localDeletes'],
  remote: TwoWayPlan['remoteDeletes'],
): void {
  // An empty listing (a wrong prefix, a server answering nothing) or an empty folder (an unmounted disk's
  // mount point) where files were synced is not a wish to delete everything on the other side.
  const hold = (count: number, total: number, emptied: boolean) =>
    holdDeletes(count, total, emptied, input.confirmDeletes, input.rule);
  const held = (deletes: typeof local, action: 'delete' | 'delete-local', reason: string) => {
    out.deletesHeldBack += deletes.length;
    const room = HELD_BACK_SAMPLE - out.heldBack.length;
    out.heldBack.push(
      ...heldBackSample(deletes.map((d) => ({ ...d, action, reason }))).slice(0, room),
    );
  };
  if (hold(local.length, input.local.size, input.remote.size === 0)) {
    held(local, 'delete-local', 'deleted-remotely');
  } else out.localDeletes.push(...local);
  if (hold(remote.length, input.remote.size, input.local.size === 0)) {
    held(remote, 'delete', 'deleted-locally');
  } else out.remoteDeletes.push(...remote);
}

const remoteSig = (o: { size: number; etag: string }) => `${o.size}:${o.etag}`;
const sized = (e: IndexEntry) => ({ size: e.size, etag: e.etag });

function push(map: Map<string, string[]>, sig: string, rel: string): void {
  const list = map.get(sig);
  if (list) list.push(rel);
  else map.set(sig, [rel]);
}

function single(list: string[] | undefined): string | undefined {
  return list?.length === 1 ? list[0] : undefined;
}

/** The paths whose signature no other path shares (two new files alike cannot tell which one moved). */
function unique(rels: string[], sig: (rel: string) => string): string[] {
  const counts = new Map<string, number>();
  for (const rel of rels) counts.set(sig(rel), (counts.get(sig(rel)) ?? 0) + 1);
  return rels.filter((rel) => counts.get(sig(rel)) === 1);
}
