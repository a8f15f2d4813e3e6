// The menu: what `library` opens on a terminal. Loaded only then, with inquirer.
import type { Ctx } from '../context.js';
import { EXIT, isInterrupt } from '../errors.js';
import { memberNotices } from '../flows/member-notices.js';
import { menuLoop } from './loop.js';
import { MAIN_MENU } from './registry.js';

export async function runMenu(ctx: Ctx): Promise<number> {
  // Two short lines: the banner fits 80 columns whatever the address.
  ctx.out.note(`Library at ${ctx.api.baseUrl}`);
  ctx.out.note('Arrow keys to move, Enter to choose, Ctrl-C to leave.');
  try {
    await menuLoop(ctx, MAIN_MENU, () => heading(ctx), 'Exit');
  } catch (error) {
    // Ctrl-C at the main menu is the quick way out, not a failure.
    if (!isInterrupt(error)) throw error;
  }
  ctx.out.note('Goodbye.');
  return EXIT.ok;
}

async function heading(ctx: Ctx): Promise<string> {
  const session = ctx.session.current();
  if (!session) return 'Library — not logged in';
  const { summary } = await memberNotices(ctx);
  return `Library — logged in as ${session.user.username} (${session.user.role})${summary ? ` — ${summary}` : ''}`;
}
