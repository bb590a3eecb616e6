/** Messages written `singular | plural` pick their form by `count` with the locale's plural rules. */
export function pluralForm(template: string, count: unknown, locale: string): string {
  const forms = template.split(' | ');
  if (forms.length !== 2 || typeof count !== 'number') return template;
  return new Intl.PluralRules(locale).select(count) === 'one' ? forms[0]! : forms[1]!;
}
