import { type RuntimeContext } from '../context';
import { JavaException } from './JavaException';
import { type List } from './List';
import { type SeekableIterator } from './SeekableIterator';
import { type DwSet } from './Set';

/** The platform's `api.jsArraySize` quota: no script array may hold more elements. */
export const DEFAULT_JS_ARRAY_LIMIT = 20_000;

/**
 * What a collection needs from the run it belongs to. Concrete collection classes are bound to one
 * runtime per RuntimeContext (see collectionClasses.ts), so lists they create internally are
 * instances of the same `ArrayList` that the run's scripts `require`.
 */
export interface CollectionRuntime {
  readonly ctx: RuntimeContext | undefined;
  jsArrayLimit: number;
  newList<T>(items?: Iterable<T>): List<T>;
  newSet<T>(items?: Iterable<T>): DwSet<T>;
  /** Seekable iterators of this run that were neither read to the end nor closed. */
  readonly openSeekableIterators: Set<SeekableIterator<unknown>>;
}

/** Throws as the platform does when a script array would exceed the `api.jsArraySize` quota. */
export function assertJsArraySize(runtime: CollectionRuntime, size: number): void {
  if (size > runtime.jsArrayLimit) {
    throw new JavaException(
      'dw.system.QuotaExceededException',
      `Limit for quota 'api.jsArraySize' exceeded. Limit is ${runtime.jsArrayLimit}, actual is ${size}.`,
    );
  }
}
