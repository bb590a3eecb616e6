import type { FerryErrorData } from '../../../src-shared/errors.js';
import { en, type MessageKey } from './en.js';
import { enErrors, type ErrorText } from './errors-en.js';
import { ptBRErrors } from './errors-pt-br.js';
import { pluralForm } from './plural.js';
import { ptBR } from './pt-br.js';

export const catalogues = { en, 'pt-BR': ptBR } as const;
/** Engine error texts by message key, per locale. */
export const errorCatalogues = { en: enErrors, 'pt-BR': ptBRErrors } as const;
export type Locale = keyof typeof catalogues;
export const locales = Object.keys(catalogues) as Locale[];
export type { MessageKey };

/** Picks the closest supported locale for a BCP 47 tag (any Portuguese → pt-BR). */
export function matchLocale(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
}

/** The OS language as the page sees it. */
export function systemLocale(): Locale {
  return matchLocale(typeof navigator === 'undefined' ? undefined : navigator.language);
}

/** Every string the interface shows goes through here. */
export class I18n {
  locale = $state<Locale>(systemLocale());

  /** The message for a key in the current locale, with `{param}` filled in. */
  t = (key: MessageKey, params: Record<string, string | number> = {}): string =>
    this.#fill(
      pluralForm(catalogues[this.locale][key] ?? en[key], params['count'], this.locale),
      params,
    );

  /**
   * An engine error in the current language: its key's text with its params, or the engine's English
   * message and hint when the key is missing or unknown (an error made by the page, or an older journal).
   */
  error = (error: FerryErrorData): { message: string; hint: string } => {
    const text: ErrorText | undefined = error.key
      ? (errorCatalogues[this.locale] as Record<string, ErrorText>)[error.key]
      : undefined;
    const params = error.params ?? {};
    const complete = (t: string) => [...t.matchAll(/\{(\w+)\}/g)].every((m) => m[1]! in params);
    if (!text || !complete(text[0]) || !complete(text[1])) {
      return { message: error.message, hint: error.hint };
    }
    return { message: this.#fill(text[0], params), hint: this.#fill(text[1], params) };
  };

  #fill(template: string, params: Record<string, string | number>): string {
    return template.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) return `{${name}}`;
      return typeof value === 'number' ? this.number(value) : value;
    });
  }

  /** Formats a date for the current locale. */
  date = (iso: string): string =>
    new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' }).format(Date.parse(iso));

  /** Formats a date and time for the current locale. */
  dateTime = (iso: string): string =>
    new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
      Date.parse(iso),
    );

  /** Formats a number with the locale's separators. */
  number = (value: number): string => new Intl.NumberFormat(this.locale).format(value);

  /** Switches the language; `system` follows the OS. */
  set(choice: Locale | 'system'): void {
    this.locale = choice === 'system' ? systemLocale() : choice;
    document.documentElement.lang = this.locale;
  }
}

export const i18n = new I18n();
