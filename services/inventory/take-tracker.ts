// Which takes are still pending (for the expiry sweep) and which settled records may be
// pruned (oldest first), kept in memory so the sweeper never scans the whole store.
import type { InventoryStore } from './store.js';

export type TakeKind = 'copyTakes' | 'stockTakes';
export type SettledKind = TakeKind | 'checkins';

interface SettledEntry {
  kind: SettledKind;
  id: string;
  settledAt: string;
  at: number;
}

export class TakeTracker {
  private readonly pending: Record<TakeKind, Map<string, number>> = { copyTakes: new Map(), stockTakes: new Map() };
  private settled: SettledEntry[] = [];
  private head = 0;

  static build(store: InventoryStore): TakeTracker {
    const tracker = new TakeTracker();
    for (const kind of ['copyTakes', 'stockTakes'] as const) {
      for (const take of store.values(kind)) {
        if (take.state === 'taken') tracker.pending[kind].set(take.operationId, Date.parse(take.expiresAt));
        else tracker.push(kind, take.operationId, take.settledAt ?? take.expiresAt);
      }
    }
    for (const checkin of store.values('checkins')) tracker.push('checkins', checkin.operationId, checkin.settledAt);
    tracker.settled.sort((a, b) => a.at - b.at);
    return tracker;
  }

  get pendingCount(): number {
    return this.pending.copyTakes.size + this.pending.stockTakes.size;
  }

  taken(kind: TakeKind, id: string, expiresAt: string): void {
    this.pending[kind].set(id, Date.parse(expiresAt));
  }

  settle(kind: SettledKind, id: string, settledAt: string): void {
    if (kind !== 'checkins') this.pending[kind].delete(id);
    this.push(kind, id, settledAt);
  }

  /** Pending takes whose time is up. */
  due(kind: TakeKind, nowMs: number): string[] {
    const ids: string[] = [];
    for (const [id, expiresAt] of this.pending[kind]) if (expiresAt <= nowMs) ids.push(id);
    return ids;
  }

  /**
   * Removes from the queue and returns up to `max` entries settled before `cutoffMs`. An
   * entry may be stale (its record settled again later, or taken again): the caller checks
   * `settledAt` against the record before deleting it.
   */
  takePrunable(cutoffMs: number, max: number): SettledEntry[] {
    const out: SettledEntry[] = [];
    while (this.head < this.settled.length && out.length < max && this.settled[this.head].at < cutoffMs) {
      out.push(this.settled[this.head++]);
    }
    if (this.head > 1024 && this.head * 2 > this.settled.length) {
      this.settled = this.settled.slice(this.head);
      this.head = 0;
    }
    return out;
  }

  private push(kind: SettledKind, id: string, settledAt: string): void {
    this.settled.push({ kind, id, settledAt, at: Date.parse(settledAt) });
  }
}
