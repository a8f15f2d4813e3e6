// Checks on a service's files after crashes: each must parse as what its name says.
import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/**
 * Every file of a store parses: a snapshot as JSON, each journal line as JSON (and the
 * journal ends with a whole line), a CSV log with csv-parse, header and all. Returns
 * how many files were checked, so a caller can tell an empty folder from a good one.
 */
export function assertFilesParse(dir: string): number {
  let checked = 0;
  for (const name of readdirSync(dir)) {
    const file = path.join(dir, name);
    const kind = statSync(file);
    if (kind.isDirectory()) {
      checked += assertFilesParse(file);
      continue;
    }
    if (!kind.isFile()) continue; // the lock is a socket (shared/store/lock.ts)
    const text = readFileSync(file, 'utf8');
    if (name.endsWith('.json')) assert.doesNotThrow(() => JSON.parse(text), file);
    else if (name.endsWith('.journal')) {
      assert.ok(text === '' || text.endsWith('\n'), `${file} ends with a whole line`);
      for (const line of text.split('\n').filter(Boolean)) assert.doesNotThrow(() => JSON.parse(line), `${file}: ${line}`);
    } else if (name.endsWith('.csv')) {
      assert.ok(text.endsWith('\n'), `${file} ends with a whole line`);
      assert.doesNotThrow(() => parse(text, { columns: true, skip_empty_lines: true }), file);
    } else continue;
    checked++;
  }
  return checked;
}

/** The rows of a CSV log, by its header. */
export function readCsvRows(file: string): Record<string, string>[] {
  return parse(readFileSync(file, 'utf8'), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
}

/** Every file and folder under `root` whose mode lets group or others read, write or enter it. */
export function notPrivate(root: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    const mode = statSync(at).mode & 0o777;
    if (mode & 0o077) found.push(`${path.relative(root, at) || '.'} ${mode.toString(8)}`);
    if (statSync(at).isDirectory()) for (const name of readdirSync(at)) walk(path.join(at, name));
  };
  walk(root);
  return found;
}
