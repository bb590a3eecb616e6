import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { safeLocalPath } from '../../../src-main/engine/transfer/local-path.js';

describe('local paths for downloaded keys', () => {
  const folder = path.resolve('/tmp/ferry-dest');
  it('keeps ordinary keys under the folder, relative to the base', () => {
    expect(safeLocalPath(folder, 'photos/2024/a.jpg', 'photos/')).toEqual({
      file: path.join(folder, '2024', 'a.jpg'),
      note: null,
    });
  });

  it('refuses keys that climb out of the folder', () => {
    for (const key of ['../x', 'a/../../b', '..\\x', 'a/..']) {
      expect(() => safeLocalPath(folder, key)).toThrow(/outside the chosen folder/);
    }
  });

  it('makes absolute and drive-letter keys relative, and says so', () => {
    expect(safeLocalPath(folder, '/etc/x')).toEqual({
      file: path.join(folder, 'etc', 'x'),
      note: {
        text: 'The key "/etc/x" was saved as "etc/x" inside the folder.',
        key: 'keyRenamed',
        params: { key: '/etc/x', shown: 'etc/x' },
      },
    });
    expect(safeLocalPath(folder, 'C:\\x').file).toBe(path.join(folder, 'x'));
    expect(safeLocalPath(folder, 'a|b?.txt').file).toBe(path.join(folder, 'a_b_.txt'));
  });

  it('says so whenever the saved path reads differently from the key', () => {
    for (const [key, shown] of [
      ['a//b', 'a/b'],
      ['./z', 'z'],
      ['d/.', 'd'],
      ['win\\path.txt', 'win/path.txt'],
    ]) {
      expect(safeLocalPath(folder, key!).note?.text).toBe(
        `The key "${key}" was saved as "${shown}" inside the folder.`,
      );
    }
    expect(safeLocalPath(folder, 'photos/a b.jpg', 'photos/').note).toBeNull();
  });
});
