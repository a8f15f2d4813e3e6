// Counts events per key over the last `windowMs`, exactly (a log of times per key, at most
// `max` kept): "at most 30 a minute" holds over any minute, which a fixed window
// (rate-limiter-flexible's memory limiter) lets double at a window's edge. Keys that go
// quiet are swept, so the map does not grow without bound.
import { systemClock, type Clock } from '../shared/clock.js';

export class SlidingWindow {
  private readonly times = new Map<string, number[]>();
  private lastSweep: number;

  constructor(
    readonly max: number,
    readonly windowMs: number,
    private readonly now: Clock = systemClock,
  ) {
    this.lastSweep = now();
  }

  /** Seconds until `key` may have another event, or 0 when it may now. */
  retryAfter(key: string): number {
    const recent = this.recent(key);
    if (recent.length < this.max) return 0;
    return Math.max(1, Math.ceil((recent[recent.length - this.max] + this.windowMs - this.now()) / 1000));
  }

  add(key: string): void {
    const recent = this.recent(key);
    recent.push(this.now());
    if (recent.length > this.max) recent.shift();
    this.times.set(key, recent);
  }

  /** Takes back the latest event of `key` (an attempt that turned out not to count). */
  undo(key: string): void {
    const recent = this.times.get(key);
    recent?.pop();
    if (recent?.length === 0) this.times.delete(key);
  }

  private recent(key: string): number[] {
    const t = this.now();
    if (t - this.lastSweep > this.windowMs) {
      for (const [k, times] of this.times) if (times[times.length - 1] <= t - this.windowMs) this.times.delete(k);
      this.lastSweep = t;
    }
    const times = this.times.get(key);
    if (!times) return [];
    while (times.length > 0 && times[0] <= t - this.windowMs) times.shift();
    return times;
  }
}
