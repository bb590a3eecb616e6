import type { Entry, PasteAction, PasteConflict } from '../../../src-shared/contract/index.js';
import type { FerryClient } from '../client.js';
import { toErrorData } from '../errors.js';
import { i18n } from '../i18n/i18n.svelte.js';
import { inTextField, primary } from '../keys.js';
import type { BrowserState } from './browser.svelte.js';

/** What Ctrl+C or Ctrl+X took: entries of one folder of one bucket. */
export interface ClipboardContent {
  profileId: string;
  bucket: string;
  entries: Entry[];
  cut: boolean;
}

/** The conflict question on screen: one existing target at a time, with "for all" for the rest. */
export interface PastePrompt {
  planId: string;
  conflicts: PasteConflict[];
  /** The conflict being asked about. */
  at: number;
  answers: { index: number; action: PasteAction }[];
  move: boolean;
}

/** The drag type of rows dragged inside the object list (never a file from the OS). */
export const ROWS_DRAG_TYPE = 'application/x-ferry-rows';

/**
 * Copy, cut and paste of objects and folders between folders and buckets of one connection. The copy
 * itself runs in the engine (server-side, as a job shown in Transfers); this asks about existing targets.
 */
export class Clipboard {
  content = $state.raw<ClipboardContent | null>(null);
  prompt = $state<PastePrompt | null>(null);
  /** Rows being dragged inside the list (drag data cannot be read before the drop). */
  dragging = $state.raw<Entry[] | null>(null);
  readonly #client: FerryClient;
  readonly #browser: BrowserState;
  /** Puts a short account of what happened on the status line. */
  readonly #say: (text: string) => void;

  constructor(client: FerryClient, browser: BrowserState, say: (text: string) => void) {
    this.#client = client;
    this.#browser = browser;
    this.#say = say;
  }

  /** True for a row taken by Cut, which the list shows dimmed. */
  isCut(entry: Entry): boolean {
    const c = this.content;
    return (
      !!c &&
      c.cut &&
      c.bucket === this.#browser.bucket &&
      c.profileId === this.#browser.profileId &&
      c.entries.some((e) => e.key === entry.key)
    );
  }

  take(entries: Entry[], cut: boolean): void {
    if (entries.length === 0) return;
    const { profileId, bucket } = this.#browser;
    this.content = { profileId, bucket, entries, cut };
    this.#say(i18n.t(cut ? 'paste.cut' : 'paste.copied', { count: entries.length }));
  }

  /** Pastes what was copied or cut into the open folder (or into `folder`, a folder row). */
  async paste(folder?: string): Promise<void> {
    const c = this.content;
    if (!c || c.profileId !== this.#browser.profileId) return;
    const started = await this.#start(c.entries, c.bucket, folder ?? this.#browser.prefix, c.cut);
    // A cut is pasted once: the sources are gone after the move.
    if (started && c.cut) this.content = null;
  }

  /** Rows dropped on a folder row or a breadcrumb: a move, with the same questions as a paste. */
  async drop(prefix: string): Promise<void> {
    const entries = this.dragging;
    this.dragging = null;
    if (!entries?.length || prefix === this.#browser.prefix) return;
    await this.#start(entries, this.#browser.bucket, prefix, true);
  }

  /** Answers the conflict on screen; `forAll` answers the ones after it the same way. */
  async answer(action: PasteAction, forAll: boolean): Promise<void> {
    const p = this.prompt;
    if (!p) return;
    const rest = forAll ? p.conflicts.slice(p.at) : [p.conflicts[p.at]!];
    const answers = [...p.answers, ...rest.map((c) => ({ index: c.index, action }))];
    if (p.at + rest.length < p.conflicts.length) {
      this.prompt = { ...p, answers, at: p.at + rest.length };
      return;
    }
    this.prompt = null;
    await this.#run(p.planId, answers, p.move);
  }

  cancelPrompt(): void {
    this.prompt = null;
    this.#say(i18n.t('paste.cancelled'));
  }

  /** Ctrl/Cmd+C, X and V over the object list; true when the key was one of them. */
  onKey(event: KeyboardEvent, selected: Entry[]): boolean {
    if (!primary(event) || event.altKey || inTextField(event)) return false;
    const key = event.key.toLowerCase();
    if (key === 'c' || key === 'x') {
      if (selected.length === 0) return false;
      this.take(selected, key === 'x');
    } else if (key === 'v') void this.paste();
    else return false;
    event.preventDefault();
    return true;
  }

  async #start(entries: Entry[], bucket: string, prefix: string, move: boolean): Promise<boolean> {
    const { profileId } = this.#browser;
    try {
      const plan = await this.#client.call('copies.plan', {
        profileId,
        sources: entries.map((e) => ({ bucket, key: e.key })),
        to: { bucket: this.#browser.bucket, prefix },
        move,
      });
      if (plan.conflicts.length === 0) return await this.#run(plan.planId, [], move);
      this.prompt = { planId: plan.planId, conflicts: plan.conflicts, at: 0, answers: [], move };
      return true;
    } catch (error) {
      this.#browser.error = toErrorData(error);
      return false;
    }
  }

  async #run(
    planId: string,
    actions: { index: number; action: PasteAction }[],
    move: boolean,
  ): Promise<boolean> {
    // Said first: a small copy can end (and say so) before the answer to start arrives.
    this.#say(i18n.t(move ? 'paste.moving' : 'paste.copying'));
    try {
      await this.#client.call('copies.start', { planId, actions });
      return true;
    } catch (error) {
      this.#browser.error = toErrorData(error);
      return false;
    }
  }
}
