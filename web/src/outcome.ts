// How an action reports back, next to the control that started it: what was done, or the
// problem's title and detail as the service sent them. While it runs, the control is
// busy (disabled, aria-busy) so a double click does not send it twice.
import { ApiProblem, Unreachable } from './api.js';
import { clear, h, type Child } from './dom.js';

export function showDone(out: HTMLElement, ...message: Child[]): void {
  out.className = 'outcome done';
  clear(out, ...message);
}

export function showProblem(out: HTMLElement, error: unknown): void {
  out.className = 'outcome problem';
  if (error instanceof ApiProblem) {
    const down = error.downService;
    const title = down ? `The ${down} service is not answering` : error.problem.title;
    clear(out, h('strong', { class: 'problem-title' }, title), error.problem.detail ? h('span', { class: 'problem-detail' }, ` — ${error.problem.detail}`) : null);
  } else if (error instanceof Unreachable) {
    clear(out, h('strong', { class: 'problem-title' }, 'The library is not answering'), h('span', { class: 'problem-detail' }, ` — ${error.reason}`));
  } else {
    clear(out, h('strong', { class: 'problem-title' }, 'Something went wrong'), h('span', { class: 'problem-detail' }, ` — ${String((error as Error)?.message ?? error)}`));
  }
}

/**
 * Runs `work` for `control` (a button or a form), showing its result in `out`. The control
 * names `out` as its description, so a screen reader hears the refusal with the control.
 */
export async function attempt(control: HTMLElement, out: HTMLElement, work: () => Promise<Child | void>): Promise<boolean> {
  const done = working();
  const busy = control instanceof HTMLFormElement ? [...control.querySelectorAll('button')] : [control as HTMLButtonElement];
  for (const button of busy) button.disabled = true;
  control.setAttribute('aria-busy', 'true');
  control.setAttribute('aria-describedby', out.id);
  out.className = 'outcome';
  clear(out);
  try {
    const message = await work();
    if (message !== undefined) showDone(out, message);
    return true;
  } catch (error) {
    showProblem(out, error);
    return false;
  } finally {
    for (const button of busy) button.disabled = false;
    control.removeAttribute('aria-busy');
    done();
  }
}

/** A section that loads its content: a note while it loads, the problem if it cannot. */
export async function load(into: HTMLElement, work: () => Promise<Child>): Promise<void> {
  const done = working();
  clear(into, h('p', { class: 'note' }, 'Loading…'));
  try {
    clear(into, await work());
  } catch (error) {
    const out = h('p', { class: 'outcome problem', role: 'alert' });
    showProblem(out, error);
    clear(into, out);
  } finally {
    done();
  }
}

let inFlight = 0;
/**
 * Counts what the page is still loading or doing, as data-busy on <html>: tests wait for
 * it to go away instead of sleeping.
 */
export function working(): () => void {
  inFlight++;
  document.documentElement.dataset.busy = String(inFlight);
  let ended = false;
  return () => {
    if (ended) return;
    ended = true;
    inFlight--;
    if (inFlight === 0) {
      delete document.documentElement.dataset.busy;
      // The first moment the page has shown what it loaded: the benchmark's "interactive".
      if (!performance.getEntriesByName('library-interactive').length) performance.mark('library-interactive');
    }
    else document.documentElement.dataset.busy = String(inFlight);
  };
}
