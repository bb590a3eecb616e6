import type { FerryErrorData } from '../../../src-shared/errors.js';
import { en, type MessageKey } from './en.js';
import { errorText, fill } from '../../../src-shared/i18n/error-text.js';
import { pluralForm } from './plural.js';
import { ptBR } from './pt-br.js';

export const catalogues = { en, 'pt-BR': ptBR } as const;
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
    fill(
      pluralForm(catalogues[this.locale][key] ?? en[key], params['count'], this.locale),
      params,
      this.number,
    );

  /** An engine error in the current language (its English text when its key is unknown). */
  error = (error: FerryErrorData): { message: string; hint: string } =>
    errorText(error, this.locale, this.number);

  /** Formats a date for the current locale. */
  date = (iso: string): string =>
    new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' }).format(Date.parse(iso));

  /** Formats a date and time for the current locale. */
  dateTime = (iso: string): string =>
    new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(
      Date.parse(iso),
    );

  /** A compact date and time for list columns (`21/11/2026, 03:21`; the full form is in Properties). */
  shortDateTime = (iso: string): string =>
    new Intl.DateTimeFormat(this.locale, { dateStyle: 'short', timeStyle: 'short' }).format(
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
