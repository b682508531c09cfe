const constructionKey = Symbol('EnumValue');

/** `dw.value.EnumValue`: the value of an enum-of-string or enum-of-int attribute. */
export class EnumValue {
  private readonly rawValue: unknown;
  private readonly display: string;

  /** Not constructible by scripts (no public constructor on the platform): use createEnumValue. */
  constructor(key: symbol, value: unknown, displayValue: string) {
    if (key !== constructionKey) throw new TypeError('EnumValue has no public constructor');
    this.rawValue = value;
    this.display = displayValue;
  }

  getValue(): unknown {
    return this.rawValue;
  }

  get value(): unknown {
    return this.rawValue;
  }

  getDisplayValue(): string {
    return this.display;
  }

  get displayValue(): string {
    return this.display;
  }

  toString(): string {
    return String(this.rawValue);
  }

  valueOf(): unknown {
    return this.rawValue;
  }
}

/** Host side: an EnumValue as the platform returns for an enum attribute; display defaults to the value. */
export function createEnumValue(value: unknown, displayValue?: string | null): EnumValue {
  return new EnumValue(constructionKey, value, displayValue ?? String(value));
}
