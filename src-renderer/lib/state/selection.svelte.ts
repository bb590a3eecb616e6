/* eslint-disable svelte/prefer-svelte-reactivity -- a selection is replaced whole ($state.raw), never mutated in place, so 100,000 keys stay unproxied. */
/** Which rows are selected, with the anchor for shift-click ranges; a file manager's rules. */
export class Selection {
  keys = $state.raw<ReadonlySet<string>>(new Set());
  /** The row keyboard and shift-click extend from. */
  anchor = $state<number>(-1);
  /** The row with keyboard focus. */
  cursor = $state<number>(-1);
  /** The keys of the cursor and anchor rows, to find them again when the rows change (filter, sort). */
  #cursorKey: string | undefined;
  #anchorKey: string | undefined;

  has(key: string): boolean {
    return this.keys.has(key);
  }

  get size(): number {
    return this.keys.size;
  }

  clear(): void {
    this.keys = new Set();
    this.anchor = -1;
    this.cursor = -1;
    this.#cursorKey = this.#anchorKey = undefined;
  }

  /** Esc: nothing selected, but the cursor stays where it is and a Shift range starts from it. */
  collapse(): void {
    this.keys = new Set();
    this.anchor = this.cursor;
    this.#anchorKey = this.#cursorKey;
  }

  /** After the rows change (a filter, a sort, more pages), finds the cursor and anchor rows by key. */
  follow(keys: readonly string[]): void {
    if (this.#cursorKey !== undefined) this.cursor = keys.indexOf(this.#cursorKey);
    if (this.#anchorKey !== undefined) this.anchor = keys.indexOf(this.#anchorKey);
  }

  /** A click: plain selects one, ctrl/cmd toggles, shift selects the range from the anchor. */
  click(index: number, keys: readonly string[], mode: { toggle: boolean; range: boolean }): void {
    const key = keys[index];
    if (key === undefined) return;
    if (mode.range && this.anchor >= 0) {
      const [from, to] = this.anchor < index ? [this.anchor, index] : [index, this.anchor];
      const next = mode.toggle ? new Set(this.keys) : new Set<string>();
      for (let i = from; i <= to; i++) next.add(keys[i]!);
      this.keys = next;
    } else if (mode.toggle) {
      const next = new Set(this.keys);
      if (next.has(key)) next.delete(key);
      else next.add(key);
      this.keys = next;
      this.anchor = index;
      this.#anchorKey = key;
    } else {
      this.keys = new Set([key]);
      this.anchor = index;
      this.#anchorKey = key;
    }
    this.cursor = index;
    this.#cursorKey = key;
  }

  all(keys: readonly string[]): void {
    this.keys = new Set(keys);
  }
}
