import { CatalogClient } from '../catalog/client.js';
import { readInt } from '../shared/config.js';
import { runService } from '../shared/run-service.js';
import { createApp } from './app.js';
import { ReadingRoom } from './service.js';
import { openRoomStore } from './store.js';
import { loadTemplate, MAX_HORIZON_DAYS, templateFile } from './template.js';

/** How often to look whether the day has turned; requests also notice it at once. */
const ROLL_CHECK_MS = 60_000;

await runService('availability', async ({ config, log, tokens }) => {
  const template = await loadTemplate(templateFile(config.serviceDir));
  const horizonDays = readInt(config.env, 'AVAILABILITY_HORIZON_DAYS', template.horizonDays, 0, MAX_HORIZON_DAYS);
  const store = await openRoomStore(config.serviceDir);
  const room = new ReadingRoom({
    store,
    catalog: CatalogClient.fromConfig(config, tokens),
    template: { ...template, horizonDays },
    now: () => new Date(),
  });
  const published = await room.rollForward();
  log({ level: 'info', msg: `published ${published} date(s) from the weekly template, ${horizonDays} days ahead` });
  const timer = setInterval(() => {
    room.rollForward().catch((error: Error) => log({ level: 'error', msg: `publishing the schedule failed: ${error.message}` }));
  }, ROLL_CHECK_MS);
  timer.unref();
  return {
    app: createApp({ tokens, log, logRequests: config.logRequests, room }),
    close: async () => {
      clearInterval(timer);
      await store.close();
    },
  };
});
