import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { FORMULA_STARTS, unescapeFormula } from './formula-escape.js';

describe('unescapeFormula()', () => {
  it("takes off exactly the ' that csv-stringify's escape_formulas put on, full-width starts included", () => {
    for (const start of FORMULA_STARTS) {
      const cell = `${start}SUM(1)`;
      const [[read]] = parse(stringify([[cell]], { escape_formulas: true })) as string[][];
      assert.notEqual(read, cell, `csv-stringify marks ${JSON.stringify(start)}`);
      assert.equal(unescapeFormula(read), cell, JSON.stringify(start));
    }
    assert.equal(unescapeFormula("'plain"), "'plain"); // a ' of its own stays
    assert.equal(unescapeFormula("'"), "'");
  });
});
