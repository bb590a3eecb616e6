import mime from 'mime';

/** What S3 stores when nothing better is known; a browser downloads such an object instead of showing it. */
export const GENERIC_TYPE = 'application/octet-stream';

/** Types that say no more than "some bytes": a browser's drop sends these when it does not know either. */
const GENERIC_TYPES = new Set([GENERIC_TYPE, 'binary/octet-stream', 'application/unknown']);

// RFC 9110 §8.3.1: type "/" subtype *( OWS ";" OWS parameter ), each a token; a value may be quoted.
const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const MEDIA_TYPE = new RegExp(
  `^${TOKEN}/${TOKEN}(?:[ \\t]*;[ \\t]*${TOKEN}=(?:${TOKEN}|"[^"\\\\\\r\\n]*"))*$`,
);

/** True for a media type S3 can store as Content-Type (`type/subtype`, optionally with parameters). */
export function isMediaType(value: string): boolean {
  return value.length <= 256 && MEDIA_TYPE.test(value);
}

/** True when a type says nothing about the content (absent, octet-stream). */
export function isGenericType(value: string | null | undefined): boolean {
  const bare = (value ?? '').split(';')[0]!.trim().toLowerCase();
  return bare === '' || GENERIC_TYPES.has(bare);
}

/**
 * The Content-Type of a file, guessed from the extension of the first of `names` that tells one (the `mime`
 * package's table, as aws cli and rclone guess from theirs), or octet-stream. No `charset` is added to text types: aws cli adds none, and a
 * charset would claim an encoding nobody checked.
 */
export function contentTypeFor(...names: string[]): string {
  for (const name of names) {
    const type = mime.getType(name);
    // `.bin` is octet-stream too: a key with a telling extension may still say more.
    if (type && !isGenericType(type)) return type;
  }
  return GENERIC_TYPE;
}

/**
 * The type of an upload whose sender may have said one (a browser's drop on `ferry serve`): the sender's,
 * when it is a valid and specific type; otherwise guessed from the object's name.
 */
export function senderContentType(name: string, sent: string | null | undefined): string {
  const type = sent?.trim() ?? '';
  return isMediaType(type) && !isGenericType(type) ? type : contentTypeFor(name);
}
