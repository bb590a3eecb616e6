import { describe, expect, it } from 'vitest';
import { bucketRel, targetKeyProblem } from '../../../src-main/engine/sync/bucket-pair.js';

describe('bucket → bucket key mapping', () => {
  it('keeps every key suffix as it is: dot segments, "//", a backslash, trailing slashes, the prefix marker', () => {
    for (const suffix of ['a/../b.txt', '../x', './x', '/x', 'a\\b', 'trail/', 'ü ✓', '']) {
      expect(bucketRel('big/', `big/${suffix}`)).toBe(suffix);
    }
    expect(bucketRel('big/', 'bigger/x')).toBeUndefined();
  });

  it('refuses only what S3 cannot hold: an empty key, or one past 1,024 bytes', () => {
    expect(targetKeyProblem('k', 'x'.repeat(1024))).toBeUndefined();
    expect(targetKeyProblem('k', 'x'.repeat(1025))?.key).toBe('sync.targetKey.tooLong');
    // Bytes, not characters: 512 two-byte letters fit, one more does not.
    expect(targetKeyProblem('k', 'é'.repeat(512))).toBeUndefined();
    expect(targetKeyProblem('k', `é`.repeat(512) + 'x')?.params).toEqual({ key: 'k', bytes: 1025 });
    expect(targetKeyProblem('big/', '')?.key).toBe('sync.targetKey.empty');
    expect(targetKeyProblem('big/../x', 'dst/../x')).toBeUndefined();
  });
});
