import { runStatus } from '../actions/status.js';
import type { MenuEntry } from './entry.js';

export const statusEntry: MenuEntry = {
  label: 'Service status',
  description: 'every service up or down',
  audience: 'anyone',
  run: async (ctx) => void (await runStatus(ctx)),
};
