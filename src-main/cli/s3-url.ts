import { usageError, type UsageKey } from './io.js';

/** A parsed `s3://bucket/key` argument. `key` is '' for the bucket itself. */
export interface S3Url {
  bucket: string;
  key: string;
}

/** True for arguments written as S3 URLs. */
export const isS3Url = (arg: string): boolean => arg.startsWith('s3://');

/** What an argument should have been, named in the usage error for one that is not an S3 URL. */
const NOT_S3 = {
  location: 'cli.usage.notS3.location',
  bucket: 'cli.usage.notS3.bucket',
  object: 'cli.usage.notS3.object',
  bucketOrFolder: 'cli.usage.notS3.bucketOrFolder',
} as const satisfies Record<string, UsageKey>;

/** Parses `s3://bucket[/key]`; anything else is a usage error that shows the expected form. */
export function parseS3Url(arg: string, what: keyof typeof NOT_S3 = 'location'): S3Url {
  if (!isS3Url(arg)) throw usageError(NOT_S3[what], { argument: arg });
  const rest = arg.slice('s3://'.length);
  const slash = rest.indexOf('/');
  const bucket = slash === -1 ? rest : rest.slice(0, slash);
  if (!bucket) throw usageError('cli.usage.noBucket', { argument: arg });
  return { bucket, key: slash === -1 ? '' : rest.slice(slash + 1) };
}

/** The one argument of a bucket command (`mb`, `rb`): `s3://bucket`, a usage error if it names an object. */
export function parseBucketArg(positionals: string[], usage: string): string {
  expectArgs(positionals, 1, usage);
  const { bucket, key } = parseS3Url(positionals[0]!, 'bucket');
  if (key) throw usageError('cli.usage.objectNotBucket', { argument: positionals[0]!, usage });
  return bucket;
}

/** The one argument of an object command (`stat`, `presign`, `url`): `s3://bucket/key`, a usage error if it names a bucket. */
export function parseObjectArg(positionals: string[], usage: string): S3Url {
  expectArgs(positionals, 1, usage);
  const target = parseS3Url(positionals[0]!, 'object');
  if (!target.key) {
    throw usageError('cli.usage.bucketNotObject', { argument: positionals[0]!, usage });
  }
  return target;
}

/** Exactly `count` positional arguments, or a usage error naming the command's usage. */
export function expectArgs(positionals: string[], count: number, usage: string): void {
  if (positionals.length !== count) {
    throw positionals.length < count
      ? usageError('cli.usage.missingArgument', { usage })
      : usageError('cli.usage.unexpectedArgument', { argument: positionals[count]!, usage });
  }
}
