import { type RuntimeContext } from '../context';
import { ArrayList } from './ArrayList';
import { DEFAULT_JS_ARRAY_LIMIT, type CollectionRuntime } from './collectionRuntime';
import { HashMap } from './HashMap';
import { HashSet } from './HashSet';
import { LinkedHashMap } from './LinkedHashMap';
import { LinkedHashSet } from './LinkedHashSet';
import { List } from './List';
import { DwMap } from './Map';
import { perContext } from './perContext';
import { SeekableIterator, type SeekableSource } from './SeekableIterator';
import { DwSet } from './Set';
import { SortedMap } from './SortedMap';
import { SortedSet } from './SortedSet';

/** The constructible collection classes of one run, each bound to that run's CollectionRuntime. */
export interface CollectionClasses {
  readonly runtime: CollectionRuntime;
  readonly ArrayList: typeof ArrayList;
  readonly HashMap: typeof HashMap;
  readonly LinkedHashMap: typeof LinkedHashMap;
  readonly SortedMap: typeof SortedMap;
  readonly HashSet: typeof HashSet;
  readonly LinkedHashSet: typeof LinkedHashSet;
  readonly SortedSet: typeof SortedSet;
}

type AnyConstructor = abstract new (...args: never[]) => object;

/** A subclass of `base` whose instances use `runtime`; same name and statics as `base`. */
function bindToRuntime<C extends AnyConstructor>(base: C, runtime: CollectionRuntime): C {
  const Base = base as unknown as new (...args: unknown[]) => object;
  const Bound = class extends Base {};
  Object.defineProperty(Bound, 'name', { value: base.name });
  Object.defineProperty(Bound.prototype, 'runtime', { value: runtime });
  return Bound as unknown as C;
}

function createCollectionClasses(ctx: RuntimeContext | undefined): CollectionClasses {
  const runtime: CollectionRuntime = {
    ctx,
    jsArrayLimit: DEFAULT_JS_ARRAY_LIMIT,
    newList: (items) => new classes.ArrayList(...(items ? [[...items]] : [])),
    newSet: (items) => new classes.LinkedHashSet(items ? [...items] : undefined),
    openSeekableIterators: new Set(),
  };
  const classes: CollectionClasses = {
    runtime,
    ArrayList: bindToRuntime(ArrayList, runtime),
    HashMap: bindToRuntime(HashMap, runtime),
    LinkedHashMap: bindToRuntime(LinkedHashMap, runtime),
    SortedMap: bindToRuntime(SortedMap, runtime),
    HashSet: bindToRuntime(HashSet, runtime),
    LinkedHashSet: bindToRuntime(LinkedHashSet, runtime),
    SortedSet: bindToRuntime(SortedSet, runtime),
  };
  return classes;
}

/** The collection classes of a run (one set per RuntimeContext). */
export const collectionClassesFor = perContext((ctx) => createCollectionClasses(ctx));

// Immutable-by-convention constants shared by all runs, as `List.EMPTY_LIST` etc. on the platform.
const detached = createCollectionClasses(undefined);
Object.defineProperty(List, 'EMPTY_LIST', { value: Object.freeze(new detached.ArrayList()), enumerable: true });
Object.defineProperty(DwMap, 'EMPTY_MAP', { value: Object.freeze(new detached.HashMap()), enumerable: true });
Object.defineProperty(DwSet, 'EMPTY_SET', { value: Object.freeze(new detached.HashSet()), enumerable: true });

/** Host side: sets the run's `api.jsArraySize` quota (default 20 000) used by `toArray`. */
export function setJsArrayLimit(ctx: RuntimeContext, limit: number): void {
  collectionClassesFor(ctx).runtime.jsArrayLimit = limit;
}

/**
 * Host side: a `dw.util.SeekableIterator` over `source` as the platform returns from queries.
 * `count` is what `getCount()` reports (-1 when unknown); `onClose` runs once when it closes.
 */
export function createSeekableIterator<T>(
  ctx: RuntimeContext,
  source: SeekableSource<T>,
  count: number,
  onClose?: () => void,
): SeekableIterator<T> {
  return new SeekableIterator(collectionClassesFor(ctx).runtime, source, count, onClose);
}

/** Host side: the run's seekable iterators that were neither read to the end nor closed. */
export function openSeekableIterators(ctx: RuntimeContext): SeekableIterator<unknown>[] {
  return [...collectionClassesFor(ctx).runtime.openSeekableIterators];
}

/** Host side: reports each still-open seekable iterator through `ctx.warn` and returns how many. */
export function warnAboutOpenSeekableIterators(ctx: RuntimeContext): number {
  const open = openSeekableIterators(ctx);
  for (const iterator of open) {
    ctx.warn(
      'SEEKABLE_ITERATOR_NOT_CLOSED',
      `A SeekableIterator (count ${iterator.getCount()}) was neither read to the end nor closed; ` +
        'the platform keeps its database cursor open until the request ends.',
    );
  }
  return open.length;
}
