import { illegalArgument } from './JavaException';

type Charset = 'utf-8' | 'iso-8859-1' | 'us-ascii' | 'utf-16be' | 'utf-16le' | 'utf-16' | 'windows-1252';

const ALIASES: Record<string, Charset> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'iso-8859-1': 'iso-8859-1',
  iso8859_1: 'iso-8859-1',
  'iso-latin-1': 'iso-8859-1',
  latin1: 'iso-8859-1',
  'us-ascii': 'us-ascii',
  ascii: 'us-ascii',
  'utf-16be': 'utf-16be',
  'utf-16le': 'utf-16le',
  'utf-16': 'utf-16',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
};

/** A Java charset name (`UTF-8`, `ISO-8859-1`, …); null means UTF-8; unknown names throw. */
export function charsetOf(name: string | null | undefined): Charset {
  if (name === null || name === undefined) return 'utf-8';
  const charset = ALIASES[String(name).toLowerCase()];
  if (!charset) throw illegalArgument(`Unsupported encoding: ${name}`);
  return charset;
}

/** Encodes like Java's String.getBytes(charset): unmappable characters become `?`. */
export function encodeString(text: string, name?: string | null): Uint8Array {
  const charset = charsetOf(name);
  if (charset === 'utf-8') return new TextEncoder().encode(text);
  if (charset.startsWith('utf-16')) {
    const littleEndian = charset === 'utf-16le';
    const bom = charset === 'utf-16' ? 2 : 0;
    const bytes = new Uint8Array(bom + text.length * 2);
    if (bom) bytes.set([0xfe, 0xff]);
    const view = new DataView(bytes.buffer);
    for (let index = 0; index < text.length; index++)
      view.setUint16(bom + index * 2, text.charCodeAt(index), littleEndian);
    return bytes;
  }
  const limit = charset === 'us-ascii' ? 0x7f : 0xff;
  return Uint8Array.from(text, (char) => {
    const code = char.codePointAt(0) ?? 0x3f;
    if (charset === 'windows-1252' && code > 0xff) return WINDOWS_1252_EXTRAS.get(code) ?? 0x3f;
    return code <= limit ? code : 0x3f;
  });
}

/** Decodes like Java's new String(bytes, charset): malformed input becomes U+FFFD. */
export function decodeBytes(bytes: Uint8Array, name?: string | null): string {
  const charset = charsetOf(name);
  if (charset === 'us-ascii')
    return Array.from(bytes, (byte) => (byte < 0x80 ? String.fromCharCode(byte) : '\ufffd')).join('');
  if (charset === 'iso-8859-1') return Array.from(bytes, (byte) => String.fromCharCode(byte)).join('');
  return new TextDecoder(charset === 'utf-16' ? 'utf-16be' : charset).decode(bytes);
}

const WINDOWS_1252_EXTRAS = new Map<number, number>(
  [
    [0x20ac, 0x80],
    [0x201a, 0x82],
    [0x0192, 0x83],
    [0x201e, 0x84],
    [0x2026, 0x85],
    [0x2020, 0x86],
    [0x2021, 0x87],
    [0x02c6, 0x88],
    [0x2030, 0x89],
    [0x0160, 0x8a],
    [0x2039, 0x8b],
    [0x0152, 0x8c],
    [0x017d, 0x8e],
    [0x2018, 0x91],
    [0x2019, 0x92],
    [0x201c, 0x93],
    [0x201d, 0x94],
    [0x2022, 0x95],
    [0x2013, 0x96],
    [0x2014, 0x97],
    [0x02dc, 0x98],
    [0x2122, 0x99],
    [0x0161, 0x9a],
    [0x203a, 0x9b],
    [0x0153, 0x9c],
    [0x017e, 0x9e],
    [0x0178, 0x9f],
  ].map(([code, byte]) => [code, byte]),
);
