/** `dw.util.MapEntry`: one key-value pair of a `dw.util.Map`'s entrySet(). */
export class MapEntry<K, V> {
  private readonly entryKey: K;
  private readonly entryValue: V;

  constructor(key: K, value: V) {
    this.entryKey = key;
    this.entryValue = value;
  }

  getKey(): K {
    return this.entryKey;
  }

  get key(): K {
    return this.entryKey;
  }

  getValue(): V {
    return this.entryValue;
  }

  get value(): V {
    return this.entryValue;
  }

  toString(): string {
    return `${String(this.entryKey)}=${String(this.entryValue)}`;
  }
}
