import type { ErrorCode, FerryErrorData } from '../../src-shared/errors.js';

/** An expected failure, carrying the user-facing message and what to do about it. */
export class FerryError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;

  constructor(code: ErrorCode, message: string, hint: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'FerryError';
    this.code = code;
    this.hint = hint;
  }

  /** The wire form: no stack, no cause. */
  toData(): FerryErrorData {
    return { code: this.code, message: this.message, hint: this.hint };
  }
}

/** Shorthand for refusing bad input before anything is sent. */
export function invalid(message: string, hint: string): FerryError {
  return new FerryError('InvalidRequest', message, hint);
}
