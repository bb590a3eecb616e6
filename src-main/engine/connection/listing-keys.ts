import type { S3Client } from '@aws-sdk/client-s3';
import type { InitializeMiddleware, MetadataBearer } from '@smithy/types';

/** The listings whose keys XML 1.0 cannot carry raw (a control character in a key). */
const LISTINGS = new Set([
  'ListObjectsCommand',
  'ListObjectsV2Command',
  'ListObjectVersionsCommand',
  'ListMultipartUploadsCommand',
]);

/** Top-level fields of a listing's answer that hold (parts of) keys once it is URL-encoded. */
const KEY_FIELDS = [
  'Prefix',
  'Delimiter',
  'StartAfter',
  'Marker',
  'NextMarker',
  'KeyMarker',
  'NextKeyMarker',
] as const;
/** Lists of entries in a listing's answer, and the field of each entry that holds a key. */
const ENTRY_LISTS = [
  ['Contents', 'Key'],
  ['Versions', 'Key'],
  ['DeleteMarkers', 'Key'],
  ['Uploads', 'Key'],
  ['CommonPrefixes', 'Prefix'],
] as const;

/**
 * Undoes S3's `encoding-type=url`: percent-encoding, with a space written as `+` by some servers (a `+` in
 * a key always arrives as `%2B`), as botocore decodes it.
 */
export function decodeListedKey(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

type Answer = Record<string, unknown>;

function decodeAnswer(output: Answer): void {
  for (const field of KEY_FIELDS) {
    const value = output[field];
    if (typeof value === 'string') output[field] = decodeListedKey(value);
  }
  for (const [list, field] of ENTRY_LISTS) {
    const entries = output[list];
    if (!Array.isArray(entries)) continue;
    for (const entry of entries as Answer[]) {
      const value = entry[field];
      if (typeof value === 'string') entry[field] = decodeListedKey(value);
    }
  }
  delete output['EncodingType'];
}

/**
 * Every listing asks for URL-encoded keys and decodes them: a key with a control character cannot be
 * written in XML 1.0, and Swift's s3api answers a raw listing holding one with 500 InternalError, which
 * would make the whole folder unlistable. An answer that does not say it is encoded is left as it came.
 */
const urlEncodedListings: InitializeMiddleware<object, MetadataBearer> =
  (next, context) => async (args) => {
    if (!LISTINGS.has(context.commandName ?? '')) return next(args);
    const input = args.input as { EncodingType?: string };
    if (input.EncodingType !== undefined) return next(args);
    const result = await next({ ...args, input: { ...input, EncodingType: 'url' } });
    const output = result.output as unknown as Answer;
    if (output['EncodingType'] === 'url') decodeAnswer(output);
    return result;
  };

/** Makes a client list with URL-encoded keys and hand its callers the keys decoded. */
export function useUrlEncodedListings(client: S3Client): void {
  client.middlewareStack.add(urlEncodedListings, {
    step: 'initialize',
    priority: 'high',
    name: 'ferryUrlEncodedListings',
  });
}
