/**
 * application/x-www-form-urlencoded, as a Java servlet container reads a query string or a form
 * body: pairs separated by `&`, `name=value` (a pair without `=` has the value ''), `+` is a
 * space, `%XX` are bytes decoded as UTF-8 (the storefront's encoding). A pair with a malformed
 * escape (`%`, `%Z1`) or an empty name is dropped, as Tomcat drops it (it logs and skips the
 * parameter rather than failing the request); the host reports it with a runtime warning.
 */

export interface DecodedPairs {
  pairs: Array<[string, string]>;
  /** The raw text of each pair that was dropped. */
  dropped: string[];
}

const decoder = new TextDecoder('utf-8');

/** Decodes one name or value; null when an escape is malformed. */
export function decodeFormComponent(text: string): string | null {
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index];
    if (char === '+') {
      bytes.push(0x20);
    } else if (char === '%') {
      const hex = text.slice(index + 1, index + 3);
      if (!/^[0-9A-Fa-f]{2}$/.test(hex)) return null;
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      const code = text.codePointAt(index) as number;
      if (code > 0xffff) index += 1;
      bytes.push(...Buffer.from(String.fromCodePoint(code), 'utf8'));
    }
  }
  return decoder.decode(Uint8Array.from(bytes));
}

export function decodeForm(text: string): DecodedPairs {
  const result: DecodedPairs = { pairs: [], dropped: [] };
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const equals = pair.indexOf('=');
    const name = decodeFormComponent(equals < 0 ? pair : pair.slice(0, equals));
    const value = equals < 0 ? '' : decodeFormComponent(pair.slice(equals + 1));
    if (name === null || name === '' || value === null) result.dropped.push(pair);
    else result.pairs.push([name, value]);
  }
  return result;
}
