import { Readable } from 'node:stream';
import type { DeserializeMiddleware, MetadataBearer } from '@smithy/types';
import type { ErrorKey } from '../../../src-shared/error-keys.js';
import { translateError, type ErrorContext } from '../connection/translate.js';
import { FerryError } from '../errors.js';

/** The bucket settings a server may lack. */
export type Feature = 'lifecycle' | 'tags' | 'cors' | 'objectLock';

const KEYS: Record<Feature, ErrorKey> = {
  lifecycle: 'config.unsupported.lifecycle',
  tags: 'config.unsupported.tags',
  cors: 'config.unsupported.cors',
  objectLock: 'config.unsupported.objectLock',
};

/** "This server does not support lifecycle rules." — the one outcome for a feature a server lacks. */
export function notSupported(feature: Feature, operation: string): FerryError {
  const api = operation.replace(/Command$/, '');
  return FerryError.of('NotSupported', KEYS[feature], { api });
}

/** A failure in the user's words; a 501 becomes "this server does not support <feature>". */
export function configError(error: unknown, feature: Feature, ctx: ErrorContext): FerryError {
  const ferry = translateError(error, ctx);
  if (ferry.code !== 'NotSupported' || ferry.key.startsWith('config.')) return ferry;
  const operation = (error as { $ferryOperation?: string }).$ferryOperation ?? ctx.operation ?? '';
  return notSupported(feature, operation || 'the request');
}

/** Answers longer than this are not the small XML document asked for (Swift may send an object's body). */
const MAX_ANSWER = 256 * 1024;

/** The first element's name of an XML document, skipping the declaration and comments. */
export function rootElement(text: string): string | null {
  const body = text.replace(/^\uFEFF?\s*(<\?[\s\S]*?\?>\s*)?(<!--[\s\S]*?-->\s*)*/, '');
  return /^<([A-Za-z_][\w.-]*)/.exec(body)?.[1] ?? null;
}

async function readCapped(stream: Readable): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > MAX_ANSWER) {
      stream.destroy();
      return null;
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * Checks that a 2xx answer is the document asked for. OpenStack Swift answers GET ?lifecycle and
 * ?object-lock with the bucket listing, and ?retention with the object itself (all 200): the SDK would
 * parse those as "no rules". Runs before the SDK's deserializer reads the body, and hands it the bytes.
 */
function expectRoot(root: string, feature: Feature): DeserializeMiddleware<object, MetadataBearer> {
  return (next, context) => async (args) => {
    const out = await next(args);
    const response = out.response as { statusCode?: number; body?: unknown };
    const status = response.statusCode ?? 0;
    if (status < 200 || status >= 300 || !(response.body instanceof Readable)) return out;
    const bytes = await readCapped(response.body);
    if (!bytes || rootElement(bytes.toString('utf8')) !== root) {
      throw notSupported(feature, context.commandName ?? 'the request');
    }
    response.body = Readable.from([bytes]);
    return out;
  };
}

/** Adds `expectRoot` to one command (not to the client: every other request stays as it was). */
export function expecting<C extends { middlewareStack: { add: (...args: never[]) => void } }>(
  command: C,
  root: string,
  feature: Feature,
): C {
  (command.middlewareStack.add as (m: unknown, o: unknown) => void)(expectRoot(root, feature), {
    step: 'deserialize',
    priority: 'low',
    name: 'ferryExpectRoot',
  });
  return command;
}

/** The S3 error code of an SDK failure (`NoSuchLifecycleConfiguration`), for "nothing set" answers. */
export function s3Code(error: unknown): string | undefined {
  const e = error as { name?: string; Code?: string };
  return e?.Code ?? e?.name;
}
