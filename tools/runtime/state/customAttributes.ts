/**
 * The `custom` property of a persistent object, typed by our metadata: enum attributes read back
 * as EnumValue objects, values are checked against the attribute type on write (a `string` holds
 * at most 4,000 characters), writing an attribute that is not defined fails, and every write needs
 * an open transaction.
 */
import type { AttributeModel } from './metadata';
import { PlatformError, type TransactionManager } from './transactions';

export interface AttributeValueFactory {
  enumValue(value: string | number, displayValue: string): unknown;
}

export interface CustomAttributeTarget {
  /** e.g. `Order 00001001`, for error messages. */
  describe: string;
  typeId: string;
  attributes: ReadonlyMap<string, AttributeModel>;
  values: Record<string, unknown>;
  /** Key handed to commit listeners (search index refresh). */
  touchedKey?: string;
  /** The persistent object whose lastModified a write moves (and a rollback restores). */
  modified?: { owner: { lastModified: Date }; now: () => Date };
  /** Attributes script code may read but not write (a custom object's key). */
  readOnly?: ReadonlySet<string>;
}

const STRING_TYPES = new Set(['string', 'text', 'html', 'email', 'password']);

/**
 * Longest value a `string` attribute holds, in characters (platform.md §11.3); `text` has no such
 * limit. Characters are counted as JavaScript does (UTF-16 code units, `value.length`).
 */
export const STRING_ATTRIBUTE_MAX_LENGTH = 4000;

function isEnumValueLike(value: unknown): value is { value: unknown } {
  return typeof value === 'object' && value !== null && 'value' in value && 'displayValue' in value;
}

/** Converts a value written by script code to the stored form, or explains why it cannot be stored. */
export function coerceAttributeValue(
  attribute: AttributeModel,
  input: unknown,
): { value: unknown } | { error: string } {
  const value = isEnumValueLike(input) ? input.value : input;
  if (value === null || value === undefined) return { value: null };
  const type = attribute.type;
  if (STRING_TYPES.has(type)) {
    if (typeof value === 'object') return { error: `expects a string, got ${describeValue(value)}` };
    const text = String(value);
    if (type === 'string' && text.length > STRING_ATTRIBUTE_MAX_LENGTH) {
      return {
        error: `is a string attribute of at most ${STRING_ATTRIBUTE_MAX_LENGTH} characters; the value has ${text.length}`,
      };
    }
    return { value: flatCopy(text) };
  }
  switch (type) {
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value))
        return { error: `expects an integer, got ${describeValue(value)}` };
      return { value };
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value))
        return { error: `expects a number, got ${describeValue(value)}` };
      return { value };
    case 'boolean':
      if (typeof value !== 'boolean') return { error: `expects a boolean, got ${describeValue(value)}` };
      return { value };
    case 'date':
    case 'datetime':
      if (!(value instanceof Date) || Number.isNaN(value.getTime()))
        return { error: `expects a Date, got ${describeValue(value)}` };
      return { value: new Date(value.getTime()) };
    case 'enum-of-string':
    case 'enum-of-int': {
      const stored = type === 'enum-of-int' ? value : String(value);
      if (!attribute.enumValues.includes(String(stored))) {
        return { error: `'${String(value)}' is not one of its values (${attribute.enumValues.join(', ')})` };
      }
      return { value: type === 'enum-of-int' ? Number(stored) : stored };
    }
    case 'set-of-string':
    case 'set-of-int':
    case 'set-of-double': {
      const items = Array.isArray(value) ? value : [value];
      const numeric = type !== 'set-of-string';
      if (items.some((item) => (numeric ? typeof item !== 'number' : typeof item === 'object'))) {
        return { error: `expects ${numeric ? 'numbers' : 'strings'}` };
      }
      return { value: [...new Set(items.map((item) => (numeric ? item : String(item))))] };
    }
    default:
      return { error: `has type ${type}, which the local runtime does not emulate` };
  }
}

/**
 * Script code builds long texts (a JSON history) by concatenation, which V8 keeps as a chain of
 * pieces; the stored value is copied into one flat string so a record does not hold the chain.
 */
