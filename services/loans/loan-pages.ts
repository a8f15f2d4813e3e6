// A page of loans, newest first, from two id-ordered lists (open loans and returned ones):
// the lists are ascending arrays of loan id numbers, so a page walks offset+limit numbers
// and touches only the records it answers with.
export interface Pick {
  from: 'open' | 'returned';
  n: number;
}

export function mergedPage(open: readonly number[], returned: readonly number[], offset: number, limit: number): Pick[] {
  let i = open.length - 1;
  let j = returned.length - 1;
  const picks: Pick[] = [];
  for (let rank = 0; rank < offset + limit && (i >= 0 || j >= 0); rank++) {
    const fromOpen = j < 0 || (i >= 0 && open[i] > returned[j]);
    const n = fromOpen ? open[i--] : returned[j--];
    if (rank >= offset) picks.push({ from: fromOpen ? 'open' : 'returned', n });
  }
  return picks;
}
