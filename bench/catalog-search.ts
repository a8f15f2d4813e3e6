// A quick measure of the search index at scale:
//   node dist/bench/catalog-search.js [books] [uncached]
// Builds an index of generated books and times typical queries (in-process, no HTTP).
import { isbn13CheckDigit } from '../services/catalog/isbn.js';
import { SearchIndex } from '../services/catalog/search-index.js';
import type { Book } from '../services/contracts/catalog.js';

const WORDS = `distributed systems design patterns practical guide modern art programming data
  network secure cloud native operating kernel database query engine compiler theory
  advanced introduction handbook essential learning deep machine language functional
  concurrent parallel reliable scalable architecture software engineering testing agile
  history science cooking garden river mountain silent empire ocean night winter summer`
  .split(/\s+/)
  .filter(Boolean);
const NAMES = `alice bob carol dave erin frank grace heidi ivan judy mallory niaj olivia peggy rupert
  sybil trent victor walter xavier yolanda zed`.split(/\s+/).filter(Boolean);
const SURNAMES = `smith jones taylor brown williams wilson johnson davies robinson wright thompson evans
  walker white roberts green hall wood jackson clarke kowalski nakamura okafor silva`.split(/\s+/).filter(Boolean);
const TOPICS = ['programming', 'databases', 'networking', 'science', 'fiction', 'history', 'cooking', 'distributed-systems'];

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
const cap = (word: string) => word[0].toUpperCase() + word.slice(1);

export function generateBooks(count: number): Book[] {
  const at = new Date().toISOString();
  return Array.from({ length: count }, (_, i) => {
    const first12 = `979${String(i + 1).padStart(9, '0')}`;
    const words = Array.from({ length: 2 + Math.floor(random() * 5) }, () => cap(pick(WORDS)));
    const authors = Array.from({ length: 1 + Math.floor(random() * 2) }, () => `${cap(pick(NAMES))} ${cap(pick(SURNAMES))}`);
    const book: Book = { id: `bk-${i + 1}`, isbn: first12 + isbn13CheckDigit(first12), title: words.join(' '), authors, topic: pick(TOPICS), price: 10 + (i % 50), createdAt: at, updatedAt: at };
    return book;
  });
}

function time(label: string, queries: object[], index: SearchIndex, rounds = 2000, offset = 0): void {
  let hits = 0;
  // CPU time, not wall time: other processes on a shared machine do not count.
  const started = process.cpuUsage();
  for (let i = 0; i < rounds; i++) hits += index.search(queries[i % queries.length], { limit: 20, offset }).total;
  const used = process.cpuUsage(started);
  const ms = (used.user + used.system) / 1000 / rounds;
  console.log(`${label.padEnd(34)} ${(ms * 1000).toFixed(1).padStart(8)} µs cpu/query  ${(1000 / ms).toFixed(0).padStart(7)} q/s  avg total ${(hits / rounds).toFixed(0)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const count = Number(process.argv[2] ?? 100_000);
  const books = generateBooks(count);
  // Typed arrays live outside the JS heap: count them too.
  const used = () => process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const heapBefore = used();
  const cached = process.argv[3] !== 'uncached';
  let started = performance.now();
  const index = new SearchIndex(books, cached ? {} : { cacheBytes: 0 });
  console.log(`${count} books: index built in ${(performance.now() - started).toFixed(0)} ms, +${((used() - heapBefore) / 2 ** 20).toFixed(0)} MiB heap; answers ${cached ? 'kept' : 'not kept'}`);
  time('q = one title word', WORDS.map((q) => ({ q })), index);
  time('q = two title words', WORDS.map((w, i) => ({ q: `${w} ${WORDS[(i * 7) % WORDS.length]}` })), index);
  time('q = author surname', SURNAMES.map((q) => ({ q })), index);
  time('q = full author name', NAMES.map((n, i) => ({ q: `${n} ${SURNAMES[i]}` })), index);
  time('q = ISBN with hyphens', books.slice(0, 500).map((b) => ({ q: `${b.isbn.slice(0, 3)}-${b.isbn.slice(3, 7)}-${b.isbn.slice(7)}` })), index);
  time('q = two letters', ['at', 'en', 'qu', 'ze'].map((q) => ({ q })), index, 200);
  time('q = one letter, page at 90,000', [{ q: 'a' }], index, 200, 90_000);
  time('topic only', TOPICS.map((topic) => ({ topic })), index, 200);
  time('q + topic', WORDS.map((q, i) => ({ q, topic: TOPICS[i % TOPICS.length] })), index);
  time('no filter (first page)', [{}], index);
  time('q = no match', [{ q: 'zzqx' }, { q: 'xylophone' }], index);
  started = performance.now();
  for (let i = 0; i < 200; i++) index.upsert({ ...books[i * 10], title: `Renamed ${i}` });
  console.log(`upsert (rename) ${(((performance.now() - started) / 200) * 1000).toFixed(0)} µs each`);
  time('q after writes (rank refresh)', [{ q: 'renamed' }], index, 50);
}
