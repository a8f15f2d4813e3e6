// The lending policy: DATA_DIR/loans/policy.json, each value overridable from the
// environment. Checked once at start-up; a bad value stops the service naming the field.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { ConfigError } from '../shared/config.js';
import { money } from '../shared/http/validate.js';
import type { LoanPolicy } from './types.js';

export const DEFAULT_POLICY: Readonly<LoanPolicy> = Object.freeze({
  loanPeriod: 'P14D',
  renewals: 2,
  maxActiveLoans: 5,
  holdPickupWindow: 'P3D',
  finePerDay: 0.25,
  fineCap: 10,
  blockFineAbove: 5,
  blockWhenOverdue: true,
});

/** The policy with its durations in milliseconds, as the rules use it. */
export interface Policy extends LoanPolicy {
  loanPeriodMs: number;
  pickupWindowMs: number;
}

const UNIT_MS: Record<string, number> = { Y: 365 * 86_400_000, W: 7 * 86_400_000, D: 86_400_000, H: 3_600_000, S: 1000 };
const DURATION = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** ISO-8601 duration → milliseconds. A month counts 30 days and a year 365. */
export function parseDuration(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [, years, months, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));
  const ms =
    years * UNIT_MS.Y + months * 30 * UNIT_MS.D + weeks * UNIT_MS.W + days * UNIT_MS.D +
    hours * UNIT_MS.H + minutes * 60_000 + seconds * UNIT_MS.S;
  return Number.isFinite(ms) && ms > 0 ? Math.round(ms) : null;
}

const duration = z.string().refine((s) => parseDuration(s) !== null, 'must be a positive ISO-8601 duration such as P14D or PT2S');
const count = (max: number) => z.number().int().min(0).max(max);

const policySchema = z.strictObject({
  loanPeriod: duration,
  renewals: count(1000),
  maxActiveLoans: count(10_000).min(1),
  holdPickupWindow: duration,
  finePerDay: money,
  fineCap: money,
  blockFineAbove: money,
  blockWhenOverdue: z.boolean(),
});

const ENV_NAMES: Record<keyof LoanPolicy, string> = {
  loanPeriod: 'LOAN_PERIOD',
  renewals: 'LOAN_RENEWALS',
  maxActiveLoans: 'LOAN_MAX_ACTIVE',
  holdPickupWindow: 'HOLD_PICKUP_WINDOW',
  finePerDay: 'FINE_PER_DAY',
  fineCap: 'FINE_CAP',
  blockFineAbove: 'BLOCK_FINE_ABOVE',
  blockWhenOverdue: 'BLOCK_WHEN_OVERDUE',
};

/** An environment string in the type the field wants; what it cannot read it leaves for zod to name. */
function fromEnv(field: keyof LoanPolicy, raw: string): unknown {
  const wanted = typeof DEFAULT_POLICY[field];
  if (wanted === 'string') return raw;
  if (wanted === 'boolean') {
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    return raw;
  }
  return /^\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw;
}

function readPolicyFile(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw new ConfigError(`cannot read ${file}: ${(error as Error).message}`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new ConfigError(`${file} must hold a JSON object`);
  return data as Record<string, unknown>;
}

/** The file's values (missing file: the defaults), then the environment's, checked as a whole. */
export function loadPolicy(file: string | null, env: Record<string, string | undefined>): Policy {
  const fromFile = file ? readPolicyFile(file) : {};
  const merged: Record<string, unknown> = { ...DEFAULT_POLICY, ...fromFile };
  const sources: Record<string, string> = {};
  for (const [field, name] of Object.entries(ENV_NAMES) as [keyof LoanPolicy, string][]) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    merged[field] = fromEnv(field, raw);
    sources[field] = name;
  }
  const result = policySchema.safeParse(merged);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : issue.path.map(String).join('.');
    const where = sources[field] ? `${sources[field]} (policy field ${field})` : `${file ?? 'policy'}: field ${field}`;
    throw new ConfigError(`bad loan policy: ${where}: ${issue.message}`);
  }
  const policy = result.data;
  return Object.freeze({
    ...policy,
    loanPeriodMs: parseDuration(policy.loanPeriod)!,
    pickupWindowMs: parseDuration(policy.holdPickupWindow)!,
  });
}
