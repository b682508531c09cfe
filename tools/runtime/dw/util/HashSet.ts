import { type Collection, elementsOf } from './Collection';
import { DwSet } from './Set';

/**
 * `dw.util.HashSet`. Deliberate difference: iterates in insertion order, where the platform's
 * order is unspecified (hash order); code that depends on HashSet order is wrong on both.
 */
export class HashSet<T> extends DwSet<T> {
  constructor(collection?: Collection<T> | readonly T[]) {
    super();
    if (collection !== undefined && collection !== null) this.addAll(elementsOf(collection));
  }

  clone(): HashSet<T> {
    const Same = this.constructor as new (collection: readonly T[]) => HashSet<T>;
    return new Same(this.elements());
  }
}
