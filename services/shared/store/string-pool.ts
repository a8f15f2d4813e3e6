// JSON.parse gives every record its own copy of each string, though at 100,000 books the
// records share a handful of topics, statuses and seed times, and each record repeats the
// id its map already holds as a key. Pointing equal fields at one shared string keeps
// megabytes off the heap; each field is set to an equal string, so no reader sees a change.

/** `share(text)` returns the first string equal to `text` that it was given. */
export function stringPool(): (text: string) => string {
  const pool = new Map<string, string>();
  return (text) => {
    const known = pool.get(text);
    if (known !== undefined) return known;
    pool.set(text, text);
    return text;
  };
}
