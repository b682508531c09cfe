/**
 * Just enough of `dw.util.List` / `dw.util.Map` for what `HTTPClient.getResponseHeaders()` hands
 * to a parseResponse callback: case-insensitive lookup (HTTP header names are), server spelling
 * kept for the keys.
 */

export class StringList {
  readonly #items: string[];

  constructor(items: string[]) {
    this.#items = [...items];
  }

  get length(): number {
    return this.#items.length;
  }
  size(): number {
    return this.#items.length;
  }
  isEmpty(): boolean {
    return this.#items.length === 0;
  }
  get(index: number): string {
    const item = this.#items[index];
    if (item === undefined) throw new RangeError(`Index ${index} out of bounds for length ${this.#items.length}`);
    return item;
  }
  contains(value: string): boolean {
    return this.#items.includes(value);
  }
  toArray(): string[] {
    return [...this.#items];
  }
  iterator(): { hasNext(): boolean; next(): string } {
    let position = 0;
    const items = this.#items;
    return {
      hasNext: () => position < items.length,
      next: () => {
        const item = items[position++];
        if (item === undefined) throw new RangeError('No more elements');
        return item;
      },
    };
  }
  toString(): string {
    return `[${this.#items.join(', ')}]`;
  }
}

export class ResponseHeaderMap {
  /** Lower-cased name → server spelling and every value in arrival order. */
  readonly #entries = new Map<string, { name: string; values: string[] }>();

  /** @param rawHeaders Node's flat list: name, value, name, value… */
  constructor(rawHeaders: readonly string[]) {
    for (let index = 0; index + 1 < rawHeaders.length; index += 2) {
      const name = rawHeaders[index] as string;
      const value = rawHeaders[index + 1] as string;
      const key = name.toLowerCase();
      const entry = this.#entries.get(key);
      if (entry) entry.values.push(value);
      else this.#entries.set(key, { name, values: [value] });
    }
  }

  /** First value of the header, or null (what `HTTPClient.getResponseHeader(name)` returns). */
  first(name: string): string | null {
    return this.#entries.get(String(name).toLowerCase())?.values[0] ?? null;
  }

  get length(): number {
    return this.#entries.size;
  }
  size(): number {
    return this.#entries.size;
  }
  isEmpty(): boolean {
    return this.#entries.size === 0;
  }
  containsKey(name: string): boolean {
    return this.#entries.has(String(name).toLowerCase());
  }
  /** All values of the header as a list; null when the header is absent (dw.util.Map.get). */
  get(name: string): StringList | null {
    const entry = this.#entries.get(String(name).toLowerCase());
    return entry ? new StringList(entry.values) : null;
  }
  keySet(): StringList {
    return new StringList([...this.#entries.values()].map((entry) => entry.name));
  }
}
