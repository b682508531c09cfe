import { Collection, elementsOf } from './Collection';
import { Iterator } from './Iterator';
import { List } from './List';

/**
 * `dw.util.ArrayList`. `new ArrayList()`, `new ArrayList(collection)`, `new ArrayList(iterator)`,
 * `new ArrayList(a, b, …)`, and, as on the platform, `new ArrayList(array)` copies the array.
 */
export class ArrayList<T> extends List<T> {
  constructor(...values: unknown[]) {
    super();
    const [first] = values;
    if (values.length === 1 && first instanceof Iterator) {
      while (first.hasNext()) this.items.push(first.next() as T);
    } else if (values.length === 1 && (first instanceof Collection || Array.isArray(first))) {
      this.items.push(...elementsOf(first as T[]));
    } else {
      this.items.push(...(values as T[]));
    }
  }

  clone(): ArrayList<T> {
    return this.runtime.newList(this.items) as ArrayList<T>;
  }
}
