import { describe, expect, it } from 'vitest';
import { bucketNameProblem, objectKeyProblem, parseDuration } from '../../src-shared/s3-names.js';

describe('bucket name rules, as the user types', () => {
  it.each(['my-bucket', 'a.b.c', '123', 'x'.repeat(63)])('accepts %s', (name) => {
    expect(bucketNameProblem(name)).toBeNull();
  });

  it.each([
    ['ab', 'at least 3'],
    ['x'.repeat(64), 'at most 63'],
    ['Photos', 'uppercase'],
    ['a..b', 'two dots'],
    ['10.0.0.1', 'IP address'],
    ['a_b', 'only lowercase'],
    ['abc-', 'end with a letter or digit'],
    ['a.-b', 'next to a hyphen'],
    ['xn--abc', 'xn--'],
  ])('refuses %s: %s', (name, rule) => {
    expect(bucketNameProblem(name)?.message).toContain(rule);
  });
});

describe('object key rules', () => {
  it('counts the 1024-byte limit in UTF-8 bytes, not characters', () => {
    expect(objectKeyProblem('日'.repeat(341))).toBeNull();
    expect(objectKeyProblem('日'.repeat(342))?.message).toContain('1026 bytes');
  });

  it('accepts awkward but valid keys and folder markers', () => {
    for (const key of ['a b+c%d#e?f&g.txt', 'ünï/日本/', '..hidden', 'a/.b/c']) {
      expect(objectKeyProblem(key)).toBeNull();
    }
  });

  it.each(['./a', 'a/../b', 'a/./b', 'a//b', '/a', 'a\nb'])('refuses %j', (key) => {
    expect(objectKeyProblem(key)).not.toBeNull();
  });
});

describe('durations for link expiry', () => {
  it.each([
    ['90s', 90],
    ['10m', 600],
    ['12h', 43200],
    ['7d', 604800],
    ['1w', 604800],
    ['300', 300],
  ])('%s is %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 'ten minutes', '5y', '-1m', '1.5h'])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});
