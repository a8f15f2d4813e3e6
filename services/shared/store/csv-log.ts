// An append-only CSV file (order log, loan history). Rows are written with
// csv-stringify, formulas escaped so a spreadsheet never runs a cell, and fsynced
// (group commit) before append() resolves. A failed append breaks the log as it breaks a
// journal (group-commit.ts): refused with 503 until cut back and re-armed. A torn last
// row or a torn header, which can only be an append nobody was told about, is cut off when
// the log is opened — a quoted field may hold newlines, so rows end at an unquoted one.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { AppendFile, type Faults } from './append-file.js';
import { NEWLINE } from './bytes.js';
import { fsyncDir } from './durable-file.js';
import { GroupCommit } from './group-commit.js';
import { makePrivateDir } from './modes.js';
import { registerStore, unregisterStore, type StoreStats } from './registry.js';
import { StoreCorrupt } from './snapshot-file.js';

export type CsvRow = Record<string, string | number>;

export class CsvLog {
  private constructor(
    readonly file: string,
    readonly columns: readonly string[],
    private readonly sink: AppendFile,
    private readonly commits: GroupCommit,
  ) {}

  /**
   * `check` reads the whole file once at opening (its complete rows, header included) and
   * throws StoreCorrupt if it cannot; by default the rows are parsed as CSV. A caller that
   * indexes the file (loans' history) passes its own scan, so the file is parsed once.
   */
  static async open(file: string, columns: readonly string[], faults: Faults = {}, check?: (contents: Buffer) => void): Promise<CsvLog> {
    makePrivateDir(path.dirname(file));
    const sink = await AppendFile.open(file, 'csv', faults);
    const log = new CsvLog(file, columns, sink, new GroupCommit(sink));
    try {
      await log.init(check);
    } catch (error) {
      await sink.close();
      throw error;
    }
    registerStore(log);
    return log;
  }

  static format(rows: CsvRow[], columns: readonly string[], header = false): string {
    return stringify(rows, { columns: [...columns], header, escape_formulas: true, record_delimiter: '\n' });
  }

  /** Resolves once the rows are on disk; rejects (StorageUnavailable) if they never get there. */
  append(rows: CsvRow[]): Promise<void> {
    return this.commits.append(CsvLog.format(rows, this.columns));
  }

  async readAll(): Promise<Record<string, string>[]> {
    await this.commits.idle();
    const bytes = await readFile(this.file);
    // Only what is known to be on disk: a failed append's leftovers wait for the repair.
    return CsvLog.parseText(bytes.subarray(0, this.sink.goodLength).toString('utf8'), this.file);
  }

  static parseText(text: string, file: string): Record<string, string>[] {
    try {
      return parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    } catch (error) {
      throw new StoreCorrupt(`${file} is not valid CSV: ${(error as Error).message}`);
    }
  }

  stats(): StoreStats {
    const t = this.commits.times;
    const broken = this.commits.broken?.detail ?? null;
    return { file: this.file, kind: 'csv', flushes: t.count, flushSeconds: t.list(), journalBytes: this.sink.goodLength, snapshotBytes: 0, compactions: 0, broken };
  }

  async close(): Promise<void> {
    unregisterStore(this);
    await this.commits.idle();
    await this.commits.stop();
    await this.sink.close();
  }

  private async init(check?: (contents: Buffer) => void): Promise<void> {
    // Bytes, not text: the file is checked and indexed as it lies (a 24 MB history decoded
    // to a string and copied back was a third of loans' peak memory at start).
    const bytes = await readFile(this.file);
    const header = this.columns.join(',');
    const complete = endOfLastRow(bytes);
    if (complete === 0) {
      // Empty, or a header torn while the log was created: start it again.
      const text = bytes.toString('utf8');
      if (text.length > 0 && !header.startsWith(text)) throw new StoreCorrupt(`${this.file} starts with "${text.slice(0, 80)}", expected the header "${header}"`);
      await this.sink.truncate(0);
      await this.sink.write(CsvLog.format([], this.columns, true));
      await fsyncDir(path.dirname(this.file));
      check?.(Buffer.from(CsvLog.format([], this.columns, true)));
      return;
    }
    const found = bytes.toString('utf8', 0, bytes.indexOf(NEWLINE));
    if (found !== header) throw new StoreCorrupt(`${this.file} has the header "${found}", expected "${header}"`);
    const kept = bytes.subarray(0, complete);
    // A crash tears the last append: what follows the last whole row stops in the middle of it
    // (perhaps just after a line break inside a quoted title). Whole rows after a quote that
    // never closes are something else (an edit or a bad disk, not a crash): cutting them would
    // drop rows that were acknowledged, so the file is refused, naming the line.
    if (complete < bytes.length && wholeRowsFollow(bytes.subarray(complete), this.columns.length)) {
      const line = countNewlines(kept) + 1;
      throw new StoreCorrupt(`${this.file} line ${line}: a quote opened in this row is never closed, so the rows after it do not parse; the file is not what the service wrote`);
    }
    if (check) check(kept);
    else CsvLog.parseText(kept.toString('utf8'), this.file);
    if (complete < bytes.length) await this.sink.truncate(complete);
  }
}

/**
 * Whether the rest after the last whole row has, past its first line, a line that reads on
 * its own as a whole row of `columns` fields: the rows after a stray quote. A torn append's
 * later lines are the rest of one quoted field, which does not (it would need as many commas
 * as the row has columns, unquoted).
 */
function wholeRowsFollow(rest: Buffer, columns: number): boolean {
  const lines = rest.toString('utf8').split('\n').slice(1);
  return lines.some((line) => {
    if (line === '') return false;
    try {
      const rows = parse(line) as string[][];
      return rows.length === 1 && rows[0].length === columns;
    } catch {
      return false;
    }
  });
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(NEWLINE); at !== -1; at = bytes.indexOf(NEWLINE, at + 1)) count++;
  return count;
}

/** The index just after the last newline that is outside quotes: the end of the last whole row (in bytes for a Buffer). */
export function endOfLastRow(text: string | Buffer): number {
  // One pass over the quotes: outside quotes, the last newline before the next quote (or the
  // end) ends a row. Looking for the next quote from every newline instead would rescan a
  // file without quotes once per row (minutes for a 200,000-row history).
  let quoted = false;
  let end = 0;
  for (let at = 0; ; ) {
    const quote = text.indexOf('"', at);
    if (!quoted) {
      const stop = quote === -1 ? text.length : quote;
      const newline = stop > at ? text.lastIndexOf('\n', stop - 1) : -1;
      if (newline >= at) end = newline + 1;
    }
    if (quote === -1) return end;
    quoted = !quoted; // "" inside a quoted field toggles twice
    at = quote + 1;
  }
}
