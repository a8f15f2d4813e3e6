// The one owner of "an operation in flight" in loans (as InFlight is in orders'
// idempotency.ts): the borrows and returns this process is running now, by operation id,
// and what a second caller waits for, by loan id — a borrow's take confirmation still
// running after its answer, an attempt at a return. Borrow and return register here;
// upkeep asks here whether an operation is idle before it repairs it.
export class InFlight {
  private readonly operations = new Set<string>();
  private readonly confirmations = new Map<string, Promise<void>>();
  private readonly draining = new Set<Promise<void>>();
  private readonly returns = new Map<string, Promise<unknown>>();

  /** Marks an operation as running in this process; upkeep leaves it alone until `end`. */
  begin(operationId: string): void {
    this.operations.add(operationId);
  }

  end(operationId: string): void {
    this.operations.delete(operationId);
  }

  isRunning(operationId: string): boolean {
    return this.operations.has(operationId);
  }

  /**
   * The take confirmation of loan `loanId` runs until `confirming` settles (shutdown drains
   * it). A return waits only for `atInventory`: inventory has answered and the loan's
   * `confirmed` flag is set in memory. That flag's journal line need not be durable before
   * the check-in (if it is lost, upkeep confirms again, and inventory answers a confirm
   * asked twice from the take), so a return no longer waits for one more fsync.
   */
  confirming(loanId: string, confirming: Promise<void>, atInventory: Promise<void> = confirming): void {
    this.confirmations.set(loanId, atInventory);
    this.draining.add(confirming);
    const forget = () => {
      if (this.confirmations.get(loanId) === atInventory) this.confirmations.delete(loanId);
      this.draining.delete(confirming);
    };
    confirming.then(forget, forget);
  }

  confirmationOf(loanId: string): Promise<void> | undefined {
    return this.confirmations.get(loanId);
  }

  /** Runs one attempt at a loan's return, known to other attempts until it ends. */
  returning<T>(loanId: string, attempt: () => Promise<T>): Promise<T> {
    const running = attempt();
    this.returns.set(loanId, running);
    const forget = () => {
      if (this.returns.get(loanId) === running) this.returns.delete(loanId);
    };
    running.then(forget, forget);
    return running;
  }

  returnOf(loanId: string): Promise<unknown> | undefined {
    return this.returns.get(loanId);
  }

  /** Resolves once every confirmation started so far has ended (at shutdown). */
  async drain(): Promise<void> {
    await Promise.allSettled([...this.draining]);
  }
}
