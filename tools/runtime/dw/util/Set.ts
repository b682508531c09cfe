import { Collection } from './Collection';

/** Java's HashSet identity: equal primitives are one element, objects are compared by identity. */
const keyOf = (value: unknown): unknown => value;

/** `dw.util.Set`: no duplicates, iteration in insertion order (see HashSet for the deviation). */
export abstract class DwSet<T> extends Collection<T> {
  private readonly members = new Map<unknown, T>();

  protected elements(): readonly T[] {
    return [...this.members.values()];
  }

  override size(): number {
    return this.members.size;
  }

  override contains(value: unknown): boolean {
    return this.members.has(keyOf(value));
  }

  add1(value: T): boolean {
    const key = keyOf(value);
    if (this.members.has(key)) return false;
    this.members.set(key, value);
    this.modCount++;
    return true;
  }

  remove(value: unknown): boolean {
    const removed = this.members.delete(keyOf(value));
    if (removed) this.modCount++;
    return removed;
  }

  clear(): void {
    this.members.clear();
    this.modCount++;
  }
}
