import { type AttributeLookup, type QueryValue } from '../../../../../tools/runtime/query';

/** A lookup over a plain record; absent keys read as unset. */
export function lookupOf(record: Record<string, QueryValue | undefined>): AttributeLookup {
  return (path) => record[path];
}
