/**
 * Shared checks of the bad-input matrix: whatever the face, a refusal is one line that says what happened
 * plus a hint, and the matrix counts every case for RELIABILITY.md.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect } from 'vitest';
import type { CommandName } from '../../src-shared/contract/index.js';
import type { FerryErrorData } from '../../src-shared/errors.js';
import { dispatch } from '../../src-main/engine/dispatch.js';
import type { Engine } from '../../src-main/engine/engine.js';
import { silentLogger } from '../../src-main/engine/logger.js';
import { ferryBin } from '../security/serve-process.js';

const run = promisify(execFile);

/** One row of the matrix as recorded. */
export interface MatrixCase {
  area: string;
  name: string;
  outcome: string;
}

/** Collects the cases a matrix file ran, and runs the two common kinds of case. */
export class Matrix {
  readonly cases: MatrixCase[] = [];

  record(area: string, name: string, outcome: string): void {
    this.cases.push({ area, name, outcome });
  }

  /** Runs one case; a case that does not hold is recorded as a defect before its failure propagates. */
  async run<T>(area: string, label: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      const text = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      this.record(area, label, `DEFECT: ${text.slice(0, 300)}`);
      throw error;
    }
  }

  /** A command that must be refused at once. */
  refused(engine: Engine, label: string, name: CommandName, payload: unknown, words?: RegExp) {
    return this.run('contract', label, async () => {
      const result = await dispatch(engine.handlers(), name, payload, silentLogger);
      expect(result.ok, `${label}: ${JSON.stringify(result)}`).toBe(false);
      const error = expectOneLineError(result.ok ? null : result.error, label);
      if (words) expect(`${error.message} ${error.hint}`, label).toMatch(words);
      this.record('contract', label, `${error.code}: ${error.message}`);
    });
  }

  /** A transfer that must be accepted and then fail cleanly, within a bound that only catches hangs. */
  failsCleanly(engine: Engine, label: string, name: CommandName, payload: unknown, words?: RegExp) {
    return this.run('transfers', label, async () => {
      const result = await dispatch(engine.handlers(), name, payload, silentLogger);
      if (!result.ok) {
        expectOneLineError(result.error, label);
        this.record('transfers', label, `${result.error.code}: ${result.error.message}`);
        return;
      }
      const { ids } = result.value as { ids: string[] };
      const hung = await settle(engine, ids, 10_000);
      const state = JSON.stringify(engine.transfers.get(ids[0]!));
      expect(hung, `${label}: still running after 10 s (hang): ${state}`).toEqual([]);
      const t = engine.transfers.get(ids[0]!)!;
      expect(t.state, label).toBe('failed');
      const error = expectOneLineError(t.error, label);
      if (words) expect(`${error.message} ${error.hint}`, label).toMatch(words);
      this.record('transfers', label, `${error.code}: ${error.message}`);
    });
  }

  /** The table row: how many cases held, and which were defects. */
  row(test: string): { test: string; injected: string; times: number; held: string } {
    const defects = this.cases.filter((c) => c.outcome.startsWith('DEFECT'));
    const held = this.cases.length - defects.length;
    const tail = defects.length
      ? `; ${defects.length} defects: ${defects.map((c) => c.name).join(', ')}`
      : '';
    return {
      test,
      injected: this.cases.map((c) => c.name).join('; '),
      times: this.cases.length,
      held: `${held}/${this.cases.length}: one-line error with a hint (or a safe outcome), no hang, existing files untouched${tail}`,
    };
  }
}

/** A FerryError as it reaches a user: one line, a message and a hint. */
export function expectOneLineError(
  error: FerryErrorData | null | undefined,
  label: string,
): FerryErrorData {
  expect(error, label).toBeTruthy();
  const e = error!;
  expect(e.message.length, `${label}: message`).toBeGreaterThan(0);
  expect(e.hint.length, `${label}: hint`).toBeGreaterThan(0);
  expect(e.message, `${label}: one line`).not.toMatch(/\n/);
  expect(e.hint, `${label}: one line`).not.toMatch(/\n/);
  expect(`${e.message} ${e.hint}`, `${label}: no stack`).not.toMatch(/\bat .+:\d+:\d+/);
  return e;
}

/** Runs bin/ferry with only the given environment. */
export async function ferryCli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return run(process.execPath, [ferryBin, ...args], {
    env: { PATH: process.env['PATH'] ?? '', ...env },
    timeout: 60_000,
  }).then(
    (ok) => ({ code: 0, ...ok }),
    (error: { code: number; stdout?: string; stderr?: string }) => ({
      code: error.code,
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? '',
    }),
  );
}

/** The CLI's promise: a non-zero exit and exactly one `error: what — hint` line on stderr. */
export function expectCliRefusal(r: { code: number; stderr: string }, label: string): string {
  expect(r.code, `${label}: exit code (stderr: ${r.stderr})`).not.toBe(0);
  const lines = r.stderr.trim().split('\n');
  expect(lines, `${label}: one line`).toHaveLength(1);
  expect(lines[0], label).toMatch(/^error: .+ — .+$/);
  expect(lines[0], `${label}: no bug report`).not.toMatch(/this is a bug in Ferry/);
  return lines[0]!;
}

/** Resolves once each transfer is final, or after `boundMs` with the ones still running (a hang). */
export function settle(engine: Engine, ids: string[], boundMs: number): Promise<string[]> {
  const final = (id: string) =>
    ['done', 'failed', 'cancelled'].includes(engine.transfers.get(id)?.state ?? '');
  return new Promise((resolve) => {
    const check = () => {
      if (!ids.every(final)) return;
      clearTimeout(timer);
      off();
      resolve([]);
    };
    // The bound exists only to turn a hang into a failure; a healthy run settles long before it.
    const timer = setTimeout(() => {
      off();
      resolve(ids.filter((id) => !final(id)));
    }, boundMs);
    const off = engine.events.on('transfers.changed', check);
    check();
  });
}
