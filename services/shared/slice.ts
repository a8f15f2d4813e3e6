// Background work that shares the event loop with requests (writing a snapshot in
// store/snapshot-writer.ts, filing loans' history, building the catalog's search index)
// gives the loop back after this long, so no request waits behind it for more than a few
// milliseconds.
export const SLICE_MS = 8;

/**
 * Work written as a generator that yields after each short step (well under a slice): it
 * runs to its end at once (runAll) or a slice of the event loop at a time (runInSlices), by
 * the same code.
 */
export type Steps = Iterator<unknown, unknown, undefined>;

/** Runs every step now. */
export function runAll(steps: Steps): void {
  while (!steps.next().done);
}

/**
 * Runs the steps for `sliceMs` at a time, then lets the loop run what waits (timers, I/O,
 * requests: setImmediate) before the next slice. Resolves true once the last step is done,
 * false if `signal` is aborted first (no step runs after that); rejects with what a step throws.
 */
export function runInSlices(steps: Steps, sliceMs = SLICE_MS, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const slice = () => {
      if (signal?.aborted) return resolve(false);
      const deadline = performance.now() + sliceMs;
      try {
        do {
          if (steps.next().done) return resolve(true);
        } while (performance.now() < deadline);
      } catch (error) {
        return reject(error);
      }
      setImmediate(slice);
    };
    setImmediate(slice);
  });
}
