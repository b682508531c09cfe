/** What a collection must offer so that `collection[i]` reads (and, for lists, writes) element i. */
export interface IndexedElements {
  elementAt(index: number): unknown;
  assignAt(index: number, value: unknown): void;
  hasIndex(index: number): boolean;
}

const CANONICAL_INDEX = /^(0|[1-9]\d*)$/;

function asIndex(property: string | symbol): number | undefined {
  return typeof property === 'string' && CANONICAL_INDEX.test(property) ? Number(property) : undefined;
}

/**
 * Wraps a collection in a Proxy so that numeric property access behaves like the platform's
 * (Rhino) collection wrappers: `list[0]` is `list.get(0)`, out-of-range reads give `undefined`.
 */
export function withIndexAccess<C extends IndexedElements>(collection: C): C {
  return new Proxy(collection, {
    get(target, property, receiver) {
      const index = asIndex(property);
      return index === undefined ? Reflect.get(target, property, receiver) : target.elementAt(index);
    },
    set(target, property, value, receiver) {
      const index = asIndex(property);
      if (index === undefined) return Reflect.set(target, property, value, receiver);
      target.assignAt(index, value);
      return true;
    },
    has(target, property) {
      const index = asIndex(property);
      return index === undefined ? Reflect.has(target, property) : target.hasIndex(index);
    },
  });
}
