// Generated catalogs for the benchmark, in data/seed/books.csv's format, so that
// `node dist/ops/setup.js` with SEED_DIR loads them exactly as it loads the real seed.
// Deterministic (a seeded generator), so two runs measure the same catalog.
import { stringify } from 'csv-stringify/sync';

export const CSV_COLUMNS = ['id', 'isbn', 'title', 'authors', 'topic', 'year', 'price', 'copies', 'stock'] as const;

export const TITLE_WORDS = `distributed systems design patterns practical guide modern art programming data
  network secure cloud native operating kernel database query engine compiler theory advanced
  introduction handbook essential learning machine language functional concurrent parallel
  reliable scalable architecture software engineering testing history science cooking garden
  river mountain silent empire ocean night winter summer`
  .split(/\s+/)
  .filter(Boolean);
export const FIRST_NAMES = 'alice bob carol dave erin frank grace heidi ivan judy olivia peggy rupert sybil trent victor'.split(' ');
export const SURNAMES = 'smith jones taylor brown wilson johnson davies robinson wright evans walker green hall wood kowalski nakamura okafor silva'.split(' ');
export const TOPICS = ['programming', 'databases', 'networking', 'science', 'fiction', 'history', 'cooking', 'distributed-systems'];

/** Copies to lend and units to sell of one book; books without an override get a few of each. */
export interface Stocking {
  copies: number;
  stock: number;
}

export function isbn13CheckDigit(first12: string): number {
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += Number(first12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

/** A distinct, valid ISBN-13 for book number n (1 ≤ n < 10^9). */
export function isbnFor(n: number): string {
  const first12 = `978${String(n).padStart(9, '0')}`;
  return first12 + isbn13CheckDigit(first12);
}

/** mulberry32: tiny, fast and good enough to spread words; Math.random would change every run. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const capital = (word: string) => word[0].toUpperCase() + word.slice(1);

export function generateRows(count: number, overrides: ReadonlyMap<number, Stocking> = new Map(), seed = 7): string[][] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
  const rows: string[][] = [];
  for (let n = 1; n <= count; n++) {
    const title = Array.from({ length: 2 + Math.floor(random() * 4) }, () => capital(pick(TITLE_WORDS))).join(' ');
    const authors = Array.from({ length: 1 + Math.floor(random() * 2) }, () => `${capital(pick(FIRST_NAMES))} ${capital(pick(SURNAMES))}`);
    const stocking = overrides.get(n) ?? { copies: 1 + (n % 3), stock: n % 25 };
    const cents = 500 + Math.floor(random() * 5000);
    rows.push([
      `bk-${n}`,
      isbnFor(n),
      title,
      authors.join(';'),
      pick(TOPICS),
      String(1950 + (n % 75)),
      String(cents / 100),
      String(stocking.copies),
      String(stocking.stock),
    ]);
  }
  return rows;
}

/** The whole books.csv text: the seed's header, then one row per book. */
export function booksCsv(count: number, overrides?: ReadonlyMap<number, Stocking>): string {
  return stringify(generateRows(count, overrides), { header: true, columns: [...CSV_COLUMNS] });
}
