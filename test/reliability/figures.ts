/**
 * Figures for RELIABILITY.md: each suite records what it injected and what held, and writes them to
 * test-results/reliability/<suite>.json when it ends; `npm run reliability:table` renders the table from
 * the last run's files, so no figure in the document is typed by hand.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const figuresDir = fileURLToPath(
  new URL('../../test-results/reliability/', import.meta.url),
);

/** One row of the table. */
export interface FigureRow {
  /** The behaviour tested, as a user would put it. */
  test: string;
  /** What was done to Ferry. */
  injected: string;
  /** How many times (cases, faults, kills). */
  times: number;
  /** What held, with the measured figures. */
  held: string;
}

/** Collects one suite's rows; `save()` in afterAll. */
export class Figures {
  readonly rows: FigureRow[] = [];

  constructor(
    readonly suite: string,
    readonly rerun: string,
  ) {}

  add(row: FigureRow): void {
    const at = this.rows.findIndex((r) => r.test === row.test);
    if (at >= 0) this.rows[at] = row;
    else this.rows.push(row);
  }

  async save(): Promise<void> {
    if (this.rows.length === 0) return;
    await mkdir(figuresDir, { recursive: true });
    const data = {
      suite: this.suite,
      rerun: this.rerun,
      ranAt: new Date().toISOString(),
      rows: this.rows,
    };
    await writeFile(
      path.join(figuresDir, `${this.suite}.json`),
      `${JSON.stringify(data, null, 2)}\n`,
    );
  }
}
