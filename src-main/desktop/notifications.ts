/**
 * Batched notifications. A burst of completions becomes one notification ("12 files uploaded to
 * photos/2026/"); a failure gets its own, with the reason; and whatever happens, at most one notification
 * is shown per interval. Time comes from an injected clock and timer, so tests need no sleeps.
 */
import type { DesktopTarget } from '../../src-shared/contract/index.js';
import type { Clock } from '../engine/logger.js';
import { baseName, type FinishedTransfer } from './shell-state.js';
import type { Translate } from './strings.js';

/** A notification to show, and where a click on it should take the user. */
export interface NoteSpec {
  title: string;
  body: string;
  target: DesktopTarget;
}

/** Schedules a callback; returns a function that cancels it. */
export type Schedule = (callback: () => void, delayMs: number) => () => void;

export interface NotifierOptions {
  clock: Clock;
  schedule: Schedule;
  show: (note: NoteSpec) => void;
  /** The `notifications` setting: everything, failures only, or nothing. */
  mode: () => 'all' | 'failures' | 'none';
  /** The current language's strings (the setting may change while Ferry runs). */
  t: () => Translate;
  /** The least time between two notifications. */
  intervalMs?: number;
  /** How long to wait after the first event of a burst for the rest of it. */
  gatherMs?: number;
}

/** Collects finished transfers and shows them as few notifications as possible. */
export class Notifier {
  readonly #options: Required<NotifierOptions>;
  #successes: FinishedTransfer[] = [];
  #failures: FinishedTransfer[] = [];
  #lastShownAt = Number.NEGATIVE_INFINITY;
  #cancel: (() => void) | undefined;

  constructor(options: NotifierOptions) {
    this.#options = { intervalMs: 5000, gatherMs: 1500, ...options };
  }

  /** Reports a finished or failed transfer. */
  finished(item: FinishedTransfer): void {
    const mode = this.#options.mode();
    if (mode === 'none' || (item.ok && mode === 'failures')) return;
    (item.ok ? this.#successes : this.#failures).push(item);
    this.#arm();
  }

  /** Drops anything pending (on quit). */
  dispose(): void {
    this.#cancel?.();
    this.#cancel = undefined;
    this.#successes = [];
    this.#failures = [];
  }

  #arm(): void {
    if (this.#cancel) return;
    const { clock, gatherMs, intervalMs } = this.#options;
    const now = clock.now();
    const at = Math.max(now + gatherMs, this.#lastShownAt + intervalMs);
    this.#cancel = this.#options.schedule(() => this.#flush(), at - now);
  }

  /** Shows one notification: failures first (they need attention), then the batch of successes. */
  #flush(): void {
    this.#cancel = undefined;
    const note = this.#failures.length
      ? failureNote(this.#failures.splice(0), this.#options.t())
      : this.#successes.length
        ? successNote(this.#successes.splice(0), this.#options.t())
        : undefined;
    if (!note) return;
    this.#lastShownAt = this.#options.clock.now();
    this.#options.show(note);
    if (this.#failures.length || this.#successes.length) this.#arm();
  }
}

/** One failure names the file and the reason; several are counted, with the first reason. */
export function failureNote(failures: FinishedTransfer[], t: Translate): NoteSpec {
  const first = failures[0]!;
  const name = baseName(first.direction === 'upload' ? first.localPath : first.key);
  const reason = first.error ? t.error(first.error) : (first.reason ?? '');
  if (failures.length === 1) {
    return { title: t('failed.one', { name }), body: reason, target: targetOf(first) };
  }
  return {
    title: t('failed.many', { count: failures.length }),
    body: t('failed.more', { reason: `${name}: ${reason}`, more: failures.length - 1 }),
    target: { kind: 'transfers' },
  };
}

/** "12 files uploaded to photos/2026/": the count and the folder they have in common. */
export function successNote(items: FinishedTransfer[], t: Translate): NoteSpec {
  const first = items[0]!;
  const direction = items.every((i) => i.direction === first.direction) ? first.direction : null;
  const watchId = items.every((i) => i.watchId === first.watchId) ? first.watchId : undefined;
  const target: DesktopTarget =
    items.length === 1
      ? targetOf(first)
      : watchId
        ? { kind: 'watch', id: watchId }
        : { kind: 'transfers' };
  if (!direction) return { title: t('done.mixed', { count: items.length }), body: '', target };
  if (items.length === 1) {
    const name = baseName(direction === 'upload' ? first.key : first.localPath);
    return { title: t(`done.${direction}.one`, { name }), body: placeOf(items), target };
  }
  const title = t(`done.${direction}.many`, { count: items.length, place: placeOf(items) });
  return { title, body: '', target };
}

function targetOf(item: FinishedTransfer): DesktopTarget {
  return item.watchId ? { kind: 'watch', id: item.watchId } : { kind: 'transfer', id: item.id };
}

/** Where the items went: `bucket/common/prefix/` for uploads, the common local folder for downloads. */
export function placeOf(items: FinishedTransfer[]): string {
  const first = items[0]!;
  if (first.direction === 'download') {
    return commonFolder(
      items.map((i) => i.localPath),
      /[\\/]/,
    );
  }
  const buckets = new Set(items.map((i) => i.bucket));
  const prefix = commonFolder(
    items.map((i) => i.key),
    /\//,
  );
  return buckets.size === 1 ? `${first.bucket}/${prefix}` : prefix;
}

/** The longest folder all paths share, with its trailing separator ('' when none). */
function commonFolder(paths: string[], separator: RegExp): string {
  const split = paths.map((p) => {
    const parts = p.split(separator);
    return { parts: parts.slice(0, -1), sep: p.match(separator)?.[0] ?? '/' };
  });
  const shared: string[] = [];
  for (let i = 0; ; i++) {
    const part = split[0]?.parts[i];
    if (part === undefined || split.some((s) => s.parts[i] !== part)) break;
    shared.push(part);
  }
  const sep = split[0]?.sep ?? '/';
  return shared.length ? `${shared.join(sep)}${sep}` : '';
}
