// Book-keeping for writes whose outcome a crash may hide, and a cache of test tokens.
import { tokenFor } from '../support/tokens.js';

/**
 * The last value written to one key by one sequential writer. After an acknowledged
 * write, the key holds that value or one written after it whose answer was lost.
 */
export class LastWrites<V> {
  private readonly keys = new Map<string, { acked?: V; unknown: V[] }>();

  private entry(key: string) {
    let entry = this.keys.get(key);
    if (!entry) this.keys.set(key, (entry = { unknown: [] }));
    return entry;
  }

  acked(key: string, value: V): void {
    const entry = this.entry(key);
    entry.acked = value;
    entry.unknown = [];
  }

  unknown(key: string, value: V): void {
    this.entry(key).unknown.push(value);
  }

  /** Keys with an acknowledged write, and the values each may hold now. */
  *expectations(): Iterable<[string, V[]]> {
    for (const [key, { acked, unknown }] of this.keys) if (acked !== undefined) yield [key, [acked, ...unknown]];
  }

  get ackedCount(): number {
    return [...this.keys.values()].filter((e) => e.acked !== undefined).length;
  }
}

const tokens = new Map<string, Promise<string>>();

/**
 * A member's (or librarian's) token, signed once per name. Only for an account that exists
 * (with token version 0): services refuse a token for nobody. LiveStack.member makes one.
 */
export function token(username: string, role: 'member' | 'librarian' = 'member'): Promise<string> {
  const key = `${role}:${username}`;
  let found = tokens.get(key);
  if (!found) tokens.set(key, (found = tokenFor(username, role)));
  return found;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];

/** Polls `probe` until it returns null (all good) or the time is up; returns the last complaint. */
export async function eventually(probe: () => Promise<string | null>, timeoutMs: number): Promise<string | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const complaint = await probe();
    if (complaint === null || Date.now() > deadline) return complaint;
    await sleep(200);
  }
}
