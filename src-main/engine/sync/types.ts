import type { FerryErrorData } from '../../../src-shared/errors.js';

/**
 * What a sync between a bucket and a folder, or two buckets, does with one path:
 * - `download` / `copy`: the destination gets the source's object (new, changed, or missing there);
 * - `conflict`: both sides changed since the last sync: the local file stays, the remote copy is saved beside it;
 * - `delete`: the source no longer has it (only with `--delete`, within the cap);
 * - `keep`: left as it is on purpose (changed at the destination only, or deleted at the source without
 *   `--delete`);
 * - `skip`: cannot be synced: into a folder, a key that is no safe file name; into a bucket, a key the
 *   target cannot hold (empty, or over 1,024 bytes under its prefix), told to `onAction` with its error.
 */
export type PairActionKind = 'download' | 'copy' | 'conflict' | 'delete' | 'keep' | 'skip';

/** One planned step. `rel` is the path relative to both sides' roots; `key` the source key (or, for a delete, the destination's). */
export interface PairAction {
  action: PairActionKind;
  rel: string;
  key: string;
  size: number | null;
  /** In English, as the CLI prints it. */
  reason: string;
  /** Why a skip into a bucket was made (a key the target cannot hold), for the interface to word. */
  error?: FerryErrorData;
}

/**
 * What a sync would do: every action, the paths found unchanged, the listed objects the filter left out
 * (the user's excludes and includes, and into a folder the default excludes), and deletes held back by the
 * cap. Every listed object is in one of them, but for an empty folder marker (a folder, no file).
 */
export interface PairPlan {
  actions: PairAction[];
  unchanged: number;
  excluded: number;
  deletesHeldBack: number;
}

/** A planned action that did not go through, and why. */
export interface PairFailure extends PairAction {
  error: FerryErrorData;
}

/** What a sync did: the plan, and the actions of it that failed (every other planned action was done). */
export interface PairResult {
  plan: PairPlan;
  failed: PairFailure[];
}

/** Options shared by both kinds of sync. */
export interface PairOptions {
  dryRun: boolean;
  /** Delete at the destination what the source no longer has. */
  mirror: boolean;
  confirmDeletes: boolean;
  maxDeletes: number;
  maxDeletePercent: number;
  /** Told about each action as it is done (or fails). */
  onAction?(action: PairAction, error: FerryErrorData | null): void;
  /** Told the plan once both sides are listed, before anything is written. */
  onPlan?(plan: PairPlan): void;
  /**
   * Stops the run between (and inside) copies: what was copied stays recorded in the baseline, an
   * interrupted copy is neither reported nor recorded (the next run copies it), and no delete starts.
   */
  signal?: AbortSignal;
}

/** The actions that do something (and so count as done or failed). */
export const WORK: readonly PairActionKind[] = ['download', 'copy', 'conflict', 'delete'];
