import { type Collection, elementsOf } from './Collection';
import { isScriptComparator, toCompareFunction, type ScriptComparator } from './comparators';
import { noSuchElement } from './JavaException';
import { DwSet } from './Set';

/**
 * `dw.util.SortedSet` (a Java TreeSet): ordered by the comparator or natural order; elements that
 * compare as equal are duplicates.
 */
export class SortedSet<T> extends DwSet<T> {
  private readonly comparator: ScriptComparator | undefined;
  private readonly compare: (a: unknown, b: unknown) => number;

  constructor(comparatorOrCollection?: ScriptComparator | Collection<T> | readonly T[]) {
    super();
    this.comparator = isScriptComparator(comparatorOrCollection) ? comparatorOrCollection : undefined;
    this.compare = toCompareFunction(this.comparator);
    if (comparatorOrCollection !== undefined && !isScriptComparator(comparatorOrCollection)) {
      this.addAll(elementsOf(comparatorOrCollection as readonly T[]));
    }
  }

  protected override elements(): readonly T[] {
    return [...super.elements()].sort(this.compare);
  }

  override contains(value: unknown): boolean {
    return super.elements().some((element) => this.compare(element, value) === 0);
  }

  override add1(value: T): boolean {
    return this.contains(value) ? false : super.add1(value);
  }

  override remove(value: unknown): boolean {
    const match = super.elements().find((element) => this.compare(element, value) === 0);
    return match === undefined ? false : super.remove(match);
  }

  first(): T {
    if (this.isEmpty()) throw noSuchElement('sorted set is empty');
    return this.elements()[0];
  }

  last(): T {
    if (this.isEmpty()) throw noSuchElement('sorted set is empty');
    return this.elements()[this.size() - 1];
  }

  headSet(to: T): SortedSet<T> {
    return this.copyWhere((element) => this.compare(element, to) < 0);
  }

  tailSet(from: T): SortedSet<T> {
    return this.copyWhere((element) => this.compare(element, from) >= 0);
  }

  subSet(from: T, to: T): SortedSet<T> {
    return this.copyWhere((element) => this.compare(element, from) >= 0 && this.compare(element, to) < 0);
  }

  clone(): SortedSet<T> {
    return this.copyWhere(() => true);
  }

  /** A copy, not the live view Java returns. */
  private copyWhere(keep: (element: T) => boolean): SortedSet<T> {
    const Same = this.constructor as new (comparator?: ScriptComparator) => SortedSet<T>;
    const copy = new Same(this.comparator);
    for (const element of this.elements()) if (keep(element)) copy.add1(element);
    return copy;
  }
}
