// A spinner on stderr while the client waits on a service, only on a terminal, and only
// once the wait is long enough to notice (a quick answer shows no flicker).
import type { Ora } from 'ora';

const SHOW_AFTER_MS = 150;

export async function withSpinner<T>(stream: NodeJS.WritableStream & { isTTY?: boolean }, color: boolean, label: string, work: Promise<T>): Promise<T> {
  if (!stream.isTTY) return work;
  let spinner: Ora | undefined;
  let settled = false;
  const timer = setTimeout(() => {
    void import('ora').then(({ default: ora }) => {
      if (settled) return;
      // discardStdin would put stdin in raw mode and fight the prompts that come next.
      spinner = ora({ text: label, stream: stream as NodeJS.WriteStream, color: color ? 'cyan' : false, discardStdin: false }).start();
    });
  }, SHOW_AFTER_MS);
  try {
    return await work;
  } finally {
    settled = true;
    clearTimeout(timer);
    spinner?.stop();
  }
}
