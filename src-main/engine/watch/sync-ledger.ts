import type { SyncAction, SyncPlan } from '../../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../../src-shared/errors.js';

/**
 * What a one-shot sync (`ferry sync`) did with the uploads its plan asked for, from the watch's activity:
 * the planned uploads that did not go through, each with the reason it was given (or why the sync stopped).
 */
export class SyncLedger {
  readonly #uploaded = new Set<string>();
  readonly #failed = new Map<string, string>();

  /** One activity entry of the sync's watch. */
  record(action: SyncAction, error: FerryErrorData | null): void {
    if (action.action === 'upload' && error === null) {
      this.#uploaded.add(action.path);
      this.#failed.delete(action.path);
    } else if (action.action === 'skip') this.#failed.set(action.path, action.reason);
  }

  /** The plan's uploads that did not happen; `stopped` is why the sync ended early, if it did. */
  left(plan: SyncPlan, stopped: FerryErrorData | null): SyncAction[] {
    return plan.actions
      .filter((a) => a.action === 'upload' && !this.#uploaded.has(a.path))
      .map((a) => ({
        ...a,
        reason: this.#failed.get(a.path) ?? stopped?.message ?? 'not uploaded',
      }));
  }
}
