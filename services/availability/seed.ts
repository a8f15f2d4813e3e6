// setup.sh's part for the reading room: copies the weekly template into
// DATA_DIR/availability/ where it is missing. The schedule store itself is created by
// the service at its first start, which publishes the coming days from the template.
import { existsSync, mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SeedOptions, SeedResult } from '../shared/seed.js';
import { writeFileDurable } from '../shared/store/durable-file.js';
import { parseTemplate, templateFile, type Template } from './template.js';

export const SEED_TEMPLATE = 'reading-room.json';

export async function seed(options: SeedOptions): Promise<SeedResult> {
  const dir = path.join(options.dataDir, 'availability');
  const target = templateFile(dir);
  if (existsSync(target)) {
    // Checked, never rewritten: a broken live template is reported here, not at start-up.
    parseTemplate(await readFile(target, 'utf8'), target);
    return [`availability: kept ${target}`];
  }
  const source = path.join(options.seedDir, SEED_TEMPLATE);
  const text = await readFile(source, 'utf8');
  const template = parseTemplate(text, source);
  mkdirSync(dir, { recursive: true });
  await writeFileDurable(target, text);
  return [`availability: reading-room template from ${SEED_TEMPLATE} (${describe(template)})`];
}

function describe(template: Template): string {
  const days = Object.values(template.weekly).filter((slots) => slots && slots.length > 0);
  const titles = new Set(days.flatMap((slots) => slots!.map((s) => s.bookId)));
  return `${titles.size} titles on ${days.length} weekdays, published ${template.horizonDays} days ahead`;
}
