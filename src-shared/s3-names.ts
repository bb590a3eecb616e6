/**
 * S3 naming rules, shared so the renderer can check a name as it is typed and the engine refuses it before
 * anything is sent. Each check answers with the rule that was broken, in words, or null when the name is fine.
 */
import type { ErrorKey } from './error-keys.js';
import type { ErrorParams } from './errors.js';

/** A broken naming rule: what is wrong and what to do, in English, and the catalogue key for the interface. */
export interface NameProblem {
  message: string;
  hint: string;
  key: ErrorKey;
  params?: ErrorParams;
}

const BUCKET_HINT =
  'Bucket names are 3-63 characters: lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit.';

/** The bucket naming rules in the order they are checked: the first broken one is reported. */
const BUCKET_RULES: readonly [ErrorKey, string, (name: string) => boolean][] = [
  ['bucketName.tooShort', 'it must be at least 3 characters long', (n) => n.length < 3],
  ['bucketName.tooLong', 'it must be at most 63 characters long', (n) => n.length > 63],
  ['bucketName.uppercase', 'it must not contain uppercase letters', (n) => /[A-Z]/.test(n)],
  [
    'bucketName.characters',
    'only lowercase letters, digits, dots (.) and hyphens (-) are allowed',
    (n) => /[^a-z0-9.-]/.test(n),
  ],
  ['bucketName.start', 'it must start with a letter or digit', (n) => !/^[a-z0-9]/.test(n)],
  ['bucketName.end', 'it must end with a letter or digit', (n) => !/[a-z0-9]$/.test(n)],
  ['bucketName.doubleDot', 'it must not contain two dots in a row', (n) => n.includes('..')],
  ['bucketName.dotHyphen', 'a dot must not be next to a hyphen', (n) => /\.-|-\./.test(n)],
  [
    'bucketName.ipAddress',
    'it must not look like an IP address',
    (n) => /^\d{1,3}(\.\d{1,3}){3}$/.test(n),
  ],
  ['bucketName.xn', 'it must not start with "xn--"', (n) => n.startsWith('xn--')],
  [
    'bucketName.reservedSuffix',
    'the suffixes "-s3alias" and "--ol-s3" are reserved',
    (n) => n.endsWith('-s3alias') || n.endsWith('--ol-s3'),
  ],
];

/** Checks a bucket name against the S3 rules; says which rule it breaks. */
export function bucketNameProblem(name: string): NameProblem | null {
  const broken = BUCKET_RULES.find(([, , breaks]) => breaks(name));
  if (!broken) return null;
  const [key, rule] = broken;
  return {
    message: `"${name}" is not a valid bucket name: ${rule}.`,
    hint: BUCKET_HINT,
    key,
    params: { name },
  };
}

/** S3 limits keys to 1024 bytes of UTF-8. */
export const MAX_KEY_BYTES = 1024;

/** Checks an object key: not empty, at most 1024 UTF-8 bytes, no `.`/`..` segments, no empty segments. */
export function objectKeyProblem(key: string): NameProblem | null {
  if (key.length === 0) {
    return {
      message: 'The object key is empty.',
      hint: 'Give the object a name.',
      key: 'objectKey.empty',
    };
  }
  const bytes = new TextEncoder().encode(key).length;
  if (bytes > MAX_KEY_BYTES) {
    return {
      message: `The object key is ${bytes} bytes long; S3 allows at most ${MAX_KEY_BYTES} bytes (UTF-8).`,
      hint: 'Use a shorter name or fewer folder levels.',
      key: 'objectKey.tooLong',
      params: { bytes, max: MAX_KEY_BYTES },
    };
  }
  const segments = key.split('/');
  // A trailing slash (folder marker) leaves one empty last segment, which is fine.
  const inner = key.endsWith('/') ? segments.slice(0, -1) : segments;
  if (inner.some((s) => s === '.' || s === '..')) {
    return {
      message: `The key "${key}" has a "." or ".." path segment.`,
      hint: 'RustFS and other servers refuse such keys, and they are ambiguous as paths; rename it without them.',
      key: 'objectKey.dotSegment',
      params: { key },
    };
  }
  if (inner.some((s, i) => s === '' && i > 0)) {
    return {
      message: `The key "${key}" has an empty path segment ("//").`,
      hint: 'RustFS refuses keys with "//"; remove the doubled slash.',
      key: 'objectKey.emptySegment',
      params: { key },
    };
  }
  if (key.startsWith('/')) {
    return {
      message: `The key "${key}" starts with "/".`,
      hint: 'Keys are relative to the bucket; remove the leading slash.',
      key: 'objectKey.leadingSlash',
      params: { key },
    };
  }
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(key)) {
    return {
      message: 'The object key contains control characters.',
      hint: 'Remove tabs, newlines and other control characters from the name.',
      key: 'objectKey.control',
    };
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
