import { describe, expect, it } from 'vitest';
import { en } from '../../src-renderer/lib/i18n/en.js';
import { pluralForm } from '../../src-renderer/lib/i18n/plural.js';
import { ptBR } from '../../src-renderer/lib/i18n/pt-br.js';

/** The parameters a message uses (each once, though singular and plural forms may both use it). */
const placeholders = (text: string): string[] =>
  [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? ''))].sort();

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

describe('the i18n layer', () => {
  it('picks the singular or plural form by count, in each language, and the plural for zero', () => {
    expect(pluralForm(en['browser.count'], 1, 'en')).toBe('{count} item');
    expect(pluralForm(en['browser.count'], 100_000, 'en')).toBe('{count} items');
    expect(pluralForm(ptBR['browser.count'], 1, 'pt-BR')).toBe('{count} item');
    expect(pluralForm(ptBR['browser.count'], 2, 'pt-BR')).toBe('{count} itens');
    expect(pluralForm(ptBR['browser.count'], 0, 'pt-BR')).toBe('{count} itens');
    expect(pluralForm(en['browser.count'], 0, 'en')).toBe('{count} items');
    expect(pluralForm('no forms here', 1, 'en')).toBe('no forms here');
  });

  it('has one or two forms per message, never a stray separator', () => {
    for (const [key, text] of [...Object.entries(en), ...Object.entries(ptBR)]) {
      expect(text.split(' | ').length, key).toBeLessThanOrEqual(2);
    }
  });
});
