/**
 * Errors thrown by the query language. Every message names the position in the query (or sort
 * string) and what was wrong, because on the platform a bad query only surfaces as a generic
 * exception deep inside a job run.
 */

/** Which string an error is about: the query, or the sort string. */
export type SourceLabel = 'Query' | 'Sort';

export class QueryError extends Error {
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** `line 2, column 5` for multi-line sources, `column 5` otherwise (both 1-based). */
export function describePosition(source: string, position: number): string {
  const before = source.slice(0, position);
  const line = before.split('\n').length;
  const column = position - (before.lastIndexOf('\n') + 1) + 1;
  return source.includes('\n') ? `line ${line}, column ${column}` : `column ${column}`;
}

const SNIPPET_RADIUS = 60;

/** The source line holding `position`, with a caret under it (windowed for long lines). */
export function pointAt(source: string, position: number): string {
  const lineStart = source.lastIndexOf('\n', position - 1) + 1;
  const newline = source.indexOf('\n', position);
  const lineEnd = newline === -1 ? source.length : newline;
  const from = Math.max(lineStart, position - SNIPPET_RADIUS);
  const to = Math.min(lineEnd, position + SNIPPET_RADIUS);
  const prefix = from > lineStart ? '…' : '';
  const suffix = to < lineEnd ? '…' : '';
  const caretOffset = prefix.length + position - from;
  return `  ${prefix}${source.slice(from, to)}${suffix}\n  ${' '.repeat(caretOffset)}^`;
}

/** The query or sort string does not follow the grammar. */
export class QuerySyntaxError extends QueryError {
  constructor(
    readonly source: string,
    /** 0-based offset into `source`. */
    readonly position: number,
    readonly expected: string,
    readonly found: string,
    readonly label: SourceLabel = 'Query',
  ) {
    super(
      `${label} syntax error at ${describePosition(source, position)}: expected ${expected} but found ${found}\n` +
        pointAt(source, position),
    );
  }
}

/** A placeholder has no argument, or an argument (or attribute-map value) is not a usable value. */
export class QueryArgumentError extends QueryError {}

/** An operator is used with a value of the wrong type, or an attribute holds a value of another type. */
export class QueryTypeError extends QueryError {}

/** The caller's `isKnownAttribute` refused an attribute named in the query or sort string. */
export class UnknownAttributeError extends QueryError {
  constructor(
    readonly attribute: string,
    readonly source: string,
    readonly position: number,
    hint: string,
    label: SourceLabel = 'Query',
  ) {
    super(
      `${label} names unknown attribute '${attribute}' at ${describePosition(source, position)}${hint}\n` +
        pointAt(source, position),
    );
  }
}
