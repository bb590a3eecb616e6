import { en, type MessageKey } from './en.js';
import { ptBR } from './pt-br.js';

export const catalogues = { en, 'pt-BR': ptBR } as const;
export type Locale = keyof typeof catalogues;
export const locales = Object.keys(catalogues) as Locale[];

/** Picks the closest supported locale for a BCP 47 tag (any Portuguese → pt-BR). */
export function matchLocale(tag: string | undefined): Locale {
  return tag?.toLowerCase().startsWith('pt') ? 'pt-BR' : 'en';
}

/** Every string the interface shows goes through here. */
export class I18n {
  locale = $state<Locale>(
    matchLocale(typeof navigator === 'undefined' ? undefined : navigator.language),
  );

  /** The message for a key in the current locale, with `{param}` filled in. */
  t = (key: MessageKey, params: Record<string, string | number> = {}): string => {
    const template: string = catalogues[this.locale][key] ?? en[key];
    return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  };

  /** Formats a date for the current locale. */
  date = (iso: string): string =>
    new Intl.DateTimeFormat(this.locale, { dateStyle: 'medium' }).format(Date.parse(iso));

  set(locale: Locale): void {
    this.locale = locale;
    document.documentElement.lang = locale;
  }
}

export const i18n = new I18n();
