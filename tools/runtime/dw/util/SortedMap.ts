import { isScriptComparator, toCompareFunction, type ScriptComparator } from './comparators';
import { noSuchElement } from './JavaException';
import { DwMap } from './Map';

/**
 * `dw.util.SortedMap` (a Java TreeMap): keys ordered by the comparator or natural order.
 * Deliberate difference: keys are matched by equality, not by `compare(...) === 0`.
 */
export class SortedMap<K, V> extends DwMap<K, V> {
  private readonly comparator: ScriptComparator | undefined;
  private readonly compare: (a: unknown, b: unknown) => number;

  constructor(comparator?: ScriptComparator) {
    super();
    this.comparator = isScriptComparator(comparator) ? comparator : undefined;
    this.compare = toCompareFunction(this.comparator);
  }

  protected override orderedKeys(): K[] {
    return super.orderedKeys().sort(this.compare);
  }

  firstKey(): K {
    const keys = this.orderedKeys();
    if (keys.length === 0) throw noSuchElement('sorted map is empty');
    return keys[0];
  }

  lastKey(): K {
    const keys = this.orderedKeys();
    if (keys.length === 0) throw noSuchElement('sorted map is empty');
    return keys[keys.length - 1];
  }

  headMap(to: K): SortedMap<K, V> {
    return this.copyWhere((key) => this.compare(key, to) < 0);
  }

  tailMap(from: K): SortedMap<K, V> {
    return this.copyWhere((key) => this.compare(key, from) >= 0);
  }

  subMap(from: K, to: K): SortedMap<K, V> {
    return this.copyWhere((key) => this.compare(key, from) >= 0 && this.compare(key, to) < 0);
  }

  clone(): SortedMap<K, V> {
    return this.copyWhere(() => true);
  }

  /** A copy, not the live view Java returns. */
  private copyWhere(keep: (key: K) => boolean): SortedMap<K, V> {
    const Same = this.constructor as new (comparator?: ScriptComparator) => SortedMap<K, V>;
    const copy = new Same(this.comparator);
    for (const key of this.orderedKeys()) if (keep(key)) copy.put(key, this.get(key) as V);
    return copy;
  }
}
