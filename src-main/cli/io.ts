import type { FerryErrorData } from '../../src-shared/errors.js';
import { FerryError } from '../engine/errors.js';
import { translateError } from '../engine/connection/translate.js';

/** Where the CLI writes; injectable so tests capture output without spawning. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  env: Record<string, string | undefined>;
  /** True when stdout is a terminal (progress bars, colours). */
  isTty: boolean;
  /** Rewrites the status line on stderr (a progress bar); only used when `isTty`. */
  status?(text: string): void;
  /** Calls `handler` with the exit code on Ctrl-C (130) or SIGTERM (143); answers a function that stops. */
  onInterrupt?(handler: (code: number) => void): () => void;
}

export const processIo = (): Io => ({
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  isTty: Boolean(process.stdout.isTTY),
  status: (text) => process.stderr.write(`\r\x1b[2K${text}`),
  onInterrupt: (handler) => {
    const int = () => handler(130);
    const term = () => handler(143);
    process.once('SIGINT', int);
    process.once('SIGTERM', term);
    return () => {
      process.off('SIGINT', int);
      process.off('SIGTERM', term);
    };
  },
});

/** The one-line error format of every command: `error: message — hint`. */
export function formatError(error: FerryErrorData): string {
  return `error: ${error.message} — ${error.hint}`;
}

/** Converts anything thrown into the wire form. */
export function toErrorData(error: unknown): FerryErrorData {
  return (error instanceof FerryError ? error : translateError(error)).toData();
}

/** A usage mistake: bad flags or arguments. */
export function usageError(message: string, hint = 'Run `ferry --help` for usage.'): FerryError {
  return new FerryError('InvalidRequest', message, hint, {
    key: 'cli.usage',
    params: { message, hint },
  });
}
