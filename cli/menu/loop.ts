// One level of the menu: pick an entry, run it, come back. A refusal or an unreachable
// service is reported and the menu goes on; Ctrl-C inside an entry cancels just that entry.
import type { Ctx } from '../context.js';
import { describeError, isInterrupt } from '../errors.js';
import type { Choice } from '../ui/ask.js';
import { visibleTo, type MenuEntry } from './entry.js';

export async function menuLoop(ctx: Ctx, entries: readonly MenuEntry[], heading: () => string | Promise<string>, leave: string): Promise<void> {
  for (;;) {
    const session = ctx.session.current();
    const choices: Choice<MenuEntry | null>[] = entries.filter((e) => visibleTo(e, session)).map((e) => ({ name: e.label, value: e, description: e.description }));
    choices.push({ name: leave, value: null });
    const entry = await ctx.ask.select(await heading(), choices);
    if (!entry) return;
    await runEntry(ctx, entry);
  }
}

export async function runEntry(ctx: Ctx, entry: MenuEntry): Promise<void> {
  try {
    await entry.run(ctx);
  } catch (error) {
    if (isInterrupt(error)) ctx.out.note('Cancelled.');
    else ctx.out.error(describeError(error));
  }
}
