// A banner naming what is down: shown when a call meets a service that is not answering
// (or no gateway at all), filled from the gateway's /health, and cleared once all is up.
import { api, ApiProblem, Unreachable } from './api.js';
import type { Health } from './types.js';

let checking = false;

function banner(): HTMLElement {
  return document.getElementById('outage')!;
}

function show(text: string | null): void {
  const element = banner();
  element.textContent = text ?? '';
  element.hidden = text === null;
}

export function noteTrouble(error: ApiProblem | Unreachable): void {
  if (error instanceof Unreachable) show('The library is not answering: its gateway cannot be reached.');
  else show(`Not answering now: the ${error.downService} service. What needs it will say so; the rest works.`);
  void checkHealth();
}

/** Asks the gateway which services are up; names those that are not. */
export async function checkHealth(): Promise<void> {
  if (checking) return;
  checking = true;
  try {
    const health = await api<Health>('/health', { auth: false });
    const down = health.services.filter((s) => s.status !== 'up').map((s) => s.name);
    show(down.length ? `Not answering now: ${down.join(', ')}. What needs ${down.length > 1 ? 'them' : 'it'} will say so; the rest works.` : null);
  } catch {
    show('The library is not answering: its gateway cannot be reached.');
  } finally {
    checking = false;
  }
}
