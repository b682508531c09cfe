import { isPositiveInteger, type JsonObject } from '../shared/json';
import { KNOWN_CURRENCIES } from './currencies';
import { payzenFailure, type PayzenFailure } from './errors';

export type FieldReading<T> = { ok: true; value: T } | { ok: false; failure: PayzenFailure };

function valid<T>(value: T): FieldReading<T> {
  return { ok: true, value };
}

function invalid<T>(failure: PayzenFailure): FieldReading<T> {
  return { ok: false, failure };
}

export function readRequiredString(body: JsonObject, field: string): FieldReading<string> {
  const value = body[field];
  if (typeof value === 'string' && value.trim() !== '') return valid(value);
  return invalid(payzenFailure('INT_902', `${field}: field is missing or invalid`));
}

export function readOptionalString(body: JsonObject, field: string): FieldReading<string | null> {
  const value = body[field];
  if (value === undefined || value === null) return valid(null);
  if (typeof value === 'string') return valid(value);
  return invalid(payzenFailure('INT_902', `${field}: must be a string`));
}

/** Integer > 0 in the smallest currency unit, else INT_009 (seed 003). */
export function readAmount(value: unknown): FieldReading<number> {
  if (isPositiveInteger(value)) return valid(value);
  return invalid(payzenFailure('INT_009', `amount: invalid value [${JSON.stringify(value) ?? 'undefined'}]`));
}

/** INT_010 for a missing or malformed code, PSP_519 for an unknown one, PSP_606 outside the contract. */
export function readCurrency(value: unknown, contractCurrencies: ReadonlySet<string>): FieldReading<string> {
  if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) {
    return invalid(payzenFailure('INT_010', `currency: invalid value [${JSON.stringify(value) ?? 'undefined'}]`));
  }
  if (!KNOWN_CURRENCIES.has(value)) return invalid(payzenFailure('PSP_519', `currency: ${value}`));
  if (!contractCurrencies.has(value)) return invalid(payzenFailure('PSP_606', `currency: ${value}`));
  return valid(value);
}

export function readOptionalObject(body: JsonObject, field: string): FieldReading<JsonObject | null> {
  const value = body[field];
  if (value === undefined || value === null) return valid(null);
  if (typeof value === 'object' && !Array.isArray(value)) return valid(value as JsonObject);
  return invalid(payzenFailure('INT_902', `${field}: must be an object`));
}
