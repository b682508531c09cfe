/**
 * Fault injection: a bounded, ordered list of faults aimed at a route (or `'*'`). Each request
 * consumes at most one latency fault (added to the base latency) and at most one answer fault
 * (status, timeout, reset, malformed, nonJson, reply), the first that matches in insertion order.
 */
import { cloneJson, isRecord } from './json';

export type FaultKind = 'latency' | 'status' | 'timeout' | 'reset' | 'malformed' | 'nonJson' | 'reply';

export const FAULT_KINDS: readonly FaultKind[] = [
  'latency',
  'status',
  'timeout',
  'reset',
  'malformed',
  'nonJson',
  'reply',
];

/** A JSON value as JSON.parse gives it (finite numbers, no undefined). */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** How many matching requests a fault affects: a positive integer, or `'always'`. */
export type FaultTimes = number | 'always';

interface FaultTarget {
  /** A route name returned by `ProviderSandbox.route`, or `'*'` (the default) for every route. */
  route?: string;
  /** Default 1. */
  times?: FaultTimes;
}

export type Fault = FaultTarget &
  (
    | { kind: 'latency'; ms: number }
    /** `apply: true` applies the change before answering with the error. `retryAfter` in seconds (429). */
    | { kind: 'status'; status: number; apply?: boolean; retryAfter?: number }
    /** Holds the response; the socket is destroyed after `ms` (default 60 s) or when the client leaves. */
    | { kind: 'timeout'; apply?: boolean; ms?: number }
    | { kind: 'reset'; apply?: boolean }
    | { kind: 'malformed'; apply?: boolean }
    | { kind: 'nonJson'; apply?: boolean; status?: number }
    /**
     * Answers exactly `status` with `json` as an application/json body, e.g. Monext's HTTP 200
     * `{ "result": { "title": "REFUSED", … } }`. `apply: true` applies the change first (whatever
     * the provider would have answered, the client gets this reply).
     */
    | { kind: 'reply'; status: number; json: JsonValue; apply?: boolean }
  );

export type AnswerFault = Exclude<Fault, { kind: 'latency' }>;

export const DEFAULT_TIMEOUT_HOLD_MS = 60_000;
export const MAX_FAULTS = 1_000;

/** Whether the change is applied (provider `handle` runs) before the fault takes effect. */
export function faultApplies(fault: AnswerFault): boolean {
  switch (fault.kind) {
    case 'status':
    case 'reset':
    case 'reply':
      return fault.apply === true;
    case 'timeout':
    case 'malformed':
    case 'nonJson':
      return fault.apply !== false;
  }
}

interface ActiveFault {
  fault: Fault;
  remaining: number;
}

export class FaultQueue {
  private active: ActiveFault[] = [];

  add(faults: Fault | readonly Fault[]): void {
    const list = Array.isArray(faults) ? faults : [faults as Fault];
    if (this.active.length + list.length > MAX_FAULTS) {
      throw new Error(`At most ${MAX_FAULTS} faults may be pending; clear them first`);
    }
    const checked = list.map(parseFault);
    for (const fault of checked) {
      this.active.push({ fault, remaining: fault.times === 'always' ? Infinity : (fault.times ?? 1) });
    }
  }

  clear(): void {
    this.active = [];
  }

  list(): Fault[] {
    return this.active.map(({ fault, remaining }) => ({
      ...fault,
      ...(fault.kind === 'reply' ? { json: cloneJson(fault.json) } : {}),
      times: remaining === Infinity ? 'always' : remaining,
    }));
  }

  takeLatency(route: string): number {
    const found = this.take(route, (fault) => fault.kind === 'latency');
    return found?.kind === 'latency' ? found.ms : 0;
  }

  takeAnswerFault(route: string): AnswerFault | undefined {
    const found = this.take(route, (fault) => fault.kind !== 'latency');
    return found?.kind === 'latency' ? undefined : found;
  }

  private take(route: string, wanted: (fault: Fault) => boolean): Fault | undefined {
    const index = this.active.findIndex(
      ({ fault }) => wanted(fault) && (fault.route === undefined || fault.route === '*' || fault.route === route),
    );
    if (index < 0) return undefined;
    const entry = this.active[index];
    entry.remaining -= 1;
    if (entry.remaining <= 0) this.active.splice(index, 1);
    return entry.fault;
  }
}

