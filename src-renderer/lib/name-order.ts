/**
 * A name's place in natural order, ignoring case and accents ("file2" before "File10", "Água" among the
 * a's), as a plain string. Intl.Collator with `numeric` orders the same for Latin names, but sorting a
 * 100,000-object folder with it took 0.6–2.4 s here, at every page of a streamed listing; these keys are
 * made once per entry and compared as strings.
 */
export function nameSortKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\d+/g, (digits) => digits.replace(/^0+(?=\d)/, '').padStart(20, '0'));
}
