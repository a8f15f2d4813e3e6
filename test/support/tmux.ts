// Drives a program on a real terminal: a tmux session on a server of our own (its own
// socket), a fixed size, keys sent in, the screen read back and polled with a deadline.
// Only our own session is ever killed, by its unique name.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export interface TmuxOptions {
  env?: Record<string, string>;
  cwd?: string;
  width?: number;
  height?: number;
}

export interface TmuxSession {
  readonly name: string;
  /** Types text as it is (no key names). */
  type(text: string): Promise<void>;
  /** Presses keys by tmux name: Enter, Up, Down, Escape, C-c, ... */
  press(...keys: string[]): Promise<void>;
  /** The visible screen as text. */
  screen(): Promise<string>;
  /** Everything the pane showed (scrollback too), lines the terminal wrapped joined again: to measure widths. */
  joinedLines(): Promise<string[]>;
  /** Polls the screen until it matches; fails with the last screen after the deadline. */
  waitFor(pattern: RegExp | string, timeoutMs?: number): Promise<string>;
  /** In a select prompt: moves the cursor (❯) down to the line that matches, and presses Enter. */
  choose(label: RegExp | string, timeoutMs?: number): Promise<void>;
  /** The program's exit code once it has ended; fails after the deadline. */
  waitForExit(timeoutMs?: number): Promise<number>;
  kill(): Promise<void>;
}

const CURSOR = '❯';

export async function startTmux(command: string[], options: TmuxOptions = {}): Promise<TmuxSession> {
  const name = `library-test-${process.pid}-${randomBytes(4).toString('hex')}`;
  const socket = name; // a server of our own: nothing of anyone else's is touched
  const tmux = (...args: string[]) => exec('tmux', ['-L', socket, '-f', '/dev/null', ...args], { timeout: 10_000 });
  const envArgs = Object.entries(options.env ?? {}).flatMap(([k, v]) => ['-e', `${k}=${v}`]);
  // The exit code is written to a file by the shell around the program: under load the
  // tmux server does not always collect a dead pane's status (#{pane_dead_status}).
  const statusFile = path.join(os.tmpdir(), `${name}.status`);
  const shellCommand = `${command.map(quote).join(' ')}; echo $? > ${quote(statusFile)}`;
  // remain-on-exit keeps the pane (and the program's last screen) after it ends.
  await tmux(
    'new-session', '-d', '-s', name, '-x', String(options.width ?? 120), '-y', String(options.height ?? 40),
    '-c', options.cwd ?? process.cwd(), ...envArgs, shellCommand, ';', 'set-option', '-t', name, 'remain-on-exit', 'on',
  );

  const socketPath = (await tmux('display-message', '-p', '-t', name, '#{socket_path}')).stdout.trim();

  const screen = async () => (await tmux('capture-pane', '-p', '-t', name)).stdout;
  const poll = async <T>(what: string, test: () => Promise<T | undefined>, timeoutMs: number): Promise<T> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const result = await test();
      if (result !== undefined) return result;
      if (Date.now() > deadline) throw new Error(`tmux: ${what} within ${timeoutMs} ms; the screen was:\n${await screen()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };
  const matches = (text: string, pattern: RegExp | string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));

  const session: TmuxSession = {
    name,
    type: async (text) => void (await tmux('send-keys', '-t', name, '-l', text)),
    press: async (...keys) => void (await tmux('send-keys', '-t', name, ...keys)),
    screen,
    joinedLines: async () => (await tmux('capture-pane', '-p', '-J', '-S', '-', '-t', name)).stdout.split('\n').map((l) => l.trimEnd()),
    waitFor: (pattern, timeoutMs = 10_000) =>
      poll(`no ${pattern}`, async () => {
        const text = await screen();
        return matches(text, pattern) ? text : undefined;
      }, timeoutMs),
    async choose(label, timeoutMs = 10_000) {
      // One Down at a time, each only once the cursor has been seen to move: keys sent
      // faster than the prompt redraws would overshoot.
      const deadline = Date.now() + timeoutMs;
      let last: string | undefined;
      for (;;) {
        const line = (await screen()).split('\n').find((l) => l.includes(CURSOR));
        if (line !== undefined && line !== last) {
          if (matches(line, label)) return void (await session.press('Enter'));
          last = line;
          await session.press('Down');
        }
        if (Date.now() > deadline) throw new Error(`tmux: could not move the cursor to ${label} within ${timeoutMs} ms; the screen was:\n${await screen()}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    waitForExit: (timeoutMs = 10_000) =>
      poll('the program did not exit', async () => {
        try {
          const text = readFileSync(statusFile, 'utf8');
          return text.endsWith('\n') ? Number(text.trim()) : undefined;
        } catch {
          return undefined; // not written yet
        }
      }, timeoutMs),
    async kill() {
      await tmux('kill-session', '-t', name).catch(() => {}); // already gone is fine
      // The server leaves its socket file behind; it is ours alone (a unique name).
      if (socketPath.endsWith(name)) rmSync(socketPath, { force: true });
      rmSync(statusFile, { force: true });
    },
  };
  return session;
}

/** Single-quotes a word for the shell tmux runs the command with. */
function quote(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}
