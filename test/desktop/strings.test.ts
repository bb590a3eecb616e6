import { describe, expect, it } from 'vitest';
import { desktopCatalogues, desktopStrings } from '../../src-main/desktop/strings.js';

const en = desktopStrings('en', 'en-US');
const pt = desktopStrings('pt-BR', 'en-US');
const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('the desktop shell’s own text', () => {
  it('follows the language setting, or the system locale when it says system', () => {
    expect(en('open')).toBe('Open Ferry');
    expect(pt('open')).toBe('Abrir o Ferry');
    expect(desktopStrings('system', 'pt-PT')('open')).toBe('Abrir o Ferry');
    expect(desktopStrings('system', 'de-DE')('open')).toBe('Open Ferry');
  });

  it('fills the same parameters in both languages', () => {
    const { en: english, 'pt-BR': portuguese } = desktopCatalogues;
    for (const key of Object.keys(english) as (keyof typeof english)[]) {
      expect(placeholders(portuguese[key]), key).toEqual(placeholders(english[key]));
      expect(portuguese[key].trim(), key).not.toBe('');
    }
    expect(pt('done.upload.many', { count: 12, place: 'photos/2026/' })).toBe(
      '12 arquivos enviados para photos/2026/',
    );
  });
});
