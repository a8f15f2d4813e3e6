// What a late return costs: per started day late, capped (the policy's finePerDay, fineCap).
import { roundMoney } from '../shared/http/validate.js';
import type { Policy } from './policy.js';

const DAY_MS = 86_400_000;

/** The fine for returning at `returnedAt` what was due at `dueAt`: per started day, capped. */
export function fineFor(policy: Policy, dueAt: string, returnedAt: string): number {
  const late = Date.parse(returnedAt) - Date.parse(dueAt);
  if (late <= 0) return 0;
  return roundMoney(Math.min(Math.ceil(late / DAY_MS) * policy.finePerDay, policy.fineCap));
}

/** When the fine a loan overdue at `now` would be charged next grows (Infinity once capped). */
export function nextFineStep(policy: Policy, dueAt: string, now: number): number {
  const due = Date.parse(dueAt);
  const days = Math.ceil((now - due) / DAY_MS);
  if (days * policy.finePerDay >= policy.fineCap) return Infinity;
  return due + days * DAY_MS + 1;
}
