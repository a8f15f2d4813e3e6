import assert from 'node:assert/strict';
import { isbnNeedle, normalizeIsbn } from './isbn.js';

describe('normalizeIsbn()', () => {
  const cases: [string, string | null, string][] = [
    ['9780132350884', '9780132350884', 'an ISBN-13 as digits'],
    ['978-0-13-235088-4', '9780132350884', 'an ISBN-13 with hyphens'],
    ['978 0 13 235088 4', '9780132350884', 'an ISBN-13 with spaces'],
    ['0132350882', '9780132350884', 'an ISBN-10, turned into its ISBN-13'],
    ['0-201-63361-2', '9780201633610', 'an ISBN-10 with hyphens'],
    ['080442957X', '9780804429573', 'an ISBN-10 whose check digit is X'],
    ['080442957x', '9780804429573', 'a lower-case x'],
    ['9780132350885', null, 'an ISBN-13 with a wrong check digit'],
    ['0132350883', null, 'an ISBN-10 with a wrong check digit'],
    ['1234567890123', null, 'thirteen digits without the 978/979 prefix'],
    ['978013235088', null, 'twelve digits'],
    ['97801323508845', null, 'fourteen digits'],
    ['978013235088X', null, 'an X in an ISBN-13'],
    ['ISBN 9780132350884', null, 'a label in front'],
    ['', null, 'nothing'],
  ];
  for (const [input, expected, what] of cases) {
    it(`${expected ? 'accepts' : 'refuses'} ${what}`, () => {
      assert.equal(normalizeIsbn(input), expected);
    });
  }
});

describe('isbnNeedle()', () => {
  it('keeps the digits of a part of an ISBN', () => {
    assert.equal(isbnNeedle('978-0-13'), '978013');
  });

  it('looks for the ISBN-13 of a whole ISBN-10', () => {
    assert.equal(isbnNeedle('0-13-235088-2'), '9780132350884');
  });

  it('is null for words, and for fewer than three digits', () => {
    assert.equal(isbnNeedle('clean code'), null);
    assert.equal(isbnNeedle('97'), null);
  });
});
