import { CatalogClient } from '../catalog/client.js';
import { readInt } from '../shared/config.js';
import { systemClock } from '../shared/clock.js';
import { RetryRound } from '../shared/retry-round.js';
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
    now: systemClock,
  });
  const published = await room.rollForward();
  log({ level: 'info', msg: `published ${published} date(s) from the weekly template, ${horizonDays} days ahead` });
  const rolling = new RetryRound({ name: 'publishing the schedule', everyMs: ROLL_CHECK_MS, log, run: () => room.rollForward() });
  rolling.start();
  return {
    app: createApp({ tokens, log, logRequests: config.logRequests, room }),
    close: async () => {
      await rolling.stop();
      await store.close();
    },
  };
});
