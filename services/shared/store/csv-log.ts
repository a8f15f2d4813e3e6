// An append-only CSV file (order log, loan history). Rows are written with
// csv-stringify, formulas escaped so a spreadsheet never runs a cell, and fsynced
// (group commit) before append() resolves. A torn last line, which can only be an
// append nobody was told about, is cut off when the log is opened.
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { mkdirSync } from 'node:fs';
import { open, readFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir } from './durable-file.js';
import { GroupCommit } from './group-commit.js';
import { StoreCorrupt } from './json-store.js';
import { registerStore, unregisterStore, type StoreStats } from './registry.js';

export type CsvRow = Record<string, string | number>;

export class CsvLog {
  private handle!: FileHandle;
  private bytes = 0;
  private readonly commits: GroupCommit;

  private constructor(
    readonly file: string,
    readonly columns: readonly string[],
  ) {
    this.commits = new GroupCommit(
      async (chunk) => {
        await this.handle.appendFile(chunk);
        await this.handle.datasync();
        this.bytes += Buffer.byteLength(chunk);
      },
      async () => {},
      { file, kind: 'csv' },
    );
  }

  static async open(file: string, columns: readonly string[]): Promise<CsvLog> {
    mkdirSync(path.dirname(file), { recursive: true });
    const log = new CsvLog(file, columns);
    await log.init();
    log.bytes = (await log.handle.stat()).size;
    registerStore(log);
    return log;
  }

  static format(rows: CsvRow[], columns: readonly string[], header = false): string {
    return stringify(rows, { columns: [...columns], header, escape_formulas: true, record_delimiter: '\n' });
  }

  append(rows: CsvRow[]): Promise<void> {
    return this.commits.append(CsvLog.format(rows, this.columns));
  }

  async readAll(): Promise<Record<string, string>[]> {
    await this.commits.idle();
    return CsvLog.parseText(await readFile(this.file, 'utf8'), this.file);
  }

  static parseText(text: string, file: string): Record<string, string>[] {
    try {
      return parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
    } catch (error) {
      throw new StoreCorrupt(`${file} is not valid CSV: ${(error as Error).message}`);
    }
  }

  /** Flush counts and times and the file's size, for metrics (see README.md here). */
  stats(): StoreStats {
    const t = this.commits.times;
    return { file: this.file, kind: 'csv', flushes: t.count, flushSeconds: t.list(), journalBytes: this.bytes, snapshotBytes: 0, compactions: 0, broken: null };
  }

  async close(): Promise<void> {
    unregisterStore(this);
    await this.commits.idle();
    await this.handle.close().catch(() => {});
  }

  private async init(): Promise<void> {
    this.handle = await open(this.file, 'a+');
    const text = await readFile(this.file, 'utf8');
    if (text.length === 0) {
      await this.handle.appendFile(CsvLog.format([], this.columns, true));
      await this.handle.datasync();
      await fsyncDir(path.dirname(this.file));
      return;
    }
    const complete = text.lastIndexOf('\n') + 1;
    if (complete < text.length) {
      await this.handle.truncate(Buffer.byteLength(text.slice(0, complete)));
      await this.handle.datasync();
    }
    const header = text.slice(0, text.indexOf('\n'));
    if (header !== this.columns.join(',')) {
      throw new StoreCorrupt(`${this.file} has the header "${header}", expected "${this.columns.join(',')}"`);
    }
    CsvLog.parseText(text.slice(0, complete), this.file);
  }
}
