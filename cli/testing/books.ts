// Books for tests that add to the catalog: a fresh, valid ISBN-13 each time, so that
// tests never collide with the seed or with each other.
import { randomInt } from 'node:crypto';
import type { NewBook } from '../api/books.js';

export function freshIsbn(): string {
  const body = `979${String(randomInt(0, 1_000_000_000)).padStart(9, '0')}`;
  const sum = [...body].reduce((acc, d, i) => acc + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return body + ((10 - (sum % 10)) % 10);
}

export function newBook(title = `Test Book ${randomInt(1_000_000)}`): NewBook {
  return { isbn: freshIsbn(), title, authors: ['Test Author'], topic: 'testing', year: 2024, price: 19.99 };
}
