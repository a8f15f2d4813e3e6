// Log in, register, log out.
import { runLogin, runLogout, runRegister } from '../actions/account.js';
import { ApiProblem } from '../api/errors.js';
import type { Ctx } from '../context.js';
import { describeError } from '../errors.js';
import type { MenuEntry } from './entry.js';

export const loginEntry: MenuEntry = {
  label: 'Log in',
  audience: 'guest',
  async run(ctx: Ctx) {
    const username = await ctx.ask.text('Username:', { required: true });
    // A mistyped password asks again (the users service counts the failures and locks).
    for (let attempt = 1; ; attempt++) {
      const password = await ctx.ask.password('Password:');
      try {
        return void (await runLogin(ctx, { username, password }));
      } catch (error) {
        if (!(error instanceof ApiProblem) || error.status !== 401 || attempt >= 3) throw error;
        ctx.out.error(describeError(error));
      }
    }
  },
};

export const registerEntry: MenuEntry = {
  label: 'Register',
  description: 'become a member, and log in',
  audience: 'guest',
  async run(ctx: Ctx) {
    const username = await ctx.ask.text('Username (3 to 32 of a-z, 0-9, _ . -):', {
      required: true,
      validate: (v) => (/^[a-z0-9_.-]{3,32}$/.test(v.trim()) ? true : '3 to 32 of a-z, 0-9, _ . -'),
    });
    const name = await ctx.ask.text('Your name:', { required: true });
    const email = await ctx.ask.text('Email:', { required: true, validate: (v) => (v.includes('@') ? true : 'an email address has an @') });
    const password = await ctx.ask.password('Password (10 characters or more):', (v) => (v.length >= 10 ? true : 'at least 10 characters'));
    const again = await ctx.ask.password('Password again:', (v) => (v === password ? true : 'the two passwords differ'));
    await runRegister(ctx, { username, name, email, password: again }, true);
    await runLogin(ctx, { username, password });
  },
};

export const logoutEntry: MenuEntry = {
  label: 'Log out',
  audience: 'user',
  async run(ctx: Ctx) {
    await runLogout(ctx);
  },
};
