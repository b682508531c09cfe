import { Bytes } from '../util/Bytes';
import { decodeBytes, encodeString } from '../util/charsets';
import { illegalArgument, JavaException, nullPointer } from '../util/JavaException';

const requireValue = <T>(value: T | null | undefined, what: string): T => {
  if (value === null || value === undefined) throw nullPointer(`${what} must not be null`);
  return value;
};

/** Characters application/x-www-form-urlencoded leaves as they are. */
const URI_SAFE = /[A-Za-z0-9.\-*_]/;

/** `dw.crypto.Encoding`. */
export class Encoding {
  private constructor() {}

  static toBase64(bytes: Bytes): string {
    return Buffer.from(requireValue(bytes, 'bytes').toUint8Array()).toString('base64');
  }

  /** URL alphabet, no padding. */
  static toBase64URL(bytes: Bytes): string {
    return Buffer.from(requireValue(bytes, 'bytes').toUint8Array()).toString('base64url');
  }

  /** Accepts both alphabets; characters outside them are ignored. */
  static fromBase64(text: string): Bytes {
    const cleaned = String(requireValue(text, 'string'))
      .replace(/-/g, '+')
      .replace(/_/g, '/')
      .replace(/[^A-Za-z0-9+/]/g, '');
    return Bytes.of(Buffer.from(cleaned, 'base64'));
  }

  /** Lowercase hexadecimal. */
  static toHex(bytes: Bytes): string {
    return Buffer.from(requireValue(bytes, 'bytes').toUint8Array()).toString('hex');
  }

  static fromHex(text: string): Bytes {
    const hex = String(requireValue(text, 'string'));
    if (hex.length % 2 !== 0) throw illegalArgument('Odd number of characters.');
    if (/[^0-9a-fA-F]/.test(hex)) throw illegalArgument(`Illegal hexadecimal character in ${hex}`);
    return Bytes.of(Buffer.from(hex, 'hex'));
  }

  /** application/x-www-form-urlencoded, like java.net.URLEncoder: space becomes `+`. */
  static toURI(text: string, encoding?: string): string {
    const value = String(requireValue(text, 'string'));
    let result = '';
    for (const char of value) {
      if (URI_SAFE.test(char)) result += char;
      else if (char === ' ') result += '+';
      else
        for (const byte of encodeString(char, encoding ?? 'UTF-8'))
          result += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return result;
  }

  /** Like java.net.URLDecoder: `+` is a space; a malformed escape throws. */
  static fromURI(text: string, encoding?: string): string {
    const value = String(requireValue(text, 'string'));
    let result = '';
    let index = 0;
    while (index < value.length) {
      const char = value[index];
      if (char === '+') {
        result += ' ';
        index++;
      } else if (char === '%') {
        const bytes: number[] = [];
        while (value[index] === '%') {
          const hex = value.slice(index + 1, index + 3);
          if (!/^[0-9a-fA-F]{2}$/.test(hex)) {
            throw new JavaException(
              'java.lang.IllegalArgumentException',
              `URLDecoder: Illegal hex characters in escape (%) pattern - ${hex}`,
            );
          }
          bytes.push(parseInt(hex, 16));
          index += 3;
        }
        result += decodeBytes(Uint8Array.from(bytes), encoding ?? 'UTF-8');
      } else {
        result += char;
        index++;
      }
    }
    return result;
  }
}
