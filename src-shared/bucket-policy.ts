/**
 * Bucket policies as Ferry writes them: "public read" for a bucket or a prefix is one statement (and a second
 * one when listing is public too), marked by its Sid so that Ferry adds and removes only its own statements
 * and keeps everyone else's. Shared so the interface checks a custom policy as it is typed and the engine
 * refuses it before anything is sent.
 */
import { nameProblem, type NameProblem } from './s3-names.js';

/** The policy language version every S3 server understands. */
export const POLICY_VERSION = '2012-10-17';
/** Sid prefixes of Ferry's own statements; anything else in a policy belongs to someone else. */
const READ_SID = 'FerryPublicRead';
const LIST_SID = 'FerryPublicList';

/** One statement of a policy, as far as Ferry reads it. */
export interface PolicyStatement {
  Sid?: string;
  Effect?: string;
  Principal?: unknown;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
  [other: string]: unknown;
}

/** A bucket policy document. */
export interface PolicyDocument {
  Version?: string;
  Id?: string;
  Statement: PolicyStatement[];
}

/** What a prefix's public access is, read from a bucket's policy. */
export interface PrefixAccess {
  access: 'private' | 'public-read';
  /** Anyone may list the keys under the prefix too. */
  listing: boolean;
  /** A broader prefix ('' is the whole bucket) that Ferry made public, which makes this one public too. */
  coveredBy: string | null;
  /** Every prefix Ferry made public in this bucket, sorted. */
  publicPrefixes: string[];
  /** Statements that are not Ferry's: written by hand or another tool, kept as they are. */
  otherStatements: number;
}

const list = (value: string | string[] | undefined): string[] =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

const bucketArn = (bucket: string) => `arn:aws:s3:::${bucket}`;

/** A short, stable tag of a prefix for a Sid (Sids hold letters and digits only). FNV-1a, 32 bits. */
function prefixTag(prefix: string): string {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(prefix)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash.toString(16).padStart(8, '0');
}

const isFerry = (s: PolicyStatement, sid: string) =>
  typeof s.Sid === 'string' && s.Sid.startsWith(sid);

/** The prefix a Ferry read statement opens: `arn:aws:s3:::b/photos/*` → `photos/`. */
function readPrefixes(s: PolicyStatement, bucket: string): string[] {
  const head = `${bucketArn(bucket)}/`;
  return list(s.Resource)
    .filter((r) => r.startsWith(head) && r.endsWith('*'))
    .map((r) => r.slice(head.length, -1));
}

/** The prefix a Ferry list statement opens: its `s3:prefix` condition, or '' (the whole bucket). */
function listPrefixes(s: PolicyStatement): string[] {
  const like = s.Condition?.['StringLike']?.['s3:prefix'];
  return like === undefined ? [''] : list(like).map((p) => (p.endsWith('*') ? p.slice(0, -1) : p));
}

/** Ferry's statements that make `prefix` public: download, and listing when asked. */
export function publicStatements(
  bucket: string,
  prefix: string,
  listing: boolean,
): PolicyStatement[] {
  const tag = prefixTag(prefix);
  const read: PolicyStatement = {
    Sid: `${READ_SID}${tag}`,
    Effect: 'Allow',
    Principal: { AWS: ['*'] },
    Action: ['s3:GetObject'],
    Resource: [`${bucketArn(bucket)}/${prefix}*`],
  };
  if (!listing) return [read];
  const list: PolicyStatement = {
    Sid: `${LIST_SID}${tag}`,
    Effect: 'Allow',
    Principal: { AWS: ['*'] },
    Action: ['s3:ListBucket'],
    Resource: [bucketArn(bucket)],
    ...(prefix ? { Condition: { StringLike: { 's3:prefix': [`${prefix}*`] } } } : {}),
  };
  return [read, list];
}

/** Ferry's statements about exactly this prefix (other prefixes' and other people's stay). */
function ownedFor(s: PolicyStatement, bucket: string, prefix: string): boolean {
  if (isFerry(s, READ_SID)) return readPrefixes(s, bucket).includes(prefix);
  if (isFerry(s, LIST_SID)) return listPrefixes(s).includes(prefix);
  return false;
}

/**
 * The policy with `prefix` set to private or public read: Ferry's statements for that prefix are replaced,
 * every other statement kept in its place. Null when nothing is left (the policy should be deleted).
 */
