/**
 * How platform modules written in the runtime core build the value objects that the dw/util and
 * dw/value emulations define (one implementation each, wired in dw/registry.ts).
 */
export interface ValueKit {
  enumValue(value: string | number | null, displayValue: string): unknown;
  money(value: number, currencyCode: string): unknown;
  list<T>(items: T[]): unknown;
  map(entries?: Array<[string, unknown]>): unknown;
  seekableIterator<T>(items: Iterable<T>, count: number): unknown;
  calendar(date: Date, timeZone: string): unknown;
}
