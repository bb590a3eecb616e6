import type { ListedObject } from '../watch/remote.js';
import type { BucketBase } from './baseline.js';
import { emptyReconciliation, settleDeletes, toPlan } from './pair-plan.js';
import type { OneWayPlanInput, OneWayReconciliation } from './pair-plan.js';
import type { PairAction, PairPlan } from './types.js';

/** A copy the plan asks for. */
export interface PlannedCopy {
  rel: string;
  from: ListedObject;
  reason: 'new' | 'changed' | 'missing';
}

/** The outcome of comparing two bucket prefixes and the pair's baseline. */
export interface BucketReconciliation extends OneWayReconciliation<
  BucketBase,
  { rel: string; key: string; size: number }
> {
  copies: PlannedCopy[];
}

export interface BucketPlanInput extends OneWayPlanInput {
  /** Both listings by relative path. */
  source: Map<string, ListedObject>;
  target: Map<string, ListedObject>;
  baseline: { bucket(rel: string): BucketBase | undefined; rels(): string[] };
}

/**
 * Decides what a bucket → bucket sync copies. A target is up to date when it has the source's size and
 * ETag, or when the source's ETag and size are those of the last sync and the target is still the copy it
 * made (a copy through Ferry may carry another multipart ETag than its source: the baseline remembers both).
 * One way, as folder → bucket: the source's changes are sent, a target edited since the last sync while the
 * source was not is kept, and when both changed the source's version replaces the target's. Deletes at the
 * target need `mirror` and the cap.
 */
export function planBuckets(input: BucketPlanInput): BucketReconciliation {
  const out: BucketReconciliation = {
    copies: [],
    ...emptyReconciliation(input.skips),
  };
  for (const [rel, from] of input.source) {
    const to = input.target.get(rel);
    const base = input.baseline.bucket(rel);
    if (!to) {
      out.copies.push({ rel, from, reason: base ? 'missing' : 'new' });
      continue;
    }
    const sourceSame = !!base && base.srcEtag === from.etag && base.size === from.size;
    const targetSame = !!base && to.size === base.size && sameTarget(base.dstEtag, to.etag);
    if (sourceSame && targetSame) {
      out.unchanged++;
    } else if (from.size === to.size && from.etag !== '' && from.etag === to.etag) {
      out.adopted.push({ rel, base: { size: from.size, srcEtag: from.etag, dstEtag: to.etag } });
      out.unchanged++;
    } else if (sourceSame) {
      out.keeps.push({
        action: 'keep',
        rel,
        key: to.key,
        size: to.size,
        reason: 'changed at the target, unchanged at the source: kept',
      });
    } else out.copies.push({ rel, from, reason: 'changed' });
  }
  const gone: BucketReconciliation['deletes'] = [];
  for (const [rel, to] of input.target) {
    if (input.source.has(rel)) continue;
    if (input.mirror) gone.push({ rel, key: to.key, size: to.size });
    else if (input.baseline.bucket(rel)) {
      out.keeps.push({
        action: 'keep',
        rel,
        key: to.key,
        size: to.size,
        reason: 'deleted at the source (add --delete to delete it here)',
      });
    }
  }
  for (const rel of input.baseline.rels()) {
    if (!input.source.has(rel) && !input.target.has(rel)) out.forget.push(rel);
  }
  settleDeletes(input, out, gone, { source: input.source.size, target: input.target.size });
  return out;
}

const plainMd5 = /^[0-9a-f]{32}$/i;

/**
 * The target is still the copy the last sync made. A multipart ETag is only compared when both are plain
 * MD5s: Swift lists a server-side copy of a multipart (SLO) object with another ETag than its HEAD gives.
 */
function sameTarget(recorded: string, listed: string): boolean {
  return !(plainMd5.test(recorded) && plainMd5.test(listed)) || recorded === listed;
}

/** The plan as the CLI prints it. */
export function toBucketPlan(r: BucketReconciliation, excluded: number): PairPlan {
  const actions: PairAction[] = [
    ...r.copies.map((c) => ({
      action: 'copy' as const,
      rel: c.rel,
      key: c.from.key,
      size: c.from.size,
      reason: c.reason,
    })),
    ...r.deletes.map((d) => ({
      action: 'delete' as const,
      rel: d.rel,
      key: d.key,
      size: d.size,
      reason: 'deleted at the source',
    })),
  ];
  return toPlan(r, actions, excluded);
}
