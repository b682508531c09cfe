import { type CollectionRuntime } from './collectionRuntime';
import { noSuchElement } from './JavaException';
import { type List } from './List';

export type NextElement<T> = () => IteratorResult<T, undefined>;

/** `dw.util.Iterator`. Built by collections and the runtime; scripts cannot construct it. */
export class Iterator<T> {
  protected readonly runtime: CollectionRuntime;
  private readonly pull: NextElement<T>;
  private lookahead: IteratorResult<T, undefined> | undefined;

  constructor(runtime: CollectionRuntime, pull: NextElement<T>) {
    this.runtime = runtime;
    this.pull = pull;
  }

  hasNext(): boolean {
    return !this.peek().done;
  }

  next(): T {
    const element = this.peek();
    if (element.done) throw noSuchElement('iterator has no more elements');
    this.lookahead = undefined;
    return element.value;
  }

  /** Without arguments: the remaining elements. With them: `size` elements after skipping `start`. */
  asList(start?: number, size?: number): List<T> {
    const list = this.runtime.newList<T>();
    if (start === undefined && size === undefined) {
      while (this.hasNext()) list.add1(this.next());
      return list;
    }
    let toSkip = Math.max(0, Math.trunc(Number(start) || 0));
    let toTake = Math.trunc(Number(size) || 0);
    while (toSkip > 0 && this.hasNext()) {
      this.next();
      toSkip--;
    }
    while (toTake > 0 && this.hasNext()) {
      list.add1(this.next());
      toTake--;
    }
    return list;
  }

  [Symbol.iterator](): globalThis.Iterator<T> {
    return { next: () => (this.hasNext() ? { done: false, value: this.next() } : { done: true, value: undefined }) };
  }

  private peek(): IteratorResult<T, undefined> {
    if (!this.lookahead) this.lookahead = this.pull();
    return this.lookahead;
  }
}
