import {
  bucketNameProblem,
  MAX_KEY_BYTES,
  objectKeyProblem,
} from '../../../src-shared/s3-names.js';
import { FerryError } from '../errors.js';

/**
 * Refuses a bucket name before anything is sent. Creating a bucket applies every S3 naming rule; naming an
 * existing one only refuses what could never address a bucket (old AWS buckets may predate today's rules).
 */
export function assertBucketName(name: string, creating = false): void {
  const problem = creating
    ? bucketNameProblem(name)
    : name.length < 3 || name.length > 255 || /[/\s\\]/.test(name)
      ? (bucketNameProblem(name) ?? {
          message: `"${name}" is not a bucket name.`,
          hint: 'Bucket names have no slashes or spaces.',
          key: 'bucketName.notAName' as const,
          params: { name },
        })
      : null;
  if (problem) throw new FerryError('InvalidBucketName', problem.message, problem.hint, problem);
}

/**
 * Refuses a key before anything is sent. Keys being written get every check (RustFS refuses `.`/`..`
 * segments and `//`); keys being read or deleted only the length limit, so objects made by other tools
 * can still be reached.
 */
export function assertKey(key: string, writing = true): void {
  if (writing) {
    const problem = objectKeyProblem(key);
    if (problem) throw new FerryError('InvalidKey', problem.message, problem.hint, problem);
    return;
  }
  const bytes = Buffer.byteLength(key, 'utf8');
  if (key.length === 0 || bytes > MAX_KEY_BYTES) {
    throw new FerryError(
      'InvalidKey',
      key.length === 0
        ? 'The object key is empty.'
        : `The object key is ${bytes} bytes long; S3 allows at most ${MAX_KEY_BYTES} bytes (UTF-8).`,
      'Check the key.',
      key.length === 0
        ? { key: 'objectKey.emptyRead' }
        : { key: 'objectKey.tooLongRead', params: { bytes, max: MAX_KEY_BYTES } },
    );
  }
}
