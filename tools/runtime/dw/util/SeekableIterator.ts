import { type CollectionRuntime } from './collectionRuntime';
import { Iterator } from './Iterator';
import { illegalArgument, noSuchElement } from './JavaException';
import { type List } from './List';

/** Where a seekable iterator's elements come from: an iterable, or a function returning a fresh iterator. */
export type SeekableSource<T> = Iterable<T> | (() => globalThis.Iterator<T>);

const closedIterators = new WeakSet<SeekableIterator<unknown>>();

/** Host side: true once closed by `close()`, `first()`, `asList(…)` or by reading the last element. */
export function isSeekableIteratorClosed(iterator: SeekableIterator<unknown>): boolean {
  return closedIterators.has(iterator);
}

/**
 * `dw.util.SeekableIterator`: a one-pass iterator over a large result (query results). It closes
 * itself when read to the end; otherwise the script must call `close()`. An open iterator stays
 * listed in its runtime's `openSeekableIterators` until then.
 */
export class SeekableIterator<T> extends Iterator<T> {
  private readonly total: number;
  private readonly onClose: (() => void) | undefined;
  private readonly source: globalThis.Iterator<T>;
  private closed = false;
  private touched = false;
  private remainingLimit = Infinity;

  constructor(runtime: CollectionRuntime, source: SeekableSource<T>, count: number, onClose?: () => void) {
    const state: { self?: SeekableIterator<T> } = {};
    super(runtime, () => (state.self as SeekableIterator<T>).pullNext());
    state.self = this;
    this.total = count;
    this.onClose = onClose;
    this.source = typeof source === 'function' ? source() : source[Symbol.iterator]();
    runtime.openSeekableIterators.add(this as SeekableIterator<unknown>);
  }

  getCount(): number {
    return this.total;
  }

  get count(): number {
    return this.total;
  }

  override hasNext(): boolean {
    if (this.closed) return false;
    const more = super.hasNext();
    if (!more) this.close();
    return more;
  }

  override next(): T {
    if (this.closed) throw noSuchElement('SeekableIterator is closed');
    this.touched = true;
    const element = super.next();
    // Reading the last element releases the cursor, as on the platform.
    if (!super.hasNext()) this.close();
    return element;
  }

  /** The first element, or null if next()/forward() were called before; closes the iterator. */
  first(): T | null {
    const element = !this.touched && this.hasNext() ? super.next() : null;
    this.close();
    return element;
  }

  forward(n: number, size?: number): void {
    if (!(n >= 0)) throw illegalArgument(`forward: number of elements must be 0 or positive, was ${n}`);
    this.touched = true;
    for (let skipped = 0; skipped < n && this.hasNext(); skipped++) super.next();
    if (size !== undefined) {
      if (!(size >= 0)) throw illegalArgument(`forward: size must be 0 or positive, was ${size}`);
      this.remainingLimit = size;
      if (size === 0) this.close();
    }
  }

  override asList(start?: number, size?: number): List<T> {
    if (start !== undefined && !(start >= 0))
      throw illegalArgument(`asList: start must be 0 or positive, was ${start}`);
    this.touched = true;
    const list = super.asList(start, size);
    this.close();
    return list;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    closedIterators.add(this as SeekableIterator<unknown>);
    this.runtime.openSeekableIterators.delete(this as SeekableIterator<unknown>);
    this.source.return?.();
    this.onClose?.();
  }

  private pullNext(): IteratorResult<T, undefined> {
    if (this.closed || this.remainingLimit <= 0) return { done: true, value: undefined };
    const result = this.source.next();
    if (result.done) return { done: true, value: undefined };
    this.remainingLimit--;
    return { done: false, value: result.value };
  }
}
