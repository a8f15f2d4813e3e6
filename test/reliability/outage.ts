// A downstream service stopped while probes keep calling the routes that need it (and a
// route that does not), then started again. Every answer is recorded with when it was
// asked and answered, so a test can hold each phase to what the contract promises.
import type { ProcessName } from '../../services/shared/config.js';
import type { Reply } from '../support/http.js';
import type { LiveStack } from '../support/live-stack.js';
import { sleep } from './ledger.js';

export interface Probe {
  name: string;
  /** Whether the stopped service is on this route's path: then it must answer 503 while down. */
  needsDownstream: boolean;
  /** The `i`th request; a probe keeps its own state (who asked, what it got). */
  send(i: number): Promise<Reply>;
  /** Problem types (slugs) that are an ordinary refusal of this route, not an outage. */
  refusals?: string[];
}

export interface Answer {
  probe: string;
  i: number;
  startedAt: number;
  endedAt: number;
  reply?: Reply;
  error?: string;
}

export interface Outage {
  answers: Answer[];
  /** After the stopped process had exited … */
  downAt: number;
  /** … and before its restart was begun. */
  upAgainAt: number;
  /** When the restarted process first answered its /health. */
  restartedAt: number;
}

const WARM_UP_MS = 500;
const OUTAGE_MS = 1500;
/** Recovery must come this soon after the restart. */
const RECOVERY_MS = 10_000;

const succeeded = (answer: Answer) => !!answer.reply && answer.reply.status >= 200 && answer.reply.status < 300;

/** `whileDown` runs once the stopped process has exited, before the restart. */
export async function runOutage(stack: LiveStack, downstream: ProcessName, probes: Probe[], whileDown?: () => Promise<void>): Promise<Outage> {
  const answers: Answer[] = [];
  let running = true;
  const loop = async (probe: Probe) => {
    for (let i = 0; running; i++) {
      const startedAt = Date.now();
      try {
        const reply = await probe.send(i);
        answers.push({ probe: probe.name, i, startedAt, endedAt: Date.now(), reply });
      } catch (error) {
        answers.push({ probe: probe.name, i, startedAt, endedAt: Date.now(), error: String(error) });
      }
      await sleep(40); // some 20 requests a second per probe: the two cores also run the stack
    }
  };
  const loops = probes.map(loop);
  try {
    await sleep(WARM_UP_MS);
    await stack.stop(downstream);
    const downAt = Date.now();
    await whileDown?.();
    await sleep(Math.max(0, downAt + OUTAGE_MS - Date.now()));
    const upAgainAt = Date.now();
    await stack.restart(downstream);
    const restartedAt = Date.now();
    const recovered = () => probes.every((p) => answers.some((a) => a.probe === p.name && a.startedAt >= restartedAt && succeeded(a)));
    const deadline = restartedAt + RECOVERY_MS;
    while (!recovered() && Date.now() < deadline) await sleep(100);
    return { answers, downAt, upAgainAt, restartedAt };
  } finally {
    running = false;
    await Promise.all(loops);
  }
}

/** What is wrong with the answers, one line each: the test asserts there is nothing. */
export function outageComplaints(outage: Outage, downstream: ProcessName, probes: Probe[]): string[] {
  const complaints: string[] = [];
  for (const probe of probes) {
    const mine = outage.answers.filter((a) => a.probe === probe.name);
    const whileDown = mine.filter((a) => a.startedAt >= outage.downAt && a.endedAt <= outage.upAgainAt);
    if (whileDown.length === 0) complaints.push(`${probe.name}: no request was made while ${downstream} was down`);
    for (const answer of mine) {
      const complaint = judge(answer, probe, downstream, whileDown.includes(answer));
      if (complaint) complaints.push(`${probe.name} #${answer.i}: ${complaint}`);
    }
    if (!mine.some((a) => a.startedAt >= outage.restartedAt && succeeded(a))) {
      complaints.push(`${probe.name}: never succeeded within ${RECOVERY_MS} ms of ${downstream} being back`);
    }
  }
  return complaints;
}

function judge(answer: Answer, probe: Probe, downstream: ProcessName, whileDown: boolean): string | null {
  if (!answer.reply) return `no answer at all (${answer.error})`;
  const { status, body, headers } = answer.reply;
  const isOutage = status === 503 && body?.type === '/problems/service-unavailable' && body?.service === downstream;
  if (status === 503 && !isOutage) return `a 503 that does not name ${downstream}: ${JSON.stringify(body)}`;
  if (isOutage && !String(headers.get('content-type')).startsWith('application/problem+json')) return `503 sent as ${headers.get('content-type')}`;
  if (whileDown && probe.needsDownstream && !isOutage) return `answered ${status} while ${downstream} was down: ${JSON.stringify(body)}`;
  if (!probe.needsDownstream && isOutage) return `answered 503 although it does not need ${downstream}`;
  if (isOutage || (status >= 200 && status < 300)) return null;
  if (status < 500 && probe.refusals?.some((slug) => body?.type === `/problems/${slug}`)) return null;
  return `unexpected ${status}: ${JSON.stringify(body)}`;
}
