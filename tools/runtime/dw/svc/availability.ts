/**
 * The profile's rate limiter and circuit breaker. Times are milliseconds on a monotonic clock:
 * they guard a real remote, so they follow real time even when the runtime clock is pinned.
 */

/** At most `calls` calls per fixed window of `millis`, the window starting with its first call. */
export class RateLimiter {
  readonly #calls: number;
  readonly #millis: number;
  #windowStart = Number.NEGATIVE_INFINITY;
  #used = 0;

  constructor(calls: number, millis: number) {
    this.#calls = calls;
    this.#millis = millis;
  }

  hasCapacity(now: number): boolean {
    if (this.#windowEnded(now)) return true;
    return this.#used < this.#calls;
  }

  consume(now: number): void {
    if (this.#windowEnded(now)) {
      this.#windowStart = now;
      this.#used = 0;
    }
    this.#used += 1;
  }

  #windowEnded(now: number): boolean {
    return now - this.#windowStart >= this.#millis;
  }
}

/** Open while at least `calls` failures happened within the last `millis`. */
export class CircuitBreaker {
  readonly #calls: number;
  readonly #millis: number;
  #failureTimes: number[] = [];

  constructor(calls: number, millis: number) {
    this.#calls = calls;
    this.#millis = millis;
  }

  isOpen(now: number): boolean {
    this.#failureTimes = this.#failureTimes.filter((time) => now - time < this.#millis);
    return this.#failureTimes.length >= this.#calls;
  }

  recordFailure(now: number): void {
    this.#failureTimes.push(now);
  }
}

/** A limit with no calls or no window configured is treated as switched off. */
export function isActiveLimit(limit: { calls: number; millis: number } | undefined): limit is {
  calls: number;
  millis: number;
} {
  return limit !== undefined && limit.calls > 0 && limit.millis > 0;
}
