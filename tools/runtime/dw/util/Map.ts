import { type Collection } from './Collection';
import { type CollectionRuntime } from './collectionRuntime';
import { javaEquals } from './javaSemantics';
import { MapEntry } from './MapEntry';
import { type DwSet } from './Set';

/**
 * Like the platform's map wrapper, a map also reads and writes string keys as properties:
 * `map.orderNo` is `map.get('orderNo')` when `orderNo` is not a member of the map.
 */
function withKeyAccess<M extends DwMap<unknown, unknown>>(map: M): M {
  return new Proxy(map, {
    get(target, property, receiver) {
      if (typeof property === 'string' && !(property in target) && target.containsKey(property)) {
        return target.get(property);
      }
      return Reflect.get(target, property, receiver);
    },
    set(target, property, value, receiver) {
      if (typeof property === 'symbol' || property in target) return Reflect.set(target, property, value, receiver);
      target.put(property, value);
      return true;
    },
  });
}

/** `dw.util.Map`. Keys: equal primitives are one key, objects are compared by identity. */
export abstract class DwMap<K, V> {
  declare protected readonly runtime: CollectionRuntime;
  private readonly store = new Map<unknown, { key: K; value: V }>();

  constructor() {
    return withKeyAccess(this);
  }

  /** The keys in iteration order. */
  protected orderedKeys(): K[] {
    return [...this.store.values()].map((entry) => entry.key);
  }

  get(key: unknown): V | null {
    return this.store.has(key) ? (this.store.get(key) as { value: V }).value : null;
  }

  put(key: K, value: V): V | null {
    const previous = this.get(key);
    const existing = this.store.get(key);
    if (existing) existing.value = value;
    else this.store.set(key, { key, value });
    return previous;
  }

  putAll(other: DwMap<K, V>): void {
    for (const key of other.orderedKeys()) this.put(key, other.get(key) as V);
  }

  remove(key: unknown): V | null {
    const previous = this.get(key);
    this.store.delete(key);
    return previous;
  }

  clear(): void {
    this.store.clear();
  }

  containsKey(key: unknown): boolean {
    return this.store.has(key);
  }

  containsValue(value: unknown): boolean {
    return [...this.store.values()].some((entry) => javaEquals(entry.value, value));
  }

  size(): number {
    return this.store.size;
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

  /** A copy of the keys (Java returns a live view). */
  keySet(): DwSet<K> {
    return this.runtime.newSet(this.orderedKeys());
  }

  /** A copy of the entries (Java returns a live view). */
  entrySet(): DwSet<MapEntry<K, V>> {
    return this.runtime.newSet(this.orderedKeys().map((key) => new MapEntry(key, this.get(key) as V)));
  }

  values(): Collection<V> {
    return this.runtime.newList(this.orderedKeys().map((key) => this.get(key) as V));
  }

  toString(): string {
    return `{${this.orderedKeys()
      .map((key) => `${String(key)}=${String(this.get(key))}`)
      .join(', ')}}`;
  }
}