export function withAccess(
  policy: PolicyDocument | null,
  bucket: string,
  prefix: string,
  access: 'private' | 'public-read',
  listing = false,
): PolicyDocument | null {
  const kept = (policy?.Statement ?? []).filter((s) => !ownedFor(s, bucket, prefix));
  const added = access === 'public-read' ? publicStatements(bucket, prefix, listing) : [];
  const statements = [...kept, ...added];
  if (statements.length === 0) return null;
  return { ...policy, Version: policy?.Version ?? POLICY_VERSION, Statement: statements };
}

/** What a policy says about one prefix, as far as Ferry's statements go. */
export function accessOf(
  policy: PolicyDocument | null,
  bucket: string,
  prefix: string,
): PrefixAccess {
  const statements = policy?.Statement ?? [];
  const read = new Set(
    statements.filter((s) => isFerry(s, READ_SID)).flatMap((s) => readPrefixes(s, bucket)),
  );
  const listed = new Set(statements.filter((s) => isFerry(s, LIST_SID)).flatMap(listPrefixes));
  const publicPrefixes = [...read].sort();
  const coveredBy = publicPrefixes.find((p) => p !== prefix && prefix.startsWith(p)) ?? null;
  return {
    access: read.has(prefix) ? 'public-read' : 'private',
    listing: listed.has(prefix),
    coveredBy,
    publicPrefixes,
    otherStatements: statements.filter((s) => !isFerry(s, READ_SID) && !isFerry(s, LIST_SID))
      .length,
  };
}

/** True when anonymous readers can download `key` through Ferry's statements. */
export function isKeyPublic(policy: PolicyDocument | null, bucket: string, key: string): boolean {
  return accessOf(policy, bucket, key).publicPrefixes.some((p) => key.startsWith(p));
}

/** Each statement check: its catalogue key and the test it fails. */
const STATEMENT_RULES: readonly [NameProblem['key'], (s: PolicyStatement) => boolean][] = [
  ['policy.noEffect', (s) => s.Effect !== 'Allow' && s.Effect !== 'Deny'],
  ['policy.noPrincipal', (s) => s.Principal === undefined],
  ['policy.noAction', (s) => s.Action === undefined && s.NotAction === undefined],
  ['policy.noResource', (s) => s.Resource === undefined && s.NotResource === undefined],
  [
    'policy.notText',
    (s) =>
      [s.Action, s.NotAction, s.Resource, s.NotResource].some(
        (v) =>
          v !== undefined &&
          typeof v !== 'string' &&
          !(Array.isArray(v) && v.every((x) => typeof x === 'string')),
      ),
  ],
];

/** The first thing wrong with one statement, in words, or null. */
function statementProblem(s: unknown, n: number, bucket: string): NameProblem | null {
  if (!s || typeof s !== 'object' || Array.isArray(s))
    return nameProblem('policy.notObject', { n });
  const st = s as PolicyStatement;
  const broken = STATEMENT_RULES.find(([, breaks]) => breaks(st));
  if (broken) return nameProblem(broken[0], { n });
  const arn = bucketArn(bucket);
  const outside = [...list(st.Resource), ...list(st.NotResource)].find(
    (r) => r !== '*' && r !== arn && !r.startsWith(`${arn}/`),
  );
  if (outside !== undefined) {
    return nameProblem('policy.otherBucket', { n, resource: outside, bucket, arn });
  }
  return null;
}

/**
 * Parses and checks a policy typed by hand: valid JSON, the shape of a bucket policy, and resources within
 * this bucket. The server has the last word (it knows its actions and conditions); this catches the rest
 * before anything is sent.
 */
export function parsePolicy(
  text: string,
  bucket: string,
): { policy: PolicyDocument; problem: null } | { policy: null; problem: NameProblem } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    return {
      policy: null,
      problem: nameProblem('policy.notJson', { detail }),
    };
  }
  const fail = (p: NameProblem) => ({ policy: null, problem: p });
  if (!value || typeof value !== 'object' || Array.isArray(value))
    return fail(nameProblem('policy.noStatement'));
  const doc = value as { Version?: unknown; Statement?: unknown };
  if (doc.Version !== undefined && doc.Version !== POLICY_VERSION && doc.Version !== '2008-10-17') {
    return fail(nameProblem('policy.version', { version: String(doc.Version) }));
  }
  const statements = Array.isArray(doc.Statement)
    ? (doc.Statement as unknown[])
    : doc.Statement && typeof doc.Statement === 'object'
      ? [doc.Statement]
      : [];
  if (statements.length === 0) return fail(nameProblem('policy.noStatement'));
  for (const [i, s] of statements.entries()) {
    const p = statementProblem(s, i + 1, bucket);
    if (p) return fail(p);
  }
  return {
    policy: { ...(value as PolicyDocument), Statement: statements as PolicyStatement[] },
    problem: null,
  };
}
