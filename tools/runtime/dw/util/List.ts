import { Collection, elementsOf } from './Collection';
import { illegalArgument, indexOutOfBounds } from './JavaException';
import { toCompareFunction, type ScriptComparator } from './comparators';
import { javaEquals } from './javaSemantics';

/** `dw.util.List`: an ordered collection backed by a JS array. */
export abstract class List<T> extends Collection<T> {
  protected readonly items: T[] = [];

  protected elements(): readonly T[] {
    return this.items;
  }

  add1(value: T): boolean {
    this.items.push(value);
    this.modCount++;
    return true;
  }

  addAt(index: number, value: T): void {
    this.checkIndex(index, this.items.length);
    this.items.splice(index, 0, value);
    this.modCount++;
  }

  remove(value: unknown): boolean {
    const index = this.indexOf(value);
    if (index < 0) return false;
    this.removeAt(index);
    return true;
  }

  removeAt(index: number): T {
    this.checkIndex(index, this.items.length - 1);
    this.modCount++;
    return this.items.splice(index, 1)[0];
  }

  clear(): void {
    this.items.length = 0;
    this.modCount++;
  }

  get(index: number): T {
    this.checkIndex(index, this.items.length - 1);
    return this.items[index];
  }

  set(index: number, value: T): T {
    this.checkIndex(index, this.items.length - 1);
    const previous = this.items[index];
    this.items[index] = value;
    return previous;
  }

  indexOf(value: unknown): number {
    return this.items.findIndex((element) => javaEquals(element, value));
  }

  lastIndexOf(value: unknown): number {
    for (let index = this.items.length - 1; index >= 0; index--) {
      if (javaEquals(this.items[index], value)) return index;
    }
    return -1;
  }

  concat(...values: unknown[]): List<T> {
    const result = this.runtime.newList<T>(this.items);
    for (const value of values) {
      if (Array.isArray(value) || value instanceof Collection) result.addAll(elementsOf(value as T[]));
      else result.add1(value as T);
    }
    return result;
  }

  fill(value: T): void {
    this.items.fill(value);
  }

  join(separator?: string | null): string {
    return this.items.map((element) => String(element)).join(separator ?? ',');
  }

  pop(): T | null {
    if (this.items.length === 0) return null;
    this.modCount++;
    return this.items.pop() as T;
  }

  push(...values: T[]): number {
    for (const value of values) this.add1(value);
    return this.items.length;
  }

  shift(): T | null {
    if (this.items.length === 0) return null;
    this.modCount++;
    return this.items.shift() as T;
  }

  unshift(...values: T[]): number {
    this.items.unshift(...values);
    this.modCount++;
    return this.items.length;
  }

  replaceAll(oldValue: unknown, newValue: T): boolean {
    let replaced = false;
    this.items.forEach((element, index) => {
      if (javaEquals(element, oldValue)) {
        this.items[index] = newValue;
        replaced = true;
      }
    });
    return replaced;
  }

  reverse(): void {
    this.items.reverse();
  }

  /** As `java.util.Collections.rotate`: element i moves to (i + distance) mod size. */
  rotate(distance: number): void {
    const size = this.items.length;
    if (size === 0) return;
    const shift = ((Math.trunc(distance) % size) + size) % size;
    this.items.unshift(...this.items.splice(size - shift, shift));
  }

  shuffle(): void {
    for (let index = this.items.length - 1; index > 0; index--) {
      const other = Math.floor(Math.random() * (index + 1));
      this.swap(index, other);
    }
  }

  swap(i: number, j: number): void {
    this.checkIndex(i, this.items.length - 1);
    this.checkIndex(j, this.items.length - 1);
    [this.items[i], this.items[j]] = [this.items[j], this.items[i]];
  }

  /** Stable, like Java's; natural order without a comparator. */
  sort(comparator?: ScriptComparator): void {
    this.items.sort(toCompareFunction(comparator));
    this.modCount++;
  }

  slice(from: number, to?: number): List<T> {
    return this.runtime.newList(this.items.slice(from, to));
  }

  subList(from: number, to: number): List<T> {
    if (from < 0 || to > this.items.length || from > to) {
      throw indexOutOfBounds(`subList(${from}, ${to}) of a list of size ${this.items.length}`);
    }
    return this.runtime.newList(this.items.slice(from, to));
  }

  override assignAt(index: number, value: unknown): void {
    this.set(index, value as T);
  }

  private checkIndex(index: number, max: number): void {
    if (typeof index !== 'number' || Number.isNaN(index)) throw illegalArgument(`index is not a number: ${index}`);
    if (index < 0 || index > max) {
      throw indexOutOfBounds(`Index: ${index}, Size: ${this.items.length}`);
    }
  }
}
