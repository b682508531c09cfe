/** Small helpers for JSON bodies and HTTP answers shared by the provider simulations. */
import { randomAlphanumericId } from '../shared/ids';

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export type JsonParse = { ok: true; value: unknown } | { ok: false };

/** Parses a request body; an empty (or blank) body is `undefined`. */
export function parseJson(raw: string): JsonParse {
  if (raw.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(raw) as unknown };
  } catch {
    return { ok: false };
  }
}

/** Whether the request claims (or, without a content type, appears) to carry JSON. */
export function expectsJson(contentType: string | undefined): boolean {
  if (contentType === undefined || contentType === '') return true;
  const type = contentType.split(';')[0].trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json') || type === 'text/plain';
}

/** A random id in the provider's style: `prefix` + `length` lower-case alphanumerics. */
export function randomId(prefix: string, length = 24): string {
  return prefix + randomAlphanumericId(length);
}

/** Deep copy of plain JSON data, so that snapshots and answers never alias the live state. */
export function cloneJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** Inserts into a Map and evicts the oldest entries above `max` (Maps iterate in insertion order). */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.set(key, value);
  while (map.size > max) {
    const oldest = map.keys().next();
    if (oldest.done) break;
    map.delete(oldest.value);
  }
}
