// The front desk (librarians): check out to a member, check in by barcode, the hold shelf,
// and a book's copies (marking one missing, withdrawn or found).
import { runCopiesList, runCopySet } from '../actions/copies.js';
import { runCheckin, runCheckout, runHoldShelf } from '../actions/loans.js';
import type { CopyMark } from '../api/types.js';
import type { Ctx } from '../context.js';
import { pickBook } from '../flows/pick-book.js';
import type { MenuEntry } from './entry.js';
import { menuLoop } from './loop.js';

const barcodeRule = (v: string) => (/^[A-Za-z0-9-]{3,64}$/.test(v.trim()) ? true : 'a barcode like BC000004');

export const checkoutEntry: MenuEntry = {
  label: 'Check out to a member',
  description: 'lend the copy in hand (its barcode) or a book (its id) to a member',
  audience: 'librarian',
  async run(ctx: Ctx) {
    const member = await ctx.ask.text('Member (username):', { required: true });
    const item = await ctx.ask.text('Barcode of the copy, or a book id:', { required: true });
    await runCheckout(ctx, { item, member });
  },
};

export const checkinEntry: MenuEntry = {
  label: 'Check in by barcode',
  description: 'take a copy back; says whether it goes to the open shelf or the hold shelf',
  audience: 'librarian',
  async run(ctx: Ctx) {
    const barcode = await ctx.ask.text('Barcode of the copy:', { required: true, validate: barcodeRule });
    await runCheckin(ctx, { barcode });
  },
};

export const holdShelfEntry: MenuEntry = {
  label: 'Hold shelf',
  description: 'copies set aside for members, and until when',
  audience: 'librarian',
  async run(ctx: Ctx) {
    await runHoldShelf(ctx);
  },
};

export const copiesEntry: MenuEntry = {
  label: 'Copies of a book',
  description: "a book's copies; mark one missing, withdrawn or found",
  audience: 'librarian',
  async run(ctx: Ctx) {
    const book = await pickBook(ctx);
    if (!book) return;
    for (;;) {
      const inventory = await runCopiesList(ctx, { bookId: book.id });
      const choices = inventory.barcodes.map((c) => ({ name: `${c.barcode} (${c.status})`, value: c.barcode as string | null }));
      if (choices.length === 0) return;
      choices.push({ name: 'Back', value: null });
      const barcode = await ctx.ask.select('Change which copy?', choices, null);
      if (!barcode) return;
      const status = await ctx.ask.select<CopyMark | null>(`Mark ${barcode} as`, [
        { name: 'missing', value: 'missing' },
        { name: 'withdrawn', value: 'withdrawn' },
        { name: 'available (found again)', value: 'available' },
        { name: 'Back', value: null },
      ], null);
      if (status) await runCopySet(ctx, { barcode, status });
    }
  },
};

export const DESK_MENU: readonly MenuEntry[] = [checkoutEntry, checkinEntry, holdShelfEntry, copiesEntry];

export const frontDeskEntry: MenuEntry = {
  label: 'Front desk',
  description: 'check out to a member, check in by barcode, the hold shelf, copies of a book',
  audience: 'librarian',
  run: (ctx: Ctx) => menuLoop(ctx, DESK_MENU, () => 'Front desk', 'Back'),
};
