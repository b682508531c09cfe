import { isRecord } from '../core/json';

export type JsonObject = Record<string, unknown>;

export const isJsonObject: (value: unknown) => value is JsonObject = isRecord;

/** Parses a request body that must be a JSON object; an empty body counts as `{}`. */
export function parseJsonObject(rawBody: string): JsonObject | undefined {
  if (rawBody.trim() === '') return {};
  try {
    const parsed: unknown = JSON.parse(rawBody);
    return isJsonObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value > 0;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export function daysToMs(days: number): number {
  return days * DAY_MS;
}
