// status: every service up or down, as the gateway sees it. One down is exit 3, after
// the table: the table is the point of asking.
import { getHealth } from '../api/health.js';
import type { GatewayHealth } from '../api/types.js';
import type { Ctx } from '../context.js';
import { ServicesDown } from '../errors.js';
import { statusTable } from '../ui/status.js';

export async function runStatus(ctx: Ctx): Promise<GatewayHealth> {
  const health = await ctx.out.wait('Checking the services', getHealth(ctx.api));
  await ctx.out.emit(health, statusTable);
  const down = health.services.filter((s) => s.status !== 'up').map((s) => s.name);
  if (down.length > 0) throw new ServicesDown(down);
  return health;
}
