/**
 * Messages written `singular | plural` pick their form by `count` with the locale's plural rules. Zero
 * takes the plural in every language we ship: CLDR files Portuguese 0 under "one", but "0 itens" is what
 * Brazilian readers expect, as English readers expect "0 items".
 */
export function pluralForm(template: string, count: unknown, locale: string): string {
  const forms = template.split(' | ');
  if (forms.length !== 2 || typeof count !== 'number') return template;
  if (count === 0) return forms[1]!;
  return new Intl.PluralRules(locale).select(count) === 'one' ? forms[0]! : forms[1]!;
}
