// The reading room as the route tests run it: the real app on port 0 against a fresh
// DATA_DIR, the real catalog app beside it, and a clock the test can move.
import { movableClock, type MovableClock } from '../../test/support/clock.js';
import { testTokens } from '../../test/support/tokens.js';
import { listen, tempDataDir, type Running } from '../../test/support/http.js';
import { startCatalog } from './testing-catalog.js';
import { createApp } from './app.js';
import { ReadingRoom } from './service.js';
import { openRoomStore, type RoomStore } from './store.js';
import type { Template } from './template.js';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { CatalogClient } from '../contracts/catalog-client.js';
import { ServiceClient } from '../shared/http/service-client.js';

/** Monday 2026-06-01: Monday and Tuesday have titles, Saturday one, other days none. */
export const MONDAY = '2026-06-01';

export const TEST_TEMPLATE: Template = {
  horizonDays: 6,
  weekly: {
    monday: [
      { bookId: 'bk-3', title: 'Xen and the Art of Surviving Undergraduate School', seats: 3 },
      { bookId: 'bk-5', title: 'Clean Code: A Handbook of Agile Software Craftsmanship', seats: 10 },
    ],
    tuesday: [{ bookId: 'bk-7', title: 'Design Patterns: Elements of Reusable Object-Oriented Software', seats: 2 }],
    saturday: [{ bookId: 'bk-9', title: 'Structure and Interpretation of Computer Programs', seats: 4 }],
  },
};


export interface RoomFixture {
  url: string;
  catalogUrl: string;
  dataDir: string;
  /** DATA_DIR/availability */
  serviceDir: string;
  clock: MovableClock;
  store: RoomStore;
  room: ReadingRoom;
  catalog: CatalogClient;
  close(): Promise<void>;
}

export async function startRoom(options: { template?: Template; today?: string; dataDir?: string } = {}): Promise<RoomFixture> {
  const dataDir = options.dataDir ?? tempDataDir('library-availability-');
  const serviceDir = path.join(dataDir, 'availability');
  const catalog = await startCatalog(dataDir);
  const clock = movableClock(`${options.today ?? MONDAY}T09:00:00Z`);
  const store = await openRoomStore(serviceDir);
  const client = new CatalogClient(new ServiceClient('catalog', catalog.url, 5000, testTokens.serviceToken('availability')));
  const room = new ReadingRoom({ store, catalog: client, template: options.template ?? TEST_TEMPLATE, now: clock.now });
  await room.rollForward();
  const app: Running = await listen(createApp({ tokens: testTokens, log: () => {}, logRequests: false, room }));
  return {
    url: app.url,
    catalogUrl: catalog.url,
    dataDir,
    serviceDir,
    clock,
    store,
    room,
    catalog: client,
    close: async () => {
      await app.close();
      await store.close();
      await catalog.close();
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Moves the clock to 09:00 UTC on `date`. */
export function setDay(clock: MovableClock, date: string): void {
  clock.set(`${date}T09:00:00Z`);
}
