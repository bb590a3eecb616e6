import { describe, expect, it } from 'vitest';
import { WatchOptions } from '../../../src-shared/contract/index.js';
import {
  assertNoOverlap,
  foldersOverlap,
  keyProblem,
  normalisePrefix,
  pathFilter,
} from '../../../src-main/engine/watch/rules.js';

const defaults = WatchOptions.parse({});

describe('watch rules', () => {
  it('excludes OS litter, temporary and partial files by default, at any depth', () => {
    const filter = pathFilter(defaults);
    for (const rel of [
      '.DS_Store',
      'a/b/Thumbs.db',
      'x.tmp',
      'docs/~$report.docx',
      '.~lock.sheet.ods#',
      'big.iso.part',
      'dl/file.crdownload',
      '.notes.txt.swp',
      'film.mkv.ferry-partial',
    ]) {
      expect(filter.accepts(rel, false), rel).toBe(false);
    }
    expect(filter.accepts('report.docx', false)).toBe(true);
    expect(filter.accepts('.config/app.json', false)).toBe(true);
  });

  it('applies custom excludes to whole folders and includes to files only', () => {
    const filter = pathFilter({
      ...defaults,
      exclude: ['node_modules', 'build/**'],
      include: ['**/*.jpg'],
    });
    expect(filter.accepts('node_modules', true)).toBe(false);
    expect(filter.accepts('src/node_modules', true)).toBe(false);
    expect(filter.accepts('build/out.jpg', false)).toBe(false);
    expect(filter.accepts('photos', true)).toBe(true);
    expect(filter.accepts('photos/a.jpg', false)).toBe(true);
    expect(filter.accepts('photos/a.png', false)).toBe(false);
  });

  it('leaves out a listed key under an excluded folder, as the walker leaves out the folder', () => {
    const filter = pathFilter({
      ...defaults,
      exclude: ['x/*', 'node_modules'],
      include: ['**/*.txt'],
    });
    // The walker never enters x/sub (it matches x/*) nor any node_modules folder.
    expect(filter.accepts('x/sub', true)).toBe(false);
    expect(filter.acceptsKey('x/sub/z.txt')).toBe(false);
    expect(filter.acceptsKey('x/sub/deeper/z.txt')).toBe(false);
    expect(filter.acceptsKey('x/top.txt')).toBe(false);
    expect(filter.acceptsKey('src/node_modules/a/readme.txt')).toBe(false);
    expect(filter.acceptsKey('keep.txt')).toBe(true);
    expect(filter.acceptsKey('y/x/sub/z.txt')).toBe(true);
    // Includes select by the key's own path; its folders stay open.
    expect(filter.acceptsKey('docs/a.png')).toBe(false);
    expect(filter.acceptsKey('docs/a.txt')).toBe(true);
  });

  it('lets the user turn the default excludes off', () => {
    expect(pathFilter({ ...defaults, defaultExcludes: false }).accepts('x.tmp', false)).toBe(true);
  });

  it('names the problem with keys S3 or RustFS refuse', () => {
    expect(keyProblem('a/../b')).toMatch(/"\.\." segment/);
    expect(keyProblem('a/./b')).toMatch(/"\." segment/);
    expect(keyProblem('a//b')).toMatch(/empty path segment/);
    expect(keyProblem('tab\there')).toMatch(/control character/);
    expect(keyProblem('x'.repeat(1025))).toMatch(/1,024 bytes/);
    expect(keyProblem('fotos/são paulo/ação.jpg')).toBeUndefined();
  });

  it('normalises prefixes to end in one slash', () => {
    expect(normalisePrefix('')).toBe('');
    expect(normalisePrefix('/backups/laptop')).toBe('backups/laptop/');
    expect(normalisePrefix('a/')).toBe('a/');
    expect(() => normalisePrefix('a/../b')).toThrow(/cannot be used/);
  });

  it('detects overlapping folders but not siblings with a common name prefix', () => {
    expect(foldersOverlap('/home/me/Photos', '/home/me/Photos')).toBe(true);
    expect(foldersOverlap('/home/me/Photos/2024', '/home/me/Photos')).toBe(true);
    expect(foldersOverlap('/home/me', '/home/me/Photos')).toBe(true);
    expect(foldersOverlap('/home/me/Photos', '/home/me/Photos-old')).toBe(false);
    expect(() => assertNoOverlap('/a/b', [{ id: 'w1', folder: '/a' }])).toThrow(/overlaps/);
  });
});
