import { holdDeletes } from '../watch/plan.js';
import type { PairAction, PairPlan } from './types.js';

/** What a one-way sync plan (bucket → folder, bucket → bucket) decides besides its copies. */
export interface OneWayReconciliation<Base, Delete> {
  deletes: Delete[];
  deletesHeldBack: number;
  /** Paths the sync leaves alone on purpose, and keys it cannot write: with why. */
  keeps: PairAction[];
  skips: PairAction[];
  /** Baseline entries to record as they are (adopted: already identical) or to drop (gone on both sides). */
  adopted: { rel: string; base: Base }[];
  forget: string[];
  unchanged: number;
}

/** What a one-way sync plan is given besides the two sides and the baseline. */
export interface OneWayPlanInput {
  skips: PairAction[];
  mirror: boolean;
  confirmDeletes: boolean;
  caps: { maxDeletes: number; maxDeletePercent: number };
}

/** A one-way plan before anything is decided but its skips (empty lists: `never` fits every plan). */
export function emptyReconciliation(skips: PairAction[]): OneWayReconciliation<never, never> {
  return {
    deletes: [],
    deletesHeldBack: 0,
    keeps: [],
    skips,
    adopted: [],
    forget: [],
    unchanged: 0,
  };
}

/** Plans the deletes of what the source no longer has, or holds them all back (see `holdDeletes`). */
export function settleDeletes<Delete>(
  input: OneWayPlanInput,
  out: OneWayReconciliation<unknown, Delete>,
  gone: Delete[],
  sides: { source: number; target: number },
): void {
  // A source that lists nothing facing a full target is more likely a wrong prefix than a wish.
  const emptied = sides.source === 0;
  if (holdDeletes(gone.length, sides.target, emptied, input.confirmDeletes, input.caps)) {
    out.deletesHeldBack = gone.length;
  } else out.deletes = gone;
}

/** The plan as the CLI prints it (and `--json` gives it): the sync's own actions, then keeps and skips. */
export function toPlan(
  r: OneWayReconciliation<unknown, unknown>,
  actions: PairAction[],
  excluded: number,
): PairPlan {
  return {
    actions: [...actions, ...r.keeps, ...r.skips],
    unchanged: r.unchanged,
    excluded,
    deletesHeldBack: r.deletesHeldBack,
  };
}
