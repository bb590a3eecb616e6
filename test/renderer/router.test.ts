import { describe, expect, it } from 'vitest';
import {
  formatLocation,
  mouseHistoryStep,
  parseLocation,
  type AppLocation,
} from '../../src-renderer/lib/router.js';

describe('locations in the URL', () => {
  const folder: AppLocation = {
    view: 'objects',
    profileId: 'p-1',
    bucket: 'photos',
    prefix: 'año 2026/#1 & más?/',
  };

  it('round-trips a folder whose name holds characters URLs treat specially', () => {
    const hash = formatLocation(folder);
    expect(hash).toMatch(/^#\/objects\?/);
    expect(parseLocation(hash)).toEqual(folder);
  });

  it('names every screen, with the connection', () => {
    for (const view of ['connections', 'buckets', 'transfers', 'watches', 'settings'] as const) {
      const location: AppLocation = { view, profileId: 'p', bucket: null, prefix: '' };
      expect(parseLocation(formatLocation(location))).toEqual(location);
    }
  });

  it('ignores fragments that name no location, and completes a folder without its slash', () => {
    for (const hash of ['', '#', '#/nowhere', '#/objects?c=p', 'x#/buckets'])
      expect(parseLocation(hash)).toBeNull();
    expect(parseLocation('#/objects?c=p&b=b&p=a/b')?.prefix).toBe('a/b/');
  });

  it('steps through history on mouse buttons 3 and 4 only in the desktop window off Windows', () => {
    expect(mouseHistoryStep(3, true, 'linux')).toBe(-1);
    expect(mouseHistoryStep(4, true, 'darwin')).toBe(1);
    expect(mouseHistoryStep(0, true, 'linux')).toBe(0);
    expect(mouseHistoryStep(3, false, 'linux')).toBe(0);
    expect(mouseHistoryStep(3, true, 'win32')).toBe(0);
  });
});
