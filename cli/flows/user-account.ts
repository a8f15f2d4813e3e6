// One account at a librarian's hands: shown, then what can be done to it as it is now
// (disable or enable, unlock, the other role, a new password), until Back. The menu's
// Users entry walks through here; the `users …` subcommands call the same actions.
import { runUserActive, runUserResetPassword, runUserRole, runUserShow, runUserUnlock } from '../actions/users.js';
import type { PublicUser } from '../api/types.js';
import type { Ctx } from '../context.js';
import { describeError, isInterrupt } from '../errors.js';
import type { Choice } from '../ui/ask.js';

type Step = 'disable' | 'enable' | 'unlock' | 'role' | 'password';

export async function accountFlow(ctx: Ctx, username: string): Promise<void> {
  let user: PublicUser = await runUserShow(ctx, { username });
  for (;;) {
    const other = user.role === 'librarian' ? 'member' : 'librarian';
    const choices: Choice<Step | null>[] = [
      user.active ? { name: 'Disable (no more logins)', value: 'disable' } : { name: 'Enable (may log in again)', value: 'enable' },
      { name: 'Unlock (after too many wrong passwords)', value: 'unlock' },
      { name: `Make ${user.username} a ${other}`, value: 'role' },
      { name: 'Reset the password', value: 'password' },
      { name: 'Back', value: null },
    ];
    const step = await ctx.ask.select(`${user.username}: what now?`, choices);
    if (!step) return;
    try {
      user = (await apply(ctx, user, step, other)) ?? user;
    } catch (error) {
      // A refusal (the last librarian, say) is one line, and the account stays on screen.
      if (isInterrupt(error)) ctx.out.note('Cancelled.');
      else ctx.out.error(describeError(error));
    }
  }
}

async function apply(ctx: Ctx, user: PublicUser, step: Step, other: 'member' | 'librarian'): Promise<PublicUser | undefined> {
  const { username } = user;
  switch (step) {
    case 'disable':
      if (!(await ctx.ask.confirm(`Disable ${username}? They cannot log in until enabled again.`, false))) return undefined;
      return runUserActive(ctx, { username, active: false });
    case 'enable':
      return runUserActive(ctx, { username, active: true });
    case 'unlock':
      return runUserUnlock(ctx, { username });
    case 'role':
      if (!(await ctx.ask.confirm(`Make ${username} a ${other}?`, false))) return undefined;
      return runUserRole(ctx, { username, role: other });
    case 'password': {
      const typed = await ctx.ask.password('New password (10 characters or more; empty: a random one, shown once):', (v) =>
        v === '' || v.length >= 10 ? true : 'at least 10 characters, or empty for a random one',
      );
      return runUserResetPassword(ctx, { username, password: typed === '' ? undefined : typed });
    }
  }
}
