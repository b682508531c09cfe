/**
 * The `Date` that cartridge code sees. `new Date()`, `Date()` and `Date.now()` read the instance
 * clock (so a test can move time forward without waiting); every other use (`new Date(x)`,
 * `Date.UTC`, `Date.parse`) is the engine's own. The objects are real Dates with `Date.prototype`,
 * so `instanceof Date` holds in cartridge code and in the runtime alike.
 */
export function createClockDate(now: () => Date): DateConstructor {
  function ClockDate(...args: unknown[]): Date | string {
    // Called without `new`, Date ignores its arguments and returns the current time as a string.
    if (new.target === undefined) return new Date(now().getTime()).toString();
    if (args.length === 0) return new Date(now().getTime());
    return Reflect.construct(Date, args) as Date;
  }
  Object.defineProperties(ClockDate, {
    prototype: { value: Date.prototype, writable: false },
    length: { value: Date.length },
    name: { value: 'Date' },
    now: { value: () => now().getTime(), writable: true, configurable: true },
    parse: { value: Date.parse, writable: true, configurable: true },
    UTC: { value: Date.UTC, writable: true, configurable: true },
  });
  return ClockDate as unknown as DateConstructor;
}
