// ISBNs: people type them with hyphens or spaces, as ISBN-10 or ISBN-13; the catalog
// keeps one form, the 13 digits, so that uniqueness and search compare like with like.

/** The characters people put between ISBN groups. */
const SEPARATORS = /[\s-]/g;

export function isbn13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

export function isValidIsbn13(digits: string): boolean {
  return /^97[89]\d{10}$/.test(digits) && isbn13CheckDigit(digits) === Number(digits[12]);
}

export function isValidIsbn10(chars: string): boolean {
  if (!/^\d{9}[\dX]$/.test(chars)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += (chars[i] === 'X' ? 10 : Number(chars[i])) * (10 - i);
  return sum % 11 === 0;
}

/** The ISBN-13 digits of an ISBN-10 or ISBN-13 as typed, or null when it is not a valid one. */
export function normalizeIsbn(input: string): string | null {
  const compact = input.replace(SEPARATORS, '').toUpperCase();
  if (isValidIsbn13(compact)) return compact;
  if (isValidIsbn10(compact)) {
    const first12 = `978${compact.slice(0, 9)}`;
    return first12 + isbn13CheckDigit(first12);
  }
  return null;
}

/**
 * What a search for an ISBN looks for: the digits, with an ISBN-10 turned into its
 * ISBN-13; null when the query is not (part of) an ISBN. One or two digits would match
 * nearly every book, so a part must have at least three.
 */
export function isbnNeedle(query: string): string | null {
  const compact = query.replace(SEPARATORS, '').toUpperCase();
  if (!/^\d{3,}X?$/.test(compact)) return null;
  if (compact.length === 10 && isValidIsbn10(compact)) return normalizeIsbn(compact);
  return compact.endsWith('X') ? null : compact;
}
