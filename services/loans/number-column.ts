// A growable column of numbers in one typed array: what the history keeps per row (byte
// offset, length, loan id number). 200,000 rows as three plain arrays took about 6 MB of
// heap (doubles, and room for growth); as typed arrays 20 bytes a row beside the heap, cut
// to their length once the file is read.

type Numbers = Float64Array | Uint32Array;

export class NumberColumn<T extends Numbers = Float64Array> {
  private data: T;
  private count = 0;

  constructor(private readonly make: (length: number) => T) {
    this.data = make(1024);
  }

  get length(): number {
    return this.count;
  }

  at(i: number): number {
    return this.data[i];
  }

  /** The rows as one array (a view: valid until the next push). */
  view(): T {
    return this.data.subarray(0, this.count) as T;
  }

  push(value: number): void {
    if (this.count === this.data.length) this.resize(Math.ceil(this.count * 1.5) + 1024);
    this.data[this.count++] = value;
  }

  /** Gives back the room beyond the rows held (after reading a file), bar a little for appends. */
  trim(): void {
    if (this.data.length > this.count + 1024) this.resize(this.count + 1024);
  }

  private resize(length: number): void {
    const data = this.make(length);
    data.set(this.data.subarray(0, this.count));
    this.data = data;
  }
}
