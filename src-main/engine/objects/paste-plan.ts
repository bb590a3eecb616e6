import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import type { PasteAction, PasteConflict } from '../../../src-shared/contract/index.js';
import { entryName } from '../browse/list.js';
import { translateError } from '../connection/translate.js';
import { invalid } from '../errors.js';
import { assertBucketName, assertKey } from './names.js';
import { headOrNull } from './object-ops.js';
import { runPool } from './pool.js';

/** One pasted item, checked: where it goes and whether something is already there. */
export interface PlanItem {
  source: { bucket: string; key: string };
  isFolder: boolean;
  target: string;
  /** The target is the source itself. */
  same: boolean;
  exists: boolean;
  /** Size and ETag of a pasted object (folders are listed when the copy runs). */
  size: number;
  etag: string | undefined;
}

/** A checked paste, waiting for the user's answers to its conflicts. */
export interface PastePlan {
  id: string;
  profileId: string;
  move: boolean;
  to: { bucket: string; prefix: string };
  items: PlanItem[];
}

/** Existence checks in flight at once while planning (HEAD or a one-key LIST each). */
const CHECK_CONCURRENCY = 16;
/** "name (1).ext" … "name (99).ext": past that the user should pick a name. */
const MAX_COPY_NUMBER = 99;

/** True when an object or a folder (any key under it) is at `key`. */
export async function targetExists(client: S3Client, bucket: string, key: string) {
  if (!key.endsWith('/')) return (await headOrNull(client, bucket, key)) !== null;
  const out = await client.send(
    new ListObjectsV2Command({ Bucket: bucket, Prefix: key, MaxKeys: 1 }),
  );
  return (out.KeyCount ?? out.Contents?.length ?? 0) > 0;
}

/** `report.pdf` → `report (2).pdf`; `photos/` → `photos (2)/`; a leading dot is not an extension. */
export function numberedName(name: string, n: number, isFolder: boolean): string {
  if (isFolder) return `${name} (${n})`;
  const dot = name.lastIndexOf('.');
  return dot > 0 ? `${name.slice(0, dot)} (${n})${name.slice(dot)}` : `${name} (${n})`;
}

/** The first free "name (n)" beside an existing target, for "keep both". */
export async function freeTarget(client: S3Client, bucket: string, item: PlanItem, prefix: string) {
  const name = entryName(item.source.key);
  for (let n = 1; n <= MAX_COPY_NUMBER; n++) {
    const key = prefix + numberedName(name, n, item.isFolder) + (item.isFolder ? '/' : '');
    if (!(await targetExists(client, bucket, key))) return key;
  }
  return null;
}

/** Refuses a paste that cannot be done; the target folder is normalised to '' or `…/`. */
function checkRequest(
  sources: { bucket: string; key: string }[],
  to: { bucket: string; prefix: string },
) {
  assertBucketName(to.bucket);
  const prefix = to.prefix === '' || to.prefix.endsWith('/') ? to.prefix : `${to.prefix}/`;
  if (prefix) assertKey(prefix, true);
  for (const source of sources) {
    assertBucketName(source.bucket);
    assertKey(source.key, false);
    const isFolder = source.key.endsWith('/');
    const target = prefix + entryName(source.key) + (isFolder ? '/' : '');
    if (isFolder && source.bucket === to.bucket && target !== source.key) {
      // Pasting `photos/` into `photos/` or `photos/2026/` would copy the folder into its own copy.
      if (prefix.startsWith(source.key)) throw invalid('copy.intoItself');
    }
  }
  return prefix;
}

/** Checks every pasted item and finds which targets exist. */
export async function makePlan(
  client: S3Client,
  request: {
    id: string;
    profileId: string;
    sources: { bucket: string; key: string }[];
    to: { bucket: string; prefix: string };
    move: boolean;
  },
  endpoint: string,
): Promise<PastePlan> {
  const prefix = checkRequest(request.sources, request.to);
  const items: PlanItem[] = new Array(request.sources.length);
  try {
    await runPool(request.sources.length, CHECK_CONCURRENCY, async (index) => {
      const source = request.sources[index]!;
      const isFolder = source.key.endsWith('/');
      const target = prefix + entryName(source.key) + (isFolder ? '/' : '');
      assertKey(target, true);
      const same = source.bucket === request.to.bucket && target === source.key;
      let size = 0;
      let etag: string | undefined;
      if (!isFolder) {
        const head = await headOrNull(client, source.bucket, source.key);
        if (!head) throw translateError({ name: 'NoSuchKey' }, { ...source, endpoint });
        size = head.ContentLength ?? 0;
        etag = head.ETag;
      }
      const exists = same || (await targetExists(client, request.to.bucket, target));
      items[index] = { source, isFolder, target, same, exists, size, etag };
    });
  } catch (error) {
    throw translateError(error, { endpoint, bucket: request.to.bucket });
  }
  return {
    id: request.id,
    profileId: request.profileId,
    move: request.move,
    to: request.to,
    items,
  };
}

/** The items the user must decide on: existing targets, except a move onto itself (nothing to do). */
export function conflictsOf(plan: PastePlan): PasteConflict[] {
  return plan.items.flatMap((item, index) =>
    item.exists && !(plan.move && item.same)
      ? [
          {
            index,
            source: item.source,
            target: item.target,
            isFolder: item.isFolder,
            same: item.same,
          },
        ]
      : [],
  );
}

/** What happens to each item: copied as planned, replacing, to a free "name (n)", or not at all. */
export type ItemAction = 'copy' | 'overwrite' | 'rename' | 'skip';

/** Applies the user's answers: an item without a conflict is copied; replacing an item with itself is a skip. */
export function decide(
  plan: PastePlan,
  answers: Map<number, PasteAction>,
  otherwise: PasteAction,
): ItemAction[] {
  return plan.items.map((item, index) => {
    if (plan.move && item.same) return 'skip';
    if (!item.exists) return 'copy';
    const action = answers.get(index) ?? otherwise;
    if (action === 'keep-both') return 'rename';
    if (action === 'overwrite') return item.same ? 'skip' : 'overwrite';
    return 'skip';
  });
}
