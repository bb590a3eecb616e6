import { describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/lib/i18n/en.js';
import { ptBR } from '../../src-renderer/lib/i18n/pt-br.js';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('the interface catalogues', () => {
  it('have the same keys in English and Brazilian Portuguese', () => {
    expect(Object.keys(ptBR).sort()).toEqual(Object.keys(en).sort());
  });

  it('have no empty messages', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(ptBR)]) {
      expect(text.trim(), key).not.toBe('');
    }
  });

  it('use the same parameters in both languages', () => {
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(ptBR[key]), key).toEqual(placeholders(en[key]));
    }
  });
});
