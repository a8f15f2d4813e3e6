// schedule [date], schedule set, reserve, reservations, cancel-reservation.
import type { Command } from 'commander';
import { runCancelReservation, runReservations, runSchedule, runScheduleDay, runScheduleSet, runReserve, scheduleOfDay } from '../actions/reading-room.js';
import { listReservations } from '../api/reading-room.js';
import type { Ctx } from '../context.js';
import { UsageError } from '../errors.js';
import { pickReservation, reserveFlow } from '../flows/reading-room-pick.js';
import { dateArgument, mergeEntries, parseEntries } from './reading-room-args.js';
import { integer, need, newCommand, run, withExamples, type CommandDeps } from './common.js';

export function makeScheduleCommand(deps: CommandDeps): Command {
  const command = newCommand('schedule', 'the reading room: the dates on offer, or the titles and free seats of one date')
    .helpGroup('Reading room:')
    .argument('[date]', 'a date, YYYY-MM-DD (UTC)')
    .action((date: string | undefined) =>
      run(deps, command, (ctx) => (date ? runScheduleDay(ctx, { date: dateArgument(date) }) : runSchedule(ctx))),
    );
  command.addCommand(makeScheduleSetCommand(deps));
  return withExamples(command, ['library schedule', 'library schedule "$(date -u +%F)"']);
}

function makeScheduleSetCommand(deps: CommandDeps): Command {
  const set = newCommand('set', "add or change titles of a date and their seats (librarians only); the date's other titles are kept")
    .argument('[date]', 'the date, YYYY-MM-DD (asked for on a terminal when left out)')
    .argument('[entries...]', 'bookId=seats for each title, e.g. bk-3=5 bk-7=10; bookId=0 takes a title off')
    .option('--replace', 'the date offers exactly the titles given, dropping the others')
    .option('--closed', 'offer nothing that date')
    .action((date: string | undefined, words: string[], options: { closed?: boolean; replace?: boolean }) =>
      run(deps, set, async (ctx) => {
        const day = dateArgument(await need(ctx, date, 'the date (YYYY-MM-DD)'));
        if (options.closed && words.length > 0) throw new UsageError('give either titles or --closed, not both');
        if (options.closed) return runScheduleSet(ctx, { date: day, entries: [] });
        const pairs = words.length > 0 ? words : (await need(ctx, undefined, 'the titles and seats (e.g. bk-3=5 bk-7=10)')).split(/\s+/);
        const given = parseEntries(pairs);
        if (options.replace) {
          if (given.some((e) => e.seats === 0)) throw new UsageError('bookId=0 takes a title off; with --replace, leave it out');
          return runScheduleSet(ctx, { date: day, entries: given });
        }
        const current = await scheduleOfDay(ctx, day);
        const entries = mergeEntries(current, given);
        const kept = entries.filter((e) => !given.some((g) => g.bookId === e.bookId)).map((e) => e.bookId);
        return runScheduleSet(ctx, { date: day, entries, kept });
      }),
    );
  return withExamples(set, [
    'library schedule set "$(date -u +%F)" bk-12=5 bk-7=10',
    'library schedule set "$(date -u +%F)" bk-12=0',
    'library schedule set "$(date -u +%F)" bk-3=5 bk-7=10 --replace',
    'library schedule set "$(date -u -d tomorrow +%F)" --closed',
  ]);
}

export function makeReserveCommand(deps: CommandDeps): Command {
  const command = newCommand('reserve', 'reserve a reading-room seat: on a terminal, pick the date and title')
    .helpGroup('Reading room:')
    .option('--date <date>', 'the date, YYYY-MM-DD')
    .option('--book <id>', 'the book id, e.g. bk-3')
    .action((options: { date?: string; book?: string }) =>
      run(deps, command, async (ctx) => {
        const given = { date: options.date === undefined ? undefined : dateArgument(options.date), bookId: options.book };
        if (given.date && given.bookId) return runReserve(ctx, { date: given.date, bookId: given.bookId });
        if (!ctx.interactive) throw new UsageError(`missing ${given.date ? '--book' : '--date'}`);
        return reserveFlow(ctx, given);
      }),
    );
  return withExamples(command, ['library reserve --date "$(date -u +%F)" --book bk-3 --json']);
}

export function makeReservationsCommand(deps: CommandDeps): Command {
  const command = newCommand('reservations', 'your reading-room reservations (librarians: everyone’s)')
    .helpGroup('Reading room:')
    .option('--date <date>', 'only this date, YYYY-MM-DD')
    .option('--user <username>', "only this member's (librarians)")
    .option('--limit <n>', 'reservations per page, 1 to 100', integer(1, 100))
    .option('--offset <n>', 'reservations to skip, for the next page', integer(0))
    .action((options: { date?: string; user?: string; limit?: number; offset?: number }) =>
      run(deps, command, (ctx) =>
        runReservations(ctx, {
          date: options.date === undefined ? undefined : dateArgument(options.date),
          username: options.user,
          limit: options.limit,
          offset: options.offset,
        }),
      ),
    );
  return withExamples(command, ['library reservations', 'library reservations --date "$(date -u +%F)" --json']);
}

export function makeCancelReservationCommand(deps: CommandDeps): Command {
  const command = newCommand('cancel-reservation', 'cancel a reading-room reservation; its seat is free at once')
    .helpGroup('Reading room:')
    .argument('[id]', 'the reservation id, e.g. rs-7 (picked from yours on a terminal when left out)')
    .action((id: string | undefined) =>
      run(deps, command, async (ctx) => {
        const chosen = id ?? (await chooseOwn(ctx));
        if (chosen) await runCancelReservation(ctx, { id: chosen });
      }),
    );
  return withExamples(command, ['library cancel-reservation rs-1']);
}

async function chooseOwn(ctx: Ctx): Promise<string | null> {
  if (!ctx.interactive) throw new UsageError('missing the reservation id');
  const username = ctx.session.current()?.user.username;
  const page = await ctx.out.wait('Listing your reservations', listReservations(ctx.api, { username, limit: 100 }));
  return (await pickReservation(ctx, page.items))?.id ?? null;
}
