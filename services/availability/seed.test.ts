import assert from 'node:assert/strict';
import { parse } from 'csv-parse/sync';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDataDir as makeTempDir } from '../../test/support/http.js';
import { REPO_ROOT } from '../../test/support/processes.js';
import { StoreCorrupt } from '../shared/store/json-store.js';
import { seed, SEED_TEMPLATE } from './seed.js';
import { parseTemplate, templateFile } from './template.js';

const SEED_DIR = path.join(REPO_ROOT, 'data', 'seed');

describe('availability seed()', () => {
  const dirs: string[] = [];
  const tempDataDir = () => {
    const dir = makeTempDir();
    dirs.push(dir);
    return dir;
  };
  after(() => dirs.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it('copies the weekly template into DATA_DIR/availability/ where it is missing', async () => {
    const dataDir = tempDataDir();
    const lines = await seed({ dataDir, seedDir: SEED_DIR, env: {} });
    assert.match(lines.join('\n'), /reading-room template/);
    const target = templateFile(path.join(dataDir, 'availability'));
    assert.equal(readFileSync(target, 'utf8'), readFileSync(path.join(SEED_DIR, SEED_TEMPLATE), 'utf8'));
  });

  it('keeps a live template that is already there, byte for byte', async () => {
    const dataDir = tempDataDir();
    const target = templateFile(path.join(dataDir, 'availability'));
    mkdirSync(path.dirname(target), { recursive: true });
    const edited = JSON.stringify({ horizonDays: 3, weekly: { monday: [{ bookId: 'bk-1', title: 'A', seats: 1 }] } });
    writeFileSync(target, edited);
    assert.match((await seed({ dataDir, seedDir: SEED_DIR, env: {} })).join('\n'), /kept/);
    assert.equal(readFileSync(target, 'utf8'), edited);
  });

  it('refuses a broken live template, naming the file, and leaves it as it was', async () => {
    const dataDir = tempDataDir();
    const target = templateFile(path.join(dataDir, 'availability'));
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, '{"horizonDays": 14, "weekly": {"munday": []}}');
    await assert.rejects(seed({ dataDir, seedDir: SEED_DIR, env: {} }), (e: Error) => e instanceof StoreCorrupt && e.message.includes(target) && /munday/.test(e.message));
    assert.equal(readFileSync(target, 'utf8'), '{"horizonDays": 14, "weekly": {"munday": []}}');
  });
});

describe('data/seed/reading-room.json', () => {
  it('offers only books of data/seed/books.csv, under their catalog titles', () => {
    const file = path.join(SEED_DIR, SEED_TEMPLATE);
    const template = parseTemplate(readFileSync(file, 'utf8'), file);
    const books = parse(readFileSync(path.join(SEED_DIR, 'books.csv'), 'utf8'), { columns: true }) as { id: string; title: string }[];
    const titles = new Map(books.map((b) => [b.id, b.title]));
    const slots = Object.values(template.weekly).flat();
    assert.ok(slots.length >= 10);
    for (const slot of slots) assert.equal(slot!.title, titles.get(slot!.bookId), slot!.bookId);
    assert.equal(template.horizonDays, 14);
  });
});
