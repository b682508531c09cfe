import { naturalCompare } from './javaSemantics';

/** A script comparator: a function or an object with `compare` (dw.util.PropertyComparator). */
export type ScriptComparator = ((a: unknown, b: unknown) => number) | { compare(a: unknown, b: unknown): number };

export function isScriptComparator(value: unknown): value is ScriptComparator {
  return (
    typeof value === 'function' ||
    (typeof value === 'object' && value !== null && typeof (value as { compare?: unknown }).compare === 'function')
  );
}

export function toCompareFunction(comparator: ScriptComparator | undefined | null): (a: unknown, b: unknown) => number {
  if (comparator === undefined || comparator === null) return naturalCompare;
  if (typeof comparator === 'function') return (a, b) => Number(comparator(a, b));
  return (a, b) => Number(comparator.compare(a, b));
}
