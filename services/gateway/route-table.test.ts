import assert from 'node:assert/strict';
import { hasPathTricks, publicLocation, routeFor, routeTemplate } from './route-table.js';

describe('gateway route table', () => {
  describe('publicLocation()', () => {
    const cases: [string, string][] = [
      ['/books/bk-7', '/api/books/bk-7'],
      ['/users/ann%20lee', '/api/users/ann%20lee'],
      ['/orders/ord-3', '/api/orders/ord-3'],
      ['/reservations/rsv-1', '/api/reservations/rsv-1'],
      ['/internal/copies/take', '/internal/copies/take'], // no route serves it: as it came
      ['https://example.org/books/bk-1', 'https://example.org/books/bk-1'],
      ['/api/books/bk-1', '/api/books/bk-1'], // already public (no "api" route)
    ];
    for (const [location, expected] of cases) it(`${location} → ${expected}`, () => assert.equal(publicLocation(location), expected));
  });

  describe('hasPathTricks()', () => {
    const cases: [string, boolean][] = [
      ['/api/books', false],
      ['/api/books/bk-1', false],
      ['/api/search/software-engineering', false],
      ['/api/books/bk-1.json', false],
      ['/api/books/a%20b', false],
      ['/api/..', true],
      ['/api/../internal/x', true],
      ['/api/./books', true],
      ['/api/books/.', true],
      ['/api/%2e%2e/internal', true],
      ['/api/%2E./internal', true],
      ['/api/books%2f..%2finternal', true],
      ['/api/books%5c..', true],
      ['/api/books\\x', true],
      ['/api/books/bk-1%00', true],
    ];
    for (const [path, tricky] of cases) {
      it(`${tricky ? 'refuses' : 'lets through'} ${path}`, () => assert.equal(hasPathTricks(path), tricky));
    }
  });

  it('routes a path by its first segment after /api, and nothing else', () => {
    assert.equal(routeFor('/api/books'), 'catalog');
    assert.equal(routeFor('/api/loans/ln-1/renew'), 'loans');
    assert.equal(routeFor('/api/internal/x'), null);
    assert.equal(routeFor('/api/bookshelf'), null);
    assert.equal(routeFor('/books'), null);
  });

  it('labels a path by its route, never by its ids', () => {
    assert.equal(routeTemplate('/api/books'), '/api/books');
    assert.equal(routeTemplate('/api/books/bk-7'), '/api/books/*');
    assert.equal(routeTemplate('/assets/app.js'), '/assets/*');
    assert.equal(routeTemplate('/metrics'), '/metrics');
    assert.equal(routeTemplate('/wp-admin'), 'other');
  });
});
