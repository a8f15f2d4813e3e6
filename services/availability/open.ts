// Opens the reading room's files and template, publishes the schedule ahead, and keeps
// publishing it as the days turn (a background round; requests notice a new day at once
// too). main.ts starts it here.
import { systemClock, type Clock } from '../shared/clock.js';
import type { LogFn } from '../shared/http/request-log.js';
import type { MemberCheck } from '../contracts/users-client.js';
import { RetryRound } from '../shared/retry-round.js';
import { ReadingRoom, type BookLookup } from './service.js';
import { openRoomStore, type RoomStore } from './store.js';
import { loadTemplate, templateFile } from './template.js';

/** How often to look whether the day has turned. */
const ROLL_CHECK_MS = 60_000;

export interface AvailabilityOptions {
  /** DATA_DIR/availability */
  dir: string;
  catalog: BookLookup;
  /** Whether a librarian's "for member X" names an existing, active member. */
  members: MemberCheck;
  log: LogFn;
  /** Days published ahead; the template's own when absent. */
  horizonDays?: number;
  clock?: Clock;
}

export interface OpenAvailability {
  store: RoomStore;
  room: ReadingRoom;
  /** Stops the publishing round, then flushes and closes the files. */
  close(): Promise<void>;
}

export async function openAvailability(options: AvailabilityOptions): Promise<OpenAvailability> {
  const { dir, catalog, members, log } = options;
  const template = await loadTemplate(templateFile(dir));
  const horizonDays = options.horizonDays ?? template.horizonDays;
  const store = await openRoomStore(dir);
  const room = new ReadingRoom({ store, catalog, template: { ...template, horizonDays }, now: options.clock ?? systemClock, members });
  try {
    const published = await room.rollForward();
    log({ level: 'info', msg: `published ${published} date(s) from the weekly template, ${horizonDays} days ahead` });
  } catch (error) {
    await store.close();
    throw error;
  }
  const rolling = new RetryRound({ name: 'publishing the schedule', everyMs: ROLL_CHECK_MS, log, run: () => room.rollForward() });
  rolling.start();
  return {
    store,
    room,
    close: async () => {
      await rolling.stop();
      await store.close();
    },
  };
}
