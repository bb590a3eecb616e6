import type { Entry, KeyFailure } from '../../src-shared/contract/index.js';
import type { Io } from './io.js';

/** An ISO date as `YYYY-MM-DD HH:MM:SS` (UTC), or blanks of the same width. */
export function formatDate(iso: string | null): string {
  return iso ? iso.slice(0, 19).replace('T', ' ') : ''.padEnd(19);
}

/** One listing row, aligned like `aws s3 ls`: date, size, name; folders marked PRE. */
export function formatEntry(entry: Entry, showKey: boolean): string {
  const name = showKey ? entry.key : entry.name + (entry.isFolder ? '/' : '');
  if (entry.isFolder) return `${''.padEnd(19)}  ${'PRE'.padStart(10)}  ${name}`;
  return `${formatDate(entry.lastModified)}  ${String(entry.size).padStart(10)}  ${name}`;
}

/** Per-key failures, one line each on stderr: `error: key: message — hint`. */
export function reportFailures(io: Io, failures: KeyFailure[]): void {
  for (const f of failures) io.err(`error: ${f.key}: ${f.error.message} — ${f.error.hint}`);
}
