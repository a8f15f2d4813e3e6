// How each service keeps its memory small (README, "Memory"). Every way the project starts
// a service (startup.sh, the benchmark, the tests) passes these flags and this environment,
// so each runs as it was measured.
import { setFlagsFromString } from 'node:v8';

/**
 * - 4 MiB semi-spaces instead of V8's 16: the young generation keeps 8 MiB resident, not
 *   32. Our requests allocate little that lives, so it costs no measured throughput.
 * - --expose-gc, for the one collection of settleAfterStartup().
 */
export const SERVICE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--expose-gc'];

/**
 * One malloc arena: argon2 hashes (19 MiB each) run on the libuv threads, and each thread's
 * own arena would keep its last hash's memory; one shared arena keeps only what was in use
 * at once.
 */
export const SERVICE_ENV: Readonly<Record<string, string>> = { MALLOC_ARENA_MAX: '1' };

/** How much the old generation may grow past what was live at the last full collection. */
const HEAP_GROWING_PERCENT = 15;

/**
 * Called once the files are loaded, before serving.
 *
 * Loading leaves garbage behind (each record's text as the snapshot is read, the
 * journal's lines, what building the indexes dropped), and what survives is scattered
 * over half-empty pages. V8 would keep it all resident until a full collection, which an
 * idle service may never reach: one compacting collection now hands those pages back
 * (inventory at 100,000 books: heap 75 → 59 MiB).
 *
 * From then on the old generation may grow by 15% of what is live before the next full
 * collection, instead of up to 4×: under load, the objects of requests in flight are
 * promoted and die there, and would otherwise pile up by the tens of megabytes. A full
 * collection of our heaps takes milliseconds (marking runs beside the loop) and, at this
 * rate, runs every second or two under full load. At 30% loans at a large library grew
 * 17-22 MiB over the benchmark's load, to 152-159 MiB; at 15%, 11 (150). Start-up itself
 * keeps V8's default, where it is faster.
 */
export function settleAfterStartup(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return; // started some other way: V8's defaults
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
  setFlagsFromString('--compact-on-every-full-gc');
  gc();
  setFlagsFromString('--no-compact-on-every-full-gc');
}
