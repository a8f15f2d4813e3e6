// The first page of a ranked answer needs only the k smallest positions, not a sorted
// list of every match: with thousands of matches and k = 20, a small heap is far
// cheaper than sorting them all.

/** The k smallest of `values`, ascending. */
export function smallestK(values: ArrayLike<number>, k: number): number[] {
  if (k <= 0 || values.length === 0) return [];
  if (k > 256 || k * 8 >= values.length) {
    return Array.from(Float64Array.from(values).sort().subarray(0, k));
  }
  // Max-heap of the k smallest seen so far: its root is the one to beat.
  const heap: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (heap.length < k) {
      heap.push(value);
      siftUp(heap, heap.length - 1);
    } else if (value < heap[0]) {
      heap[0] = value;
      siftDown(heap, 0);
    }
  }
  return heap.sort((a, b) => a - b);
}

function siftUp(heap: number[], at: number): void {
  while (at > 0) {
    const parent = (at - 1) >> 1;
    if (heap[parent] >= heap[at]) return;
    [heap[parent], heap[at]] = [heap[at], heap[parent]];
    at = parent;
  }
}

function siftDown(heap: number[], at: number): void {
  for (;;) {
    const left = 2 * at + 1;
    const right = left + 1;
    let largest = at;
    if (left < heap.length && heap[left] > heap[largest]) largest = left;
    if (right < heap.length && heap[right] > heap[largest]) largest = right;
    if (largest === at) return;
    [heap[largest], heap[at]] = [heap[at], heap[largest]];
    at = largest;
  }
}
