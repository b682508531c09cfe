import { type RuntimeContext } from '../context';
import { Bytes } from './Bytes';
import { calendarClassFor } from './Calendar';
import { Collection } from './Collection';
import { collectionClassesFor } from './collectionClasses';
import { Currency } from './Currency';
import { Decimal } from './Decimal';
import { Iterator } from './Iterator';
import { List } from './List';
import { DwMap } from './Map';
import { MapEntry } from './MapEntry';
import { SeekableIterator } from './SeekableIterator';
import { DwSet } from './Set';
import { stringUtilsFor } from './StringUtils';
import { templateClassFor } from './Template';
import { UUIDUtils } from './UUIDUtils';

export {
  createSeekableIterator,
  openSeekableIterators,
  setJsArrayLimit,
  warnAboutOpenSeekableIterators,
  collectionClassesFor,
} from './collectionClasses';
export { isSeekableIteratorClosed } from './SeekableIterator';
export { JavaException } from './JavaException';

export const dwModules: Record<string, (ctx: RuntimeContext) => unknown> = {
  'dw/util/Collection': () => Collection,
  'dw/util/List': () => List,
  'dw/util/ArrayList': (ctx) => collectionClassesFor(ctx).ArrayList,
  'dw/util/Iterator': () => Iterator,
  'dw/util/SeekableIterator': () => SeekableIterator,
  'dw/util/Map': () => DwMap,
  'dw/util/MapEntry': () => MapEntry,
  'dw/util/HashMap': (ctx) => collectionClassesFor(ctx).HashMap,
  'dw/util/LinkedHashMap': (ctx) => collectionClassesFor(ctx).LinkedHashMap,
  'dw/util/SortedMap': (ctx) => collectionClassesFor(ctx).SortedMap,
  'dw/util/Set': () => DwSet,
  'dw/util/HashSet': (ctx) => collectionClassesFor(ctx).HashSet,
  'dw/util/LinkedHashSet': (ctx) => collectionClassesFor(ctx).LinkedHashSet,
  'dw/util/SortedSet': (ctx) => collectionClassesFor(ctx).SortedSet,
  'dw/util/Decimal': () => Decimal,
  'dw/util/Currency': () => Currency,
  'dw/util/Calendar': (ctx) => calendarClassFor(ctx),
  'dw/util/StringUtils': (ctx) => stringUtilsFor(ctx),
  'dw/util/Template': (ctx) => templateClassFor(ctx),
  'dw/util/UUIDUtils': () => UUIDUtils,
  'dw/util/Bytes': () => Bytes,
};
