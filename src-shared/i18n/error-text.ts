import type { ErrorKey } from '../error-keys.js';
import type { FerryErrorData } from '../errors.js';
import { enErrors, type ErrorText } from './errors-en.js';
import { ptBRErrors } from './errors-pt-br.js';

/** Engine error texts by message key, per locale. */
export const errorCatalogues = { en: enErrors, 'pt-BR': ptBRErrors } as const;

type Params = Record<string, string | number>;

/** Fills `{name}` placeholders; numbers go through the locale's formatter. */
export function fill(template: string, params: Params, number: (n: number) => string): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) return `{${name}}`;
    return typeof value === 'number' ? number(value) : value;
  });
}

/**
 * An error's English message and hint, from the catalogue: what the engine writes (logs, the CLI, `--json`).
 * Numbers are written plainly (1024); the interface formats them for its locale.
 */
export function englishText(key: ErrorKey, params: Params = {}): { message: string; hint: string } {
  const [message, hint] = enErrors[key];
  return { message: fill(message, params, String), hint: fill(hint, params, String) };
}

/**
 * An engine error in a language: its key's text with its params, or the engine's English message and hint
 * when the key is missing or unknown (an error made by the page, or recorded by an older version).
 */
export function errorText(
  error: FerryErrorData,
  locale: keyof typeof errorCatalogues,
  number: (n: number) => string,
): { message: string; hint: string } {
  const text: ErrorText | undefined = error.key
    ? (errorCatalogues[locale] as Record<string, ErrorText>)[error.key]
    : undefined;
  const params = error.params ?? {};
  const complete = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].every((m) => m[1]! in params);
  if (!text || !complete(text[0]) || !complete(text[1])) {
    return { message: error.message, hint: error.hint };
  }
  return { message: fill(text[0], params, number), hint: fill(text[1], params, number) };
}
