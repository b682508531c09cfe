/**
 * What the services framework keeps for a whole run: rate-limiter windows and circuit-breaker
 * failures per service, warnings already given, credentials seen. One per RuntimeContext, shared by
 * every dw/svc module built for that context.
 */
import { performance } from 'node:perf_hooks';
import type { RuntimeContext, ServiceCredential, ServiceDefinition } from '../context';
import { CircuitBreaker, RateLimiter, isActiveLimit } from './availability';

export class SvcRuntime {
  readonly ctx: RuntimeContext;
  readonly #rateLimiters = new Map<string, RateLimiter>();
  readonly #circuitBreakers = new Map<string, CircuitBreaker>();
  readonly #warningsGiven = new Set<string>();
  readonly #credentials = new Map<string, ServiceCredential>();

  constructor(ctx: RuntimeContext) {
    this.ctx = ctx;
  }

  /** Monotonic milliseconds for the limiter and breaker windows. */
  clock(): number {
    return performance.now();
  }

  rateLimiter(service: ServiceDefinition): RateLimiter | undefined {
    const limit = service.profile.rateLimit;
    if (!isActiveLimit(limit)) return undefined;
    let limiter = this.#rateLimiters.get(service.id);
    if (!limiter) {
      limiter = new RateLimiter(limit.calls, limit.millis);
      this.#rateLimiters.set(service.id, limiter);
    }
    return limiter;
  }

  circuitBreaker(service: ServiceDefinition): CircuitBreaker | undefined {
    const limit = service.profile.circuitBreaker;
    if (!isActiveLimit(limit)) return undefined;
    let breaker = this.#circuitBreakers.get(service.id);
    if (!breaker) {
      breaker = new CircuitBreaker(limit.calls, limit.millis);
      this.#circuitBreakers.set(service.id, breaker);
    }
    return breaker;
  }

  warnOnce(serviceId: string, code: string, message: string): void {
    const key = `${code}\u0000${serviceId}`;
    if (this.#warningsGiven.has(key)) return;
    this.#warningsGiven.add(key);
    this.ctx.warn(code, message);
  }

  /**
   * The context can only look services up, so the credentials `setCredentialID` accepts are those
   * of the services created so far in this run.
   */
  rememberCredential(credential: ServiceCredential): void {
    this.#credentials.set(credential.id, credential);
  }

  credential(id: string): ServiceCredential | undefined {
    return this.#credentials.get(id);
  }
}

const runtimes = new WeakMap<RuntimeContext, SvcRuntime>();

export function svcRuntimeFor(ctx: RuntimeContext): SvcRuntime {
  let runtime = runtimes.get(ctx);
  if (!runtime) {
    runtime = new SvcRuntime(ctx);
    runtimes.set(ctx, runtime);
  }
  return runtime;
}
