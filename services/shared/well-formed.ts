// Strings that are not well-formed UTF-16: a lone (unpaired) surrogate, which JSON's
// "\ud800" escape can carry. Such a string has no UTF-8 form, so it can name no record,
// cannot be put in a URL (encodeURIComponent throws) and would be stored mangled.
// With the u flag, a proper pair is one astral code point; only a lone half is in Cs.
const LONE_SURROGATE = /\p{Cs}/u;

export function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/** The path to the first ill-formed string (key or value) in a parsed JSON value, or null. */
export function illFormedPath(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return isWellFormed(value) ? null : path || '(body)';
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = illFormedPath(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isWellFormed(key)) return `${path}.(a key)`;
      const found = illFormedPath(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return null;
}
