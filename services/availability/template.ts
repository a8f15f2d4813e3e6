// The weekly template the schedule is published from: for each weekday the titles on
// offer and their seats, plus how many days ahead to publish. Titles are written in
// the template itself so that publishing a new day never waits on the catalog.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from '../shared/config.js';
import { StoreCorrupt } from '../shared/store/json-store.js';
import { WEEKDAYS, type Weekday } from './dates.js';

export const TEMPLATE_FILE = 'template.json';
export const MAX_SEATS = 500;
export const MAX_HORIZON_DAYS = 366;

const slot = z.strictObject({
  bookId: z.string().regex(/^[\w.-]{1,64}$/, 'must be a book id'),
  title: z.string().trim().min(1).max(300),
  seats: z.number().int().min(1).max(MAX_SEATS),
});

const weekly = z.strictObject(Object.fromEntries(WEEKDAYS.map((day) => [day, z.array(slot).optional()])) as Record<Weekday, z.ZodOptional<z.ZodArray<typeof slot>>>);

const templateSchema = z.strictObject({
  horizonDays: z.number().int().min(0).max(MAX_HORIZON_DAYS),
  weekly,
});

export type TemplateSlot = z.infer<typeof slot>;
export interface Template {
  horizonDays: number;
  weekly: Partial<Record<Weekday, TemplateSlot[]>>;
}

export function templateFile(serviceDir: string): string {
  return path.join(serviceDir, TEMPLATE_FILE);
}

/** Parses a template, naming the file and each fault; a bad template never starts the service. */
export function parseTemplate(text: string, file: string): Template {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new StoreCorrupt(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  const result = templateSchema.safeParse(raw);
  if (!result.success) {
    const faults = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new StoreCorrupt(`${file} is not a reading-room template: ${faults.join('; ')}`);
  }
  for (const [day, slots] of Object.entries(result.data.weekly)) {
    const ids = (slots ?? []).map((s) => s.bookId);
    const twice = ids.find((id, i) => ids.indexOf(id) !== i);
    if (twice) throw new StoreCorrupt(`${file}: ${day} offers ${twice} twice`);
  }
  return result.data;
}

export async function loadTemplate(file: string): Promise<Template> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new ConfigError(`no reading-room template at ${file}: run ./setup.sh to create it from data/seed/reading-room.json`);
  }
  return parseTemplate(text, file);
}
