// A progress bar on stderr while a file is read, only when stderr is a terminal; redrawn at
// most ten times a second, on one line, and cleared at the end.
import { terminalWidth, type CliIo } from '../io.js';

export interface Progress {
  update(done: number, rows: number): void;
  end(): void;
}

export function progressBar(io: CliIo, label: string, total: number, enabled = true): Progress {
  if (!enabled || !io.stderr.isTTY) return { update() {}, end() {} };
  const width = terminalWidth(io.stderr) ?? 80;
  let last = 0;
  const draw = (done: number, rows: number) => {
    const share = total > 0 ? Math.min(1, done / total) : 0;
    const tail = ` ${String(Math.round(share * 100)).padStart(3)}% ${rows} rows`;
    const room = Math.max(10, width - label.length - tail.length - 4);
    const filled = Math.round(share * room);
    io.stderr.write(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(room - filled)}]${tail}`);
  };
  return {
    update(done, rows) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      draw(done, rows);
    },
    end() {
      io.stderr.write(`\r${' '.repeat(width - 1)}\r`);
    },
  };
}
