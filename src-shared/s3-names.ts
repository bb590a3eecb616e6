/**
 * S3 naming rules, shared so the renderer can check a name as it is typed and the engine refuses it before
 * anything is sent. Each check answers with the rule that was broken, in words, or null when the name is fine.
 */
import type { ErrorKey } from './error-keys.js';
import type { ErrorParams } from './errors.js';
import { englishText } from './i18n/error-text.js';

/** A broken naming rule: its catalogue key and values, and its English message and hint (from the catalogue). */
export interface NameProblem {
  message: string;
  hint: string;
  key: ErrorKey;
  params?: ErrorParams;
}

/** The problem a catalogue key names, with its English filled in. */
export function nameProblem(key: ErrorKey, params?: ErrorParams): NameProblem {
  return { ...englishText(key, params), key, ...(params ? { params } : {}) };
}

/** The bucket naming rules in the order they are checked: the first broken one is reported. */
const BUCKET_RULES: readonly [ErrorKey, (name: string) => boolean][] = [
  ['bucketName.tooShort', (n) => n.length < 3],
  ['bucketName.tooLong', (n) => n.length > 63],
  ['bucketName.uppercase', (n) => /[A-Z]/.test(n)],
  ['bucketName.characters', (n) => /[^a-z0-9.-]/.test(n)],
  ['bucketName.start', (n) => !/^[a-z0-9]/.test(n)],
  ['bucketName.end', (n) => !/[a-z0-9]$/.test(n)],
  ['bucketName.doubleDot', (n) => n.includes('..')],
  ['bucketName.dotHyphen', (n) => /\.-|-\./.test(n)],
  ['bucketName.ipAddress', (n) => /^\d{1,3}(\.\d{1,3}){3}$/.test(n)],
  ['bucketName.xn', (n) => n.startsWith('xn--')],
  ['bucketName.reservedSuffix', (n) => n.endsWith('-s3alias') || n.endsWith('--ol-s3')],
];

/** Checks a bucket name against the S3 rules; says which rule it breaks. */
export function bucketNameProblem(name: string): NameProblem | null {
  const broken = BUCKET_RULES.find(([, breaks]) => breaks(name));
  return broken ? nameProblem(broken[0], { name }) : null;
}

/** S3 limits keys to 1024 bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;

/** Checks an object key: not empty, at most 1024 UTF-8 bytes, no `.`/`..` segments, no empty segments. */
export function objectKeyProblem(key: string): NameProblem | null {
  if (key.length === 0) {
    return nameProblem('objectKey.empty');
  }
  const bytes = new TextEncoder().encode(key).length;
  if (bytes > MAX_KEY_BYTES) {
    return nameProblem('objectKey.tooLong', { bytes, max: MAX_KEY_BYTES });
  }
  const segments = key.split('/');
  // A trailing slash (folder marker) leaves one empty last segment, which is fine.
  const inner = key.endsWith('/') ? segments.slice(0, -1) : segments;
  if (inner.some((s) => s === '.' || s === '..')) {
    return nameProblem('objectKey.dotSegment', { key });
  }
  if (inner.some((s, i) => s === '' && i > 0)) {
    return nameProblem('objectKey.emptySegment', { key });
  }
  if (key.startsWith('/')) {
    return nameProblem('objectKey.leadingSlash', { key });
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) {
    return nameProblem('objectKey.control');
  }
  return null;
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/** Parses a duration like `90s`, `10m`, `12h`, `7d`, `1w` (or plain seconds) into seconds; null if malformed. */
export function parseDuration(text: string): number | null {
  const match = /^(\d+)\s*([smhdw]?)$/i.exec(text.trim());
  if (!match) return null;
  const unit = (match[2] || 's').toLowerCase();
  return Number(match[1]) * UNIT_SECONDS[unit]!;
}