/** Validates a fault coming from JSON (admin endpoint) or code; throws an Error naming the problem. */
export function parseFault(input: unknown): Fault {
  if (!isRecord(input)) throw new Error('A fault must be an object');
  const { kind, route, times } = input;
  if (typeof kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`Fault "kind" must be one of ${FAULT_KINDS.join(', ')}`);
  }
  if (route !== undefined && (typeof route !== 'string' || route === '')) {
    throw new Error('Fault "route" must be a non-empty string');
  }
  if (times !== undefined && times !== 'always' && !isPositiveInteger(times) && times !== Infinity) {
    throw new Error('Fault "times" must be a positive integer or "always"');
  }
  const target: FaultTarget = {
    ...(route === undefined ? {} : { route: route as string }),
    ...(times === undefined ? {} : { times: times === Infinity ? 'always' : (times as FaultTimes) }),
  };
  const apply = optionalBoolean(input, 'apply');
  const withApply = apply === undefined ? {} : { apply };
  switch (kind as FaultKind) {
    case 'latency':
      return { ...target, kind: 'latency', ms: requiredMs(input, 'ms') };
    case 'status': {
      const status = input.status;
      if (!Number.isInteger(status) || (status as number) < 400 || (status as number) > 599) {
        throw new Error('Fault "status" must be an HTTP error status (400-599)');
      }
      const retryAfter = input.retryAfter;
      if (retryAfter !== undefined && !isNonNegativeInteger(retryAfter)) {
        throw new Error('Fault "retryAfter" must be a number of seconds');
      }
      return {
        ...target,
        kind: 'status',
        status: status as number,
        ...withApply,
        ...(retryAfter === undefined ? {} : { retryAfter: retryAfter as number }),
      };
    }
    case 'timeout': {
      const ms = input.ms === undefined ? undefined : requiredMs(input, 'ms');
      return { ...target, kind: 'timeout', ...withApply, ...(ms === undefined ? {} : { ms }) };
    }
    case 'reset':
      return { ...target, kind: 'reset', ...withApply };
    case 'malformed':
      return { ...target, kind: 'malformed', ...withApply };
    case 'nonJson': {
      const status = input.status;
      if (status !== undefined && (!Number.isInteger(status) || (status as number) < 200 || (status as number) > 599)) {
        throw new Error('Fault "status" must be an HTTP status (200-599)');
      }
      return {
        ...target,
        kind: 'nonJson',
        ...withApply,
        ...(status === undefined ? {} : { status: status as number }),
      };
    }
    case 'reply': {
      const status = input.status;
      if (
        !Number.isInteger(status) ||
        (status as number) < 200 ||
        (status as number) > 599 ||
        status === 204 ||
        status === 304
      ) {
        throw new Error(
          'Fault "status" of a reply must be an HTTP status (200-599) that carries a body (not 204 or 304)',
        );
      }
      if (!('json' in input) || input.json === undefined) {
        throw new Error('Fault "json" is required for a reply: the JSON body to answer with (null included)');
      }
      const problem = notPlainJson(input.json, 'json', new Set());
      if (problem !== undefined) throw new Error(`Fault "json" must be plain JSON: ${problem}`);
      // A copy: the reply is sent as it was when added, whatever the caller changes afterwards.
      return {
        ...target,
        kind: 'reply',
        status: status as number,
        json: cloneJson(input.json as JsonValue),
        ...withApply,
      };
    }
  }
}

/**
 * Why `value` would not be sent exactly as given (JSON.stringify drops undefined members, turns
 * NaN and Infinity into null and fails on cycles), or undefined when it is plain JSON.
 */
function notPlainJson(value: unknown, at: string, ancestors: Set<object>): string | undefined {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? undefined : `${at} is ${String(value)}`;
  if (typeof value !== 'object') return `${at} is ${value === undefined ? 'undefined' : `a ${typeof value}`}`;
  if (ancestors.has(value)) return `${at} refers to itself`;
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (!Array.isArray(value) && prototype !== Object.prototype && prototype !== null) {
    return `${at} is not a plain object or array`;
  }
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index += 1) {
        if (!(index in value)) return `${at}[${index}] is a hole`;
        const problem = notPlainJson(value[index], `${at}[${index}]`, ancestors);
        if (problem !== undefined) return problem;
      }
      return undefined;
    }
    for (const [key, member] of Object.entries(value)) {
      const problem = notPlainJson(member, `${at}.${key}`, ancestors);
      if (problem !== undefined) return problem;
    }
    return undefined;
  } finally {
    ancestors.delete(value);
  }
}

function requiredMs(input: Record<string, unknown>, key: string): number {
  const value = input[key];
  if (!isNonNegativeInteger(value)) throw new Error(`Fault "${key}" must be a non-negative integer (milliseconds)`);
  return value;
}

function optionalBoolean(input: Record<string, unknown>, key: string): boolean | undefined {
  const value = input[key];
  if (value !== undefined && typeof value !== 'boolean') throw new Error(`Fault "${key}" must be a boolean`);
  return value;
}

function isPositiveInteger(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) > 0;
}

function isNonNegativeInteger(value: unknown): value is number {
  return Number.isInteger(value) && (value as number) >= 0;
}
