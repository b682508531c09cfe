import { classCast } from './JavaException';

interface WithEquals {
  equals(other: unknown): boolean;
}
interface WithCompareTo {
  compareTo(other: unknown): number;
}

const hasMethod = <K extends string>(value: unknown, name: K): value is Record<K, (...args: unknown[]) => unknown> =>
  typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[name] === 'function';

/** `Object.equals` as the Java collections apply it to script values. */
export function javaEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || a === undefined || b === null || b === undefined) return false;
  if (typeof a === 'number' && typeof b === 'number') return Number.isNaN(a) && Number.isNaN(b);
  if (hasMethod(a, 'equals')) return (a as unknown as WithEquals).equals(b) === true;
  return false;
}

/** Java natural ordering (`Comparable.compareTo`); mixed or unordered types throw ClassCastException. */
export function naturalCompare(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  if (a instanceof Date && b instanceof Date) return Math.sign(a.getTime() - b.getTime());
  if (hasMethod(a, 'compareTo')) return (a as unknown as WithCompareTo).compareTo(b);
  throw classCast(`${describe(a)} cannot be compared with ${describe(b)}`);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return (value as object).constructor?.name ?? 'Object';
  return typeof value;
}
