import { describe, expect, it } from 'vitest';
import { FerryError } from '../../src-main/engine/errors.js';

describe('FerryError.of', () => {
  it('renders its English from the catalogue, with its params', () => {
    const cause = new Error('wire');
    const error = FerryError.of('NoSuchBucket', 'bucket.noSuch', { bucket: 'photos' }, { cause });
    expect(error.toData()).toEqual({
      code: 'NoSuchBucket',
      message: 'The bucket "photos" does not exist.',
      hint: 'Check the bucket name, or create it first.',
      key: 'bucket.noSuch',
      params: { bucket: 'photos' },
    });
    expect(error.cause).toBe(cause);
  });

  it('takes a key without params', () => {
    const error = FerryError.of('NoSuchBucket', 'bucket.noSuch.unnamed');
    expect(error.message).toBe('The bucket does not exist.');
    expect(error.toData().params).toBeUndefined();
  });
});
