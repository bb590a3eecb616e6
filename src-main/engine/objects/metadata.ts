/**
 * User metadata (`x-amz-meta-NAME: value`) travels as HTTP headers, so S3 holds it in US-ASCII: a name is
 * an HTTP token (RFC 9110 `tchar`), and a value with other characters is sent as an RFC 2047 encoded-word
 * (`=?UTF-8?B?…?=`), as the AWS console does. The engine speaks plain Unicode; the S3 client made by
 * connection/client.ts encodes on the way out and decodes on the way in, through `useUserMetadataCodec`.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';
import { invalid } from '../errors.js';

/** RFC 9110 token characters: ASCII letters, digits and ! # $ % & ' * + - . ^ _ ` | ~. */
const TOKEN_CHAR = /[A-Za-z0-9!#$%&'*+\-.^_`|~]/;

/** A character as the user can find it: `"é" (U+00E9)`, or only its code point when it is invisible. */
function describe(char: string): string {
  const code = `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\p{L}\p{N}\p{P}\p{S}\p{Zs}]/u.test(char) ? `"${char}" (${code})` : `${code}`;
}

/** Refuses a metadata name S3 cannot carry, naming the first character at fault. */
export function assertMetadataName(name: string): void {
  const bad = name === '' ? undefined : [...name].find((c) => !TOKEN_CHAR.test(c));
  if (name !== '' && bad === undefined) return;
  const char = bad === undefined ? 'nothing' : describe(bad);
  throw invalid('object.badMetadataName', { name, char });
}

/**
 * Refuses a content header value (Content-Type, Cache-Control, Content-Disposition) that HTTP cannot carry
 * as it is: unlike user metadata these have no encoded-word form S3 would hand back decoded.
 */
export function assertHeaderValue(header: string, value: string): void {
  const bad = [...value].find((c) => !/[\t\x20-\x7e]/.test(c));
  if (bad === undefined) return;
  const char = describe(bad);
  throw invalid('object.badHeaderValue', { header, char });
}

/** Refuses the first metadata name S3 cannot carry. */
export function assertMetadata(metadata: Record<string, string>): void {
  for (const name of Object.keys(metadata)) assertMetadataName(name);
}

/** Printable ASCII with no whitespace at either end (HTTP would trim it) and no look of an encoded-word. */
function sendsAsIs(value: string): boolean {
  return /^[\x20-\x7e]*$/.test(value) && value.trim() === value && !/=\?.*\?=/.test(value);
}

/** A value as S3 can hold it: unchanged when plain ASCII, else one `=?UTF-8?B?…?=` encoded-word. */
export function encodeMetadataValue(value: string): string {
  if (sendsAsIs(value)) return value;
  return `=?UTF-8?B?${Buffer.from(value, 'utf8').toString('base64')}?=`;
}

const ENCODED_WORD = /=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g;

function decodeWord(charset: string, encoding: string, text: string): string | undefined {
  let bytes: Buffer;
  if (encoding.toUpperCase() === 'B') {
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
    bytes = Buffer.from(text, 'base64');
  } else {
    const q = text.replace(/_/g, ' ');
    if (/=(?![0-9A-Fa-f]{2})/.test(q)) return undefined;
    bytes = Buffer.from(
      q.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    );
  }
  try {
    // RFC 2231 allows a language after the charset (`UTF-8*en`); it changes nothing here.
    return new TextDecoder(charset.split('*')[0]!).decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * A value as stored, decoded for display: RFC 2047 encoded-words become their text (adjacent ones joined,
 * the whitespace between them dropped, as the RFC says); anything else is left as it is.
 */
export function decodeMetadataValue(value: string): string {
  if (!value.includes('=?')) return value;
  let out = '';
  let last = 0;
  let previousWordEnd = -1;
  for (const match of value.matchAll(ENCODED_WORD)) {
    const decoded = decodeWord(match[1]!, match[2]!, match[3]!);
    if (decoded === undefined) continue;
    const between = value.slice(last, match.index);
    out += previousWordEnd === last && /^\s*$/.test(between) ? '' : between;
    out += decoded;
    last = match.index + match[0].length;
    previousWordEnd = last;
  }
  return out + value.slice(last);
}

/** Metadata as sent: names checked, values encoded. */
export function encodeMetadata(metadata: Record<string, string>): Record<string, string> {
  assertMetadata(metadata);
  return Object.fromEntries(
    Object.entries(metadata).map(([name, value]) => [name, encodeMetadataValue(value)]),
  );
}

/** Metadata as received, decoded. */
export function decodeMetadata(metadata: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(metadata).map(([name, value]) => [name, decodeMetadataValue(value)]),
  );
}

/**
 * Every request with `Metadata` (PutObject, CopyObject with REPLACE, CreateMultipartUpload) has its names
 * checked and its values encoded before it is signed; every answer with `Metadata` (HeadObject, GetObject)
 * is decoded. The caller's input is not changed.
 */
const userMetadataCodec: InitializeMiddleware<object, MetadataBearer> = (next) => async (args) => {
  const input = args.input as { Metadata?: Record<string, string> };
  const sent = input.Metadata
    ? { ...args, input: { ...input, Metadata: encodeMetadata(input.Metadata) } }
    : args;
  const result = await next(sent);
  const output = result.output as { Metadata?: Record<string, string> };
  if (output.Metadata) output.Metadata = decodeMetadata(output.Metadata);
  return result;
};

/** Makes a client encode user metadata on the way out and decode it on the way in. */
export function useUserMetadataCodec(client: S3Client): void {
  client.middlewareStack.add(userMetadataCodec, {
    step: 'initialize',
    priority: 'high',
    name: 'ferryUserMetadata',
  });
}
