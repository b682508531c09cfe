/**
 * JSON text laid out as Prettier lays out a .json file with the repository's .prettierrc.json
 * (printWidth 120): each object key on its own line, an array on one line when it fits (numbers
 * filled line by line when it does not), so that a written instance file passes
 * `prettier --check` and a run's output diffs line by line. Synchronous and dependency-free:
 * the runtime writes files from synchronous code.
 */

/** .prettierrc.json's printWidth; test/unit/tools/runtime/instance/jsonText.test.ts holds them equal. */
export const PRINT_WIDTH = 120;

const INDENT = '  ';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** East Asian wide and fullwidth characters, and emoji: two columns each, as Prettier counts them. */
const WIDE: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f],
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e],
  [0x3041, 0x33ff],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xa000, 0xa4cf],
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3],
  [0xf900, 0xfaff],
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f],
  [0xff00, 0xff60],
  [0xffe0, 0xffe6],
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18aff],
  [0x1b000, 0x1b2ff],
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f251],
  [0x1f300, 0x1f64f],
  [0x1f680, 0x1f6ff],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd],
];

function isWide(code: number): boolean {
  return WIDE.some(([from, to]) => code >= from && code <= to);
}

/** Columns a text takes on a terminal or in an editor: CJK and emoji count 2, control and combining characters 0. */
export function displayWidth(text: string): number {
  if (!/[^\x20-\x7e]/.test(text)) return text.length;
  let width = 0;
  for (const character of text) {
    const code = character.codePointAt(0)!;
    if (code <= 0x1f || (code >= 0x7f && code <= 0x9f) || (code >= 0x300 && code <= 0x36f)) continue;
    width += isWide(code) ? 2 : 1;
  }
  return width;
}

function scalar(value: null | boolean | number | string): string {
  // Prettier drops the exponent's "+" (1e+21 is written 1e21).
  return typeof value === 'number' ? JSON.stringify(value).replace('e+', 'e') : JSON.stringify(value);
}

function isContainer(value: Json): value is Json[] | { [key: string]: Json } {
  return value !== null && typeof value === 'object';
}

function isNonEmpty(value: Json): boolean {
  return Array.isArray(value) ? value.length > 0 : isContainer(value) && Object.keys(value).length > 0;
}

/**
 * The array on one line, or null when Prettier always breaks it: it holds a non-empty object
 * (objects keep one key per line), an array that breaks, or only arrays of two or more elements.
 */
function flatArray(array: Json[]): string | null {
  if (array.length > 1 && array.every((element) => Array.isArray(element) && element.length > 1)) return null;
  const parts: string[] = [];
  for (const element of array) {
    if (Array.isArray(element)) {
      const flat = element.length === 0 ? '[]' : flatArray(element);
      if (flat === null) return null;
      parts.push(flat);
    } else if (isContainer(element)) {
      if (isNonEmpty(element)) return null;
      parts.push('{}');
    } else parts.push(scalar(element));
  }
  return `[${parts.join(', ')}]`;
}

/** Numbers that do not fit on one line fill each line, as Prettier prints number arrays. */
function filledNumbers(numbers: number[], depth: number): string {
  const indent = INDENT.repeat(depth + 1);
  const items = numbers.map((n, i) => `${scalar(n)}${i < numbers.length - 1 ? ',' : ''}`);
  let line = indent + items[0]!;
  const lines: string[] = [];
  for (const item of items.slice(1)) {
    if (line.length + 1 + item.length <= PRINT_WIDTH) line += ` ${item}`;
    else {
      lines.push(line);
      line = indent + item;
    }
  }
  lines.push(line);
  return `[\n${lines.join('\n')}\n${INDENT.repeat(depth)}]`;
}

/**
 * @param column where the value starts on its line
 * @param trailing columns that follow it on the same line (1 for the comma before the next item)
 */
function print(value: Json, depth: number, column: number, trailing: number): string {
  if (!isContainer(value)) return scalar(value);
  const inner = INDENT.repeat(depth + 1);
  const close = INDENT.repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const flat = flatArray(value);
    if (flat !== null && column + displayWidth(flat) + trailing <= PRINT_WIDTH) return flat;
    if (value.length > 1 && value.every((element) => typeof element === 'number'))
      return filledNumbers(value as number[], depth);
    const items = value.map(
      (element, i) => inner + print(element, depth + 1, inner.length, i < value.length - 1 ? 1 : 0),
    );
    return `[\n${items.join(',\n')}\n${close}]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  const lines = entries.map(([key, element], i) => {
    const start = `${inner}${JSON.stringify(key)}: `;
    return start + print(element, depth + 1, displayWidth(start), i < entries.length - 1 ? 1 : 0);
  });
  return `{\n${lines.join(',\n')}\n${close}}`;
}

/** `value` as JSON.stringify sees it (toJSON, undefined left out), laid out as Prettier would, ending in a newline. */
export function formatJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError('formatJson: the value has no JSON form');
  return `${print(JSON.parse(text) as Json, 0, 0, 0)}\n`;
}
