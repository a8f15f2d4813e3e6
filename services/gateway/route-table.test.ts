import assert from 'node:assert/strict';
import { hasPathTricks, routeFor, routeTemplate } from './route-table.js';

describe('gateway route table', () => {
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
