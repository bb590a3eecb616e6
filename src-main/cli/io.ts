import type { ErrorKey } from '../../src-shared/error-keys.js';
import type { ErrorParams, FerryErrorData } from '../../src-shared/errors.js';
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

/**
 * Control characters (C0 but tab and newline, DEL, C1) shown as `\xNN`: object keys come from whoever filled
 * the bucket, and one holding an escape sequence could otherwise retitle, recolour or drive the terminal.
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => {
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
}

export const processIo = (): Io => ({
  out: (line) => process.stdout.write(`${printable(line)}\n`),
  err: (line) => process.stderr.write(`${printable(line)}\n`),
  env: process.env,
  isTty: Boolean(process.stdout.isTTY),
  status: (text) => process.stderr.write(`\r\x1b[2K${printable(text)}`),
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

/** A catalogue key of a usage mistake: its text is in src-shared/i18n/errors-*-cli.ts. */
export type UsageKey = Extract<ErrorKey, `cli.usage.${string}`>;

/** A usage mistake (bad flags or arguments; exit code 2), said in the catalogue's words with `params`. */
export function usageError(key: UsageKey, params?: ErrorParams): FerryError {
  return FerryError.of('InvalidRequest', key, params);
}
