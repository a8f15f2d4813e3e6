// Strings that are not well-formed UTF-16: a lone (unpaired) surrogate, which JSON's
// "\ud800" escape can carry. Such a string has no UTF-8 form, so it can name no record,
// cannot be put in a URL (encodeURIComponent throws) and would be stored mangled.
// With the u flag, a proper pair is one astral code point; only a lone half is in Cs.
const LONE_SURROGATE = /\p{Cs}/u;

export function isWellFormed(value: string): boolean {
  return !LONE_SURROGATE.test(value);
}

/**
 * The path to the first ill-formed string (key or value) in a parsed JSON value, or null.
 * Walked with a stack of its own, not by recursion: a 60 KB body can nest 30,000 arrays
 * deep, which would overflow the call stack (a 500) before any schema could refuse it.
 */
export function illFormedPath(value: unknown): string | null {
  const pending: [unknown, string][] = [[value, '']];
  while (pending.length > 0) {
    const [item, path] = pending.pop()!;
    if (typeof item === 'string') {
      if (!isWellFormed(item)) return path || '(body)';
    } else if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) pending.push([item[i], `${path}[${i}]`]);
    } else if (item && typeof item === 'object') {
      const entries = Object.entries(item);
      for (const [key] of entries) if (!isWellFormed(key)) return `${path}.(a key)`;
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, child] = entries[i];
        pending.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
  return null;
}