function flatCopy(text: string): string {
  return text.length < 64 ? text : Buffer.from(text, 'utf16le').toString('utf16le');
}

function describeValue(value: unknown): string {
  if (value instanceof Date) return 'a Date';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'string' ? `'${value}'` : `${typeof value} ${String(value)}`;
}

/** The stored form → what script code reads. */
export function readAttributeValue(
  attribute: AttributeModel,
  stored: unknown,
  factory: AttributeValueFactory,
): unknown {
  if (stored === null || stored === undefined) return null;
  if (attribute.type === 'enum-of-string' || attribute.type === 'enum-of-int') {
    const display = attribute.enumDisplayValues[String(stored)] ?? String(stored);
    return factory.enumValue(stored as string | number, display);
  }
  if (stored instanceof Date) return new Date(stored.getTime());
  if (Array.isArray(stored)) return stored.slice();
  return stored;
}

/**
 * What one `custom` proxy reaches. The proxy's target is this small object and every proxy shares
 * one handler, so a view costs a few dozen bytes instead of a closure per trap (a run holds one
 * `custom` per order, instrument, transaction and shipment it touched).
 */
class AttributeAccess {
  constructor(
    readonly target: CustomAttributeTarget,
    readonly transactions: TransactionManager,
    readonly factory: AttributeValueFactory,
  ) {}
}

function writeAttribute(access: AttributeAccess, name: string, input: unknown): boolean {
  const { target, transactions } = access;
  const attribute = target.attributes.get(name);
  const fail = (message: string): never => {
    transactions.markRollbackOnly();
    throw new PlatformError('ScriptingException', message);
  };
  if (!attribute) {
    return fail(
      `${target.describe}: custom attribute '${name}' is not defined for type ${target.typeId} (see metadata/)`,
    );
  }
  if (target.readOnly?.has(name))
    return fail(`${target.describe}: '${name}' is the object's key and cannot be changed`);
  const coerced = coerceAttributeValue(attribute, input);
  if ('error' in coerced) return fail(`${target.describe}: custom attribute '${name}' ${coerced.error}`);
  const previous = target.values[name];
  const had = Object.prototype.hasOwnProperty.call(target.values, name);
  const modified = target.modified;
  const previousModified = modified?.owner.lastModified;
  transactions.recordWrite(
    target.describe,
    () => {
      if (had) target.values[name] = previous;
      else delete target.values[name];
      if (modified && previousModified) modified.owner.lastModified = previousModified;
    },
    target.touchedKey,
  );
  target.values[name] = coerced.value;
  if (modified) modified.owner.lastModified = modified.now();
  return true;
}

function readAttribute(access: AttributeAccess, name: string | symbol): unknown {
  const attribute = typeof name === 'string' ? access.target.attributes.get(name) : undefined;
  return attribute ? readAttributeValue(attribute, access.target.values[attribute.id], access.factory) : undefined;
}

function isSet(target: CustomAttributeTarget, name: string): boolean {
  return target.attributes.has(name) && target.values[name] !== null && target.values[name] !== undefined;
}

const CUSTOM_ATTRIBUTES_HANDLER: ProxyHandler<AttributeAccess> = {
  get: (access, name) => readAttribute(access, name),
  set: (access, name, value) => (typeof name === 'string' ? writeAttribute(access, name, value) : false),
  deleteProperty: (access, name) => (typeof name === 'string' ? writeAttribute(access, name, null) : false),
  has: (access, name) => typeof name === 'string' && isSet(access.target, name),
  ownKeys: (access) => Object.keys(access.target.values).filter((name) => isSet(access.target, name)),
  getOwnPropertyDescriptor: (access, name) => {
    if (typeof name !== 'string' || !access.target.attributes.has(name)) return undefined;
    return { enumerable: true, configurable: true, writable: true, value: readAttribute(access, name) };
  },
};

export function createCustomAttributes(
  target: CustomAttributeTarget,
  transactions: TransactionManager,
  factory: AttributeValueFactory,
): Record<string, unknown> {
  return new Proxy(new AttributeAccess(target, transactions, factory), CUSTOM_ATTRIBUTES_HANDLER) as unknown as Record<
    string,
    unknown
  >;
}
