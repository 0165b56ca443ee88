/**
 * A binary heap whose entries can also be found, replaced and removed by key in
 * O(log n): the scheduling queue's activeQ and backoffQ both need that.
 */

/** A min-heap ordered by `before` (true when a should come out before b). */
export class IndexedHeap<T> {
  private readonly items: T[] = [];
  private readonly positions = new Map<string, number>();

  constructor(private readonly keyOf: (item: T) => string, private readonly before: (a: T, b: T) => boolean) {}

  get size(): number {
    return this.items.length;
  }

  has(key: string): boolean {
    return this.positions.has(key);
  }

  get(key: string): T | undefined {
    const at = this.positions.get(key);
    return at === undefined ? undefined : this.items[at];
  }

  peek(): T | undefined {
    return this.items[0];
  }

  /** Adds the item, or replaces the one with the same key and restores order. */
  push(item: T): void {
    const key = this.keyOf(item);
    const at = this.positions.get(key);
    if (at !== undefined) {
      this.items[at] = item;
      this.fix(at);
      return;
    }
    this.items.push(item);
    this.positions.set(key, this.items.length - 1);
    this.up(this.items.length - 1);
  }

  pop(): T | undefined {
    const top = this.items[0];
    if (top !== undefined) this.removeAt(0);
    return top;
  }

  delete(key: string): T | undefined {
    const at = this.positions.get(key);
    if (at === undefined) return undefined;
    const item = this.items[at];
    this.removeAt(at);
    return item;
  }

  private removeAt(at: number): void {
    this.positions.delete(this.keyOf(this.items[at]));
    const last = this.items.pop()!;
    if (at === this.items.length) return;
    this.items[at] = last;
    this.positions.set(this.keyOf(last), at);
    this.fix(at);
  }

  private fix(at: number): void {
    if (!this.up(at)) this.down(at);
  }

  private up(start: number): boolean {
    let at = start;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.before(this.items[at], this.items[parent])) break;
      this.swap(at, parent);
      at = parent;
    }
    return at !== start;
  }

  private down(start: number): void {
    let at = start;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let first = at;
      if (left < this.items.length && this.before(this.items[left], this.items[first])) first = left;
      if (right < this.items.length && this.before(this.items[right], this.items[first])) first = right;
      if (first === at) return;
      this.swap(at, first);
      at = first;
    }
  }

  private swap(a: number, b: number): void {
    const itemA = this.items[a];
    this.items[a] = this.items[b];
    this.items[b] = itemA;
    this.positions.set(this.keyOf(this.items[a]), a);
    this.positions.set(this.keyOf(this.items[b]), b);
  }
}
