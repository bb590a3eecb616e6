import {
  bucketNameProblem,
  MAX_KEY_BYTES,
  nameProblem,
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
      ? (bucketNameProblem(name) ?? nameProblem('bucketName.notAName', { name }))
      : null;
  if (problem) throw FerryError.of('InvalidBucketName', problem.key, problem.params);
}

/**
 * Refuses a key before anything is sent. Keys being written get every check (RustFS refuses `.`/`..`
 * segments and `//`); keys being read or deleted only the length limit, so objects made by other tools
 * can still be reached.
 */
export function assertKey(key: string, writing = true): void {
  if (writing) {
    const problem = objectKeyProblem(key);
    if (problem) throw FerryError.of('InvalidKey', problem.key, problem.params);
    return;
  }
  const bytes = Buffer.byteLength(key, 'utf8');
  if (key.length === 0) throw FerryError.of('InvalidKey', 'objectKey.emptyRead');
  if (bytes > MAX_KEY_BYTES) {
    throw FerryError.of('InvalidKey', 'objectKey.tooLongRead', { bytes, max: MAX_KEY_BYTES });
  }
}
