// The librarians' fines report (GET /fines with no username): every member who owes
// something or has a loan overdue, most owed first. Kept up to date member by member
// instead of worked out again: at 20,000 members and 50,000 open loans a whole report took
// 100-150 ms, and it was redone after every loan or payment, so under a desk's traffic each
// page froze loans for that long. A member's line is redone when
//   - a change touches their loans or their account (the store's write listener), or
//   - the clock moves one of its figures: a loan of theirs falls due (the loan index says
//     which, as it moves loans to overdue) or an overdue one starts another day of fine.
// Built once when loans starts; built again only if the clock goes back. Members made dirty
// by a write are redone in the background, a slice at a time (SLICE_MS), so the next page
// does not pay for a busy day's writes; a page asked for before that redoes the rest itself.
import type { LoanIndex } from './loan-index.js';
import type { Policy } from './policy.js';
import type { Account, LoansStore, OpenLoan } from './store.js';
import type { FineAccount } from './types.js';
import { isOverdue } from './views.js';
import { nextFineStep } from './fine-rules.js';
import { lowerBoundBy } from '../shared/sorted-list.js';
import type { Clock } from '../shared/clock.js';
import { SLICE_MS } from '../shared/slice.js';


export type Describe = (username: string, now: number) => FineAccount;

export class FineReport {
  /** The report's lines in its order. */
  private lines: FineAccount[] = [];
  private readonly lineOf = new Map<string, FineAccount>();
  /** Members whose line must be redone before the next answer. */
  private readonly dirty = new Set<string>();
  /** Members with an overdue loan → when their fine next grows; and the soonest of those. */
  private readonly nextStep = new Map<string, number>();
  private soonestStep = Infinity;
  /** The time the lines were last brought up to. */
  private asOf = -Infinity;
  private drainTimer: NodeJS.Immediate | undefined;

  /** `sliceMs`: how long one background slice of redoing may run. */
  constructor(
    private readonly store: LoansStore,
    private readonly policy: Policy,
    private readonly index: LoanIndex,
    private readonly describe: Describe,
    private readonly clock: Clock,
    private readonly sliceMs = SLICE_MS,
  ) {
    store.onWrite((collection, _id, before, after) => {
      if (collection === 'loans') {
        if (before) this.dirty.add((before as OpenLoan).username);
        if (after) this.dirty.add((after as OpenLoan).username);
      } else if (collection === 'accounts') this.dirty.add(((after ?? before) as Account).username);
      else return;
      this.drainSoon();
    });
    index.onOverdue((loan) => this.dirty.add(loan.username));
    this.build(clock());
  }

  /** Members whose line waits to be redone. */
  get pending(): number {
    return this.dirty.size;
  }

  /** The report at `now`. */
  at(now: number): readonly FineAccount[] {
    if (now < this.asOf) this.build(now); // the clock went back
    this.index.overdueCount(now); // moves loans due by now to overdue: their members are dirty
    if (now >= this.soonestStep) this.stepsDue(now);
    for (const username of this.dirty) this.redo(username, now);
    this.dirty.clear();
    this.asOf = now;
    return this.lines;
  }

  private drainSoon(): void {
    if (this.drainTimer !== undefined) return;
    this.drainTimer = setImmediate(() => this.drainSlice());
    this.drainTimer.unref(); // only memory is touched: nothing to finish before exiting
  }

  /** Redoes dirty members' lines between requests until the slice's time is up. */
  private drainSlice(): void {
    this.drainTimer = undefined;
    const now = this.clock();
    if (now < this.asOf) return; // the clock went back: the next page builds the report again
    const deadline = performance.now() + this.sliceMs;
    for (const username of this.dirty) {
      this.dirty.delete(username);
      this.redo(username, now);
      if (performance.now() >= deadline) break;
    }
    this.asOf = now;
    if (this.dirty.size > 0) this.drainSoon();
  }

  private build(now: number): void {
    this.lines = [];
    this.lineOf.clear();
    this.nextStep.clear();
    this.soonestStep = Infinity;
    const names = new Set<string>(this.index.owingMembers());
    for (const loan of this.index.overdueLoans(now)) names.add(loan.username);
    for (const username of names) {
      const line = this.describe(username, now);
      this.lines.push(line);
      this.lineOf.set(username, line);
      this.schedule(username, now);
    }
    this.lines.sort(order);
    this.dirty.clear(); // every line was just done (finding the overdue loans marks their members)
    this.asOf = now;
  }

  /** Members whose fine grew a day since: their lines are redone. */
  private stepsDue(now: number): void {
    this.soonestStep = Infinity;
    for (const [username, at] of this.nextStep) {
      if (at <= now) this.dirty.add(username);
      else this.soonestStep = Math.min(this.soonestStep, at);
    }
  }

  /** The member's line as it is at `now`: out of the report, into it, or moved within it. */
  private redo(username: string, now: number): void {
    const old = this.lineOf.get(username);
    if (old) {
      this.lines.splice(this.positionOf(old), 1);
      this.lineOf.delete(username);
    }
    this.nextStep.delete(username);
    const line = this.describe(username, now);
    if (this.index.owingMembers().has(username) || line.overdueLoans > 0) {
      this.lines.splice(this.positionOf(line), 0, line);
      this.lineOf.set(username, line);
    }
    this.schedule(username, now);
  }

  /** When the member's overdue loans next cost more (none overdue, or all capped: never). */
  private schedule(username: string, now: number): void {
    let at = Infinity;
    for (const loan of this.index.loansOf(username)) if (isOverdue(loan, now)) at = Math.min(at, nextFineStep(this.policy, loan.dueAt, now));
    if (at === Infinity) return;
    this.nextStep.set(username, at);
    this.soonestStep = Math.min(this.soonestStep, at);
  }

  /** Where `line` is, or goes, in the report's order. */
  private positionOf(line: FineAccount): number {
    return lowerBoundBy(this.lines, line, order);
  }
}

/** Most owed (balance and what is accruing) first, then by name. */
function order(a: FineAccount, b: FineAccount): number {
  return b.balance + b.accruing - (a.balance + a.accruing) || a.username.localeCompare(b.username);
}
