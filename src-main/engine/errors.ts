import type { ErrorCode, ErrorParams, FerryErrorData } from '../../src-shared/errors.js';
import type { ErrorKey } from '../../src-shared/error-keys.js';
import { englishText } from '../../src-shared/i18n/error-text.js';

/** What every FerryError carries besides its English text: the catalogue key the interface translates. */
export interface FerryErrorOptions {
  key: ErrorKey;
  params?: ErrorParams;
  cause?: unknown;
}

/**
 * An expected failure, carrying the user-facing message and what to do about it. Make one with
 * `FerryError.of(code, key, params)`: its English comes from the catalogue, so no call site writes any.
 */
export class FerryError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly key: ErrorKey;
  readonly params: ErrorParams | undefined;

  /**
   * Call sites use `FerryError.of`; the constructor is for `fromData` and for relaying text that already
   * came from the catalogue (a key validation's problem). test/lint/error-text.test.ts keeps English
   * written at a call site out of every folder.
   */
  constructor(code: ErrorCode, message: string, hint: string, options: FerryErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FerryError';
    this.code = code;
    this.hint = hint;
    this.key = options.key;
    this.params = options.params;
  }

  /**
   * An error made from its catalogue key: the English message and hint are the catalogue's
   * (src-shared/i18n/errors-en*.ts) filled with `params`, so no call site writes English of its own.
   */
  static of(
    code: ErrorCode,
    key: ErrorKey,
    params?: ErrorParams,
    options: { cause?: unknown } = {},
  ): FerryError {
    const { message, hint } = englishText(key, params);
    return new FerryError(code, message, hint, {
      key,
      ...(params ? { params } : {}),
      ...options,
    });
  }

  /** Rebuilds an error from its wire form (an answer relayed from another face). */
  static fromData(data: FerryErrorData): FerryError {
    const key = (data.key ?? 'relayed') as ErrorKey;
    const params = data.key ? data.params : { message: data.message, hint: data.hint };
    return new FerryError(data.code, data.message, data.hint, { key, params });
  }

  /** The wire form: no stack, no cause. */
  toData(): FerryErrorData {
    const data: FerryErrorData = {
      code: this.code,
      message: this.message,
      hint: this.hint,
      key: this.key,
    };
    if (this.params) data.params = this.params;
    return data;
  }
}

/** Shorthand for refusing bad input before anything is sent: `invalid('copy.intoItself')`. */
export function invalid(key: ErrorKey, params?: ErrorParams): FerryError;
/** @deprecated English at the call site: use `invalid(key, params)`; lint refuses this form. */
export function invalid(
  message: string,
  hint: string,
  options: Omit<FerryErrorOptions, 'cause'>,
): FerryError;
export function invalid(
  keyOrMessage: string,
  paramsOrHint?: ErrorParams | string,
  options?: Omit<FerryErrorOptions, 'cause'>,
): FerryError {
  if (options && typeof paramsOrHint === 'string') {
    return new FerryError('InvalidRequest', keyOrMessage, paramsOrHint, options);
  }
  return FerryError.of('InvalidRequest', keyOrMessage as ErrorKey, paramsOrHint as ErrorParams);
}
