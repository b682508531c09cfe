/**
 * Text the cartridge stores within the platform's limits: a `string` attribute holds at most
 * 4,000 characters, and a cut must never split a UTF-16 surrogate pair. Rhino's JSON.stringify
 * (ES5) leaves a lone surrogate unescaped and encodeURIComponent throws URIError on one, so half
 * an emoji in a stored text breaks every later read of it.
 */

/** Most characters a `string` attribute holds (platform.md §11.3). */
export const STRING_ATTRIBUTE_LIMIT = 4000;

const ELLIPSIS = '\u2026';

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

/** The text with every unpaired surrogate replaced by U+FFFD (what a UTF-8 encoder writes for it). */
export function wellFormed(text: string): string {
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isHighSurrogate(code) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      i++;
    } else if (isHighSurrogate(code) || isLowSurrogate(code)) {
      out += text.substring(start, i) + '\ufffd';
      start = i + 1;
    }
  }
  return start === 0 ? text : out + text.substring(start);
}

/**
 * At most `maxLength` characters (UTF-16 code units, as the platform counts them), ending with …
 * when cut; a surrogate pair is kept whole or left out whole.
 */
export function cutText(text: string, maxLength: number): string {
  const clean = wellFormed(text);
  if (clean.length <= maxLength) return clean;
  const room = Math.max(0, maxLength);
  const ellipsis = room >= ELLIPSIS.length ? ELLIPSIS : '';
  let end = room - ellipsis.length;
  if (end > 0 && isHighSurrogate(clean.charCodeAt(end - 1))) end--;
  return clean.substring(0, end) + ellipsis;
}

/** Bytes of the text in UTF-8 (an unpaired surrogate counts as the 3 bytes of U+FFFD). */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (isHighSurrogate(code) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
