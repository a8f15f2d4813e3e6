// Key → the ids filed under it (a member's loans, a book's holds): what the indexes are made of.
export class IdSets {
  private readonly sets = new Map<string, Set<string>>();

  get(key: string): ReadonlySet<string> | undefined {
    return this.sets.get(key);
  }

  add(key: string, id: string): void {
    let ids = this.sets.get(key);
    if (!ids) this.sets.set(key, (ids = new Set()));
    ids.add(id);
  }

  delete(key: string, id: string): void {
    const ids = this.sets.get(key);
    if (!ids) return;
    ids.delete(id);
    if (ids.size === 0) this.sets.delete(key);
  }
}
