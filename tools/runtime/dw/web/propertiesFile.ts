const ESCAPES: Record<string, string> = { t: '\t', n: '\n', r: '\r', f: '\f' };

/** Joins continuation lines: a line ending in an odd number of backslashes continues on the next. */
function logicalLines(text: string): string[] {
  const lines: string[] = [];
  let pending: string | undefined;
  for (const physical of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const line = pending === undefined ? physical : pending + physical.replace(/^[ \t\f]+/, '');
    const trailingBackslashes = /\\*$/.exec(line)?.[0].length ?? 0;
    if (trailingBackslashes % 2 === 1) {
      pending = line.slice(0, -1);
    } else {
      pending = undefined;
      lines.push(line);
    }
  }
  if (pending !== undefined) lines.push(pending);
  return lines;
}

function unescape(text: string): string {
  return text.replace(/\\(u([0-9a-fA-F]{4})|.)/g, (_match, escaped: string, hex: string | undefined) =>
    hex ? String.fromCharCode(parseInt(hex, 16)) : (ESCAPES[escaped] ?? escaped),
  );
}

/**
 * Parses java.util.Properties text (read as UTF-8, as the platform reads resource bundles):
 * `#`/`!` comments, `key=value`, `key: value` or `key value`, continuations, `\uXXXX` escapes.
 */
export function parseProperties(text: string): Map<string, string> {
  const properties = new Map<string, string>();
  for (const line of logicalLines(text)) {
    const content = line.replace(/^[ \t\f]+/, '');
    if (content === '' || content.startsWith('#') || content.startsWith('!')) continue;
    let keyEnd = 0;
    while (keyEnd < content.length && !/[=: \t\f]/.test(content[keyEnd])) keyEnd += content[keyEnd] === '\\' ? 2 : 1;
    const key = content.slice(0, keyEnd);
    const rest = content.slice(keyEnd).replace(/^[ \t\f]*[=:]?[ \t\f]*/, '');
    properties.set(unescape(key), unescape(rest));
  }
  return properties;
}
