// books import / export through the real client against the real catalog and inventory.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../test/support/http.js';
import { runCli } from '../run.js';
import { freshIsbn } from '../../test/fixtures/cli-books.js';
import { captureIo } from '../../test/fixtures/cli-io.js';
import { ADMIN_PASSWORD, useLibrary } from '../../test/fixtures/cli-services.js';

describe('books import and export', function () {
  this.timeout(60_000);
  const t = useLibrary();
  const dir = tempDir('library-import-');

  async function cli(argv: string[], input?: string) {
    const io = captureIo({ LIBRARY_URL: t.library.url, XDG_CONFIG_HOME: t.home, NO_COLOR: '1' }, input);
    const code = await runCli(argv, io);
    return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
  }
  const login = async () => assert.equal((await cli(['login', 'admin', '--password-stdin'], `${ADMIN_PASSWORD}\n`)).code, 0);
  const total = async () => (JSON.parse((await cli(['search', '--json', '--limit', '1'])).stdout) as { total: number }).total;

  /** 200 rows; lines 17, 88 and 150 (the header is line 1) are bad. */
  const isbns: string[] = [];
  function twoHundredRows(): string {
    const lines = ['isbn,title,authors,topic,year,price,copies,stock'];
    for (let i = 1; i <= 200; i++) {
      const line = i + 1;
      const isbn = line === 17 ? '9780000000000' : freshIsbn();
      isbns[i] = isbn;
      const title = line === 88 ? '' : `"Imported, volume ${i}"`;
      const copies = line === 150 ? '-1' : String(i % 3);
      lines.push([isbn, title, 'Ann Author;Bo Writer', 'testing', '2020', '12.50', copies, String(i % 2)].join(','));
    }
    return lines.join('\n') + '\n';
  }

  it('imports the good rows with copies and stock, names each bad line, exits 1; again adds nothing', async () => {
    await login();
    const file = path.join(dir, 'books.csv');
    writeFileSync(file, twoHundredRows());
    const before = await total();

    const first = await cli(['books', 'import', file]);
    assert.equal(first.code, 1, first.stderr);
    assert.equal((await total()) - before, 197);
    assert.match(first.stdout, /Added 197 books \(\d+ copies, 98 for sale\) from 200 rows/);
    assert.deepEqual([...first.stdout.matchAll(/^ {2}line (\d+): /gm)].map((m) => Number(m[1])), [17, 88, 150]);
    assert.match(first.stdout, /line 17: isbn: must be an ISBN/);
    assert.match(first.stdout, /line 150: copies: must be a whole number/);
    assert.match(first.stderr, /^library: 3 of 200 rows were refused/);

    const volume = JSON.parse((await cli(['search', isbns[5], '--json'])).stdout) as { items: { id: string; title: string; authors: string[] }[] };
    const five = volume.items[0];
    assert.equal(five.title, 'Imported, volume 5');
    assert.deepEqual(five.authors, ['Ann Author', 'Bo Writer']);
    const held = JSON.parse((await cli(['copies', 'list', five.id, '--json'])).stdout) as { copies: { total: number }; stock: number };
    assert.deepEqual([held.copies.total, held.stock], [2, 1]);

    const again = await cli(['books', 'import', file, '--json']);
    assert.equal(again.code, 1);
    const result = JSON.parse(again.stdout) as { added: unknown[]; existing: number; refused: { line: number }[] };
    assert.deepEqual([result.added.length, result.existing, result.refused.map((r) => r.line)], [0, 197, [17, 88, 150]]);
    assert.equal((await total()) - before, 197);
  });

  it('export writes what import reads back: a dry run of it refuses nothing and would add nothing', async () => {
    await login();
    const file = path.join(dir, 'export.csv');
    const exported = await cli(['books', 'export', '--output', file]);
    assert.equal(exported.code, 0, exported.stderr);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    assert.equal(lines[0], 'isbn,title,authors,topic,year,price,copies,stock');
    assert.equal(lines.length - 1, await total());
    const before = readFileSync(file, 'utf8');
    const dry = await cli(['books', 'import', file, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr + dry.stdout);
    assert.match(dry.stdout, new RegExp(`Dry run, nothing changed\\. Would add 0 books .* ${lines.length - 1} already in the catalog\\.`));
    assert.equal(readFileSync(file, 'utf8'), before);
  });

  it('a title or author that reads as a formula is exported with a leading \' and imported without it', async () => {
    await login();
    const isbn = freshIsbn();
    const file = path.join(dir, 'formula.csv');
    writeFileSync(file, `isbn,title,authors,topic,year,price,copies,stock\n${isbn},"'=HYPERLINK(""http://evil.example"",""x"")",'@ann;Bo,testing,,3.00,0,0\n`);
    assert.equal((await cli(['books', 'import', file])).code, 0);
    const book = (JSON.parse((await cli(['search', isbn, '--json'])).stdout) as { items: { title: string; authors: string[] }[] }).items[0];
    assert.deepEqual([book.title, book.authors], ['=HYPERLINK("http://evil.example","x")', ['@ann', 'Bo']]);
    const exported = path.join(dir, 'formula-export.csv');
    assert.equal((await cli(['books', 'export', '--output', exported])).code, 0);
    const line = readFileSync(exported, 'utf8').split('\n').find((l) => l.startsWith(isbn));
    assert.equal(line, `${isbn},"'=HYPERLINK(""http://evil.example"",""x"")",'@ann;Bo,testing,,3.00,0,0`);
  });

  it('a dry run of new books changes nothing', async () => {
    await login();
    const file = path.join(dir, 'new.csv');
    writeFileSync(file, `isbn,title,authors,topic,year,price,copies,stock\n${freshIsbn()},Dry,Someone,testing,,3.00,1,1\n`);
    const before = await total();
    const dry = await cli(['books', 'import', file, '--dry-run']);
    assert.equal(dry.code, 0, dry.stderr);
    assert.match(dry.stdout, /Would add 1 book \(1 copy, 1 for sale\)/);
    assert.equal(await total(), before);
  });

  it('a wrong header is bad usage (exit 2) and changes nothing', async () => {
    await login();
    const file = path.join(dir, 'bad-header.csv');
    writeFileSync(file, `isbn,title\n${freshIsbn()},X\n`);
    const run = await cli(['books', 'import', file]);
    assert.equal(run.code, 2, run.stderr);
    assert.match(run.stderr, /header row must be isbn,title,authors,topic,year,price,copies,stock \(missing authors/);
  });
});
