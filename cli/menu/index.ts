// The menu: what `library` opens on a terminal. Loaded only then, with inquirer.
import type { Ctx } from '../context.js';
import { EXIT, isInterrupt } from '../errors.js';
import { menuLoop } from './loop.js';
import { MAIN_MENU } from './registry.js';

export async function runMenu(ctx: Ctx): Promise<number> {
  ctx.out.note(`Library at ${ctx.api.baseUrl}. Arrow keys to move, Enter to choose, Ctrl-C to leave.`);
  try {
    await menuLoop(ctx, MAIN_MENU, () => heading(ctx), 'Exit');
  } catch (error) {
    // Ctrl-C at the main menu is the quick way out, not a failure.
    if (!isInterrupt(error)) throw error;
  }
  ctx.out.note('Goodbye.');
  return EXIT.ok;
}

function heading(ctx: Ctx): string {
  const session = ctx.session.current();
  return session ? `Library — logged in as ${session.user.username} (${session.user.role})` : 'Library — not logged in';
}
