/**
 * dw.web.HttpParameter and dw.web.HttpParameterMap over the parameters of one storefront request
 * (Script API reference, dw.web.HttpParameter.md and dw.web.HttpParameterMap.md, in
 * SalesforceCommerceCloud/b2c-developer-tooling packages/b2c-tooling-sdk/data/script-api/):
 *
 * - `rawValue` is "the not trimmed String value"; so `stringValue`/`value` are trimmed (Java
 *   `String.trim`: every character up to U+0020 at either end). The first value wins when a name
 *   was sent several times; `stringValues`/`rawValues` hold them all, in the order sent.
 * - An undefined parameter: `stringValue`, `value`, `rawValue`, `intValue`, `booleanValue` are
 *   null, `doubleValue` is 0.0, `toString()` is '', `submitted` is false and `empty` is true.
 * - `empty` is true when there is no value or the value is blank.
 * - `get(name)` never returns null: an undefined name gives an empty parameter. A parameter is
 *   also read as a property of the map (`request.httpParameterMap.pid.stringValue`, the classic
 *   controller pattern of the b2c-controllers guide in the same repository).
 * - `requestBodyAsString` is the body only for POST and PUT not sent as
 *   `application/x-www-form-urlencoded`; for a form post "the body will be empty" ('' here), and
 *   for any other method there is no body (null).
 *
 * Not emulated: `dateValue`/`getDateValue` (the platform's date formats are not documented) and
 * `processMultipart` (the storefront host refuses multipart requests, so it always returns null
 * as for a request that is not multipart).
 */
import type { RuntimeContext } from '../context';
import { collectionClassesFor } from '../util/collectionClasses';

/** Java's String.trim(): removes every character <= U+0020 at both ends. */
function javaTrim(value: string): string {
  // eslint-disable-next-line no-control-regex
  return value.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/** A number as Java would parse a decimal parameter, or null when the text is not one. */
function parseNumber(text: string): number | null {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

export class HttpParameter {
  /** @internal */
  constructor(
    private readonly ctx: RuntimeContext,
    private readonly rawList: readonly string[],
  ) {}

  get submitted(): boolean {
    return this.rawList.length > 0;
  }
  isSubmitted(): boolean {
    return this.submitted;
  }

  get empty(): boolean {
    return !this.submitted || javaTrim(this.rawList[0]) === '';
  }
  isEmpty(): boolean {
    return this.empty;
  }

  get rawValue(): string | null {
    return this.submitted ? this.rawList[0] : null;
  }
  getRawValue(): string | null {
    return this.rawValue;
  }

  get rawValues(): unknown {
    return new (collectionClassesFor(this.ctx).ArrayList)(this.rawList.slice());
  }
  getRawValues(): unknown {
    return this.rawValues;
  }

  get stringValue(): string | null {
    return this.submitted ? javaTrim(this.rawList[0]) : null;
  }
  getStringValue(defaultValue?: string): string | null {
    if (arguments.length > 0 && !this.submitted) return defaultValue ?? null;
    return this.stringValue;
  }

  get value(): string | null {
    return this.stringValue;
  }
  getValue(): string | null {
    return this.stringValue;
  }

  get stringValues(): unknown {
    return new (collectionClassesFor(this.ctx).ArrayList)(this.rawList.map(javaTrim));
  }
  getStringValues(): unknown {
    return this.stringValues;
  }

  get values(): unknown {
    return this.stringValues;
  }
  getValues(): unknown {
    return this.stringValues;
  }

  get intValue(): number | null {
    const value = this.submitted ? parseNumber(javaTrim(this.rawList[0])) : null;
    return value === null ? null : Math.trunc(value);
  }
  getIntValue(defaultValue?: number): number | null {
    if (arguments.length > 0 && this.empty) return defaultValue ?? null;
    return this.intValue;
  }

  get doubleValue(): number | null {
    return this.submitted ? parseNumber(javaTrim(this.rawList[0])) : 0.0;
  }
  getDoubleValue(defaultValue?: number): number | null {
    if (arguments.length > 0 && this.empty) return defaultValue ?? null;
    return this.doubleValue;
  }

  /** Java `Boolean.parseBoolean`: only 'true' (any case) is true. */
  get booleanValue(): boolean | null {
    return this.submitted ? javaTrim(this.rawList[0]).toLowerCase() === 'true' : null;
  }
  getBooleanValue(defaultValue?: boolean): boolean | null {
    if (arguments.length > 0 && this.empty) return defaultValue ?? null;
    return this.booleanValue;
  }

  containsStringValue(value: string): boolean {
    return this.rawList.some((raw) => javaTrim(raw) === String(value));
  }
  isChecked(value: string): boolean {
    return this.containsStringValue(value);
  }

  toString(): string {
    return this.stringValue ?? '';
  }
}

/** Reads an undefined member `name` of the map as `get(name)`, as the platform's map does. */
function withParameterAccess(map: HttpParameterMap): HttpParameterMap {
  return new Proxy(map, {
    get(target, property, receiver) {
      if (typeof property === 'string' && !(property in target)) return target.get(property);
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

export class HttpParameterMap {
  private readonly byName = new Map<string, string[]>();

  /**
   * @internal `parameters` in the order the request carried them (query string first, then the
   * form body); `body` is what requestBodyAsString returns.
   */
  constructor(
    private readonly ctx: RuntimeContext,
    parameters: ReadonlyArray<readonly [string, string]>,
    private readonly body: string | null,
  ) {
    for (const [name, value] of parameters) {
      const values = this.byName.get(name);
      if (values) values.push(value);
      else this.byName.set(name, [value]);
    }
    return withParameterAccess(this);
  }

  get(name: unknown): HttpParameter {
    return new HttpParameter(this.ctx, this.byName.get(String(name)) ?? []);
  }

  isParameterSubmitted(name: string): boolean {
    return this.byName.has(String(name));
  }

  get parameterCount(): number {
    return this.byName.size;
  }
  getParameterCount(): number {
    return this.parameterCount;
  }

  get parameterNames(): unknown {
    return new (collectionClassesFor(this.ctx).LinkedHashSet)([...this.byName.keys()]);
  }
  getParameterNames(): unknown {
    return this.parameterNames;
  }

  /** The parameters whose name starts with `prefix`, with the prefix removed. */
  getParameterMap(prefix: string): HttpParameterMap {
    const start = String(prefix);
    const entries: Array<[string, string]> = [];
    for (const [name, values] of this.byName) {
      if (name.startsWith(start) && name.length > start.length) {
        for (const value of values) entries.push([name.slice(start.length), value]);
      }
    }
    return new HttpParameterMap(this.ctx, entries, null);
  }

  get requestBodyAsString(): string | null {
    return this.body;
  }
  getRequestBodyAsString(): string | null {
    return this.body;
  }

  /** The storefront host answers multipart requests itself (not emulated): never one here. */
  processMultipart(): null {
    return null;
  }

  /** The raw values by name, for Request.httpParameters (a Map of String arrays). */
  /** @internal */
  rawEntries(): Array<[string, string[]]> {
    return [...this.byName].map(([name, values]) => [name, values.slice()]);
  }
}
