import { assertJsArraySize, type CollectionRuntime } from './collectionRuntime';
import { withIndexAccess, type IndexedElements } from './indexAccess';
import { concurrentModification, unsupportedOperation } from './JavaException';
import { Iterator } from './Iterator';
import { javaEquals } from './javaSemantics';

/** `dw.util.Collection`: the members shared by lists and sets. Not constructible by scripts. */
export abstract class Collection<T> implements IndexedElements {
  /** Set on the prototype of each run's concrete classes (collectionClasses.ts). */
  declare protected readonly runtime: CollectionRuntime;
  /** Served by the index-access Proxy (indexAccess.ts). */
  [index: number]: T;
  /** Bumped on every structural change, so that iterators fail fast like Java's. */
  protected modCount = 0;

  constructor() {
    return withIndexAccess(this);
  }

  /** The elements in iteration order; callers must not modify the returned array. */
  protected abstract elements(): readonly T[];
  abstract add1(value: T): boolean;
  abstract remove(value: unknown): boolean;
  abstract clear(): void;

  add(...values: unknown[]): boolean {
    const toAdd = values.length === 1 && Array.isArray(values[0]) ? (values[0] as T[]) : (values as T[]);
    let changed = false;
    for (const value of toAdd) changed = this.add1(value) || changed;
    return changed;
  }

  addAll(values: Collection<T> | readonly T[]): boolean {
    let changed = false;
    for (const value of elementsOf(values)) changed = this.add1(value) || changed;
    return changed;
  }

  contains(value: unknown): boolean {
    return this.elements().some((element) => javaEquals(element, value));
  }

  containsAll(values: Collection<unknown> | readonly unknown[]): boolean {
    return elementsOf(values).every((value) => this.contains(value));
  }

  removeAll(values: Collection<unknown> | readonly unknown[]): boolean {
    const toRemove = elementsOf(values);
    let changed = false;
    for (const element of [...this.elements()]) {
      if (toRemove.some((value) => javaEquals(element, value))) changed = this.remove(element) || changed;
    }
    return changed;
  }

  retainAll(values: Collection<unknown> | readonly unknown[]): boolean {
    const toKeep = elementsOf(values);
    let changed = false;
    for (const element of [...this.elements()]) {
      if (!toKeep.some((value) => javaEquals(element, value))) changed = this.remove(element) || changed;
    }
    return changed;
  }

  size(): number {
    return this.elements().length;
  }

  getLength(): number {
    return this.size();
  }

  get length(): number {
    return this.size();
  }

  isEmpty(): boolean {
    return this.size() === 0;
  }

  get empty(): boolean {
    return this.isEmpty();
  }

  iterator(): Iterator<T> {
    const expectedModCount = this.modCount;
    const elements = this.elements();
    let position = 0;
    return new Iterator<T>(this.runtime, () => {
      if (this.modCount !== expectedModCount) throw concurrentModification('collection modified during iteration');
      return position < elements.length
        ? { done: false, value: elements[position++] }
        : { done: true, value: undefined };
    });
  }

  /**
   * A new script array; throws like the platform when it would exceed the `api.jsArraySize` quota
   * (the runtime's `jsArrayLimit`).
   */
  toArray(start?: number, size?: number): T[] {
    const elements = this.elements();
    if (start === undefined && size === undefined) {
      assertJsArraySize(this.runtime, elements.length);
      return [...elements];
    }
    const from = Math.max(0, Math.trunc(Number(start) || 0));
    const count = Math.trunc(Number(size) || 0);
    if (count <= 0) return [];
    const result = elements.slice(from, from + count);
    assertJsArraySize(this.runtime, result.length);
    return result;
  }

  toString(): string {
    return `[${this.elements().map(String).join(', ')}]`;
  }

  [Symbol.iterator](): IterableIterator<T> {
    return [...this.elements()][Symbol.iterator]();
  }

  elementAt(index: number): unknown {
    return this.elements()[index];
  }

  assignAt(index: number, _value: unknown): void {
    throw unsupportedOperation(`cannot assign element ${index} of a ${this.constructor.name}`);
  }

  hasIndex(index: number): boolean {
    return index < this.size();
  }
}

/** The elements of a script collection or array argument. */
export function elementsOf<T>(values: Collection<T> | readonly T[] | Iterable<T>): readonly T[] {
  if (values === null || values === undefined) throw unsupportedOperation('collection argument is null');
  if (Array.isArray(values)) return values as readonly T[];
  return [...(values as Iterable<T>)];
}
