/**
 * Compiles a parsed query into a predicate once, so that testing many objects costs only the
 * closure calls. The value side of every condition is known at compile time (literals and bound
 * placeholders), so operator/value type errors surface before any object is tested; only the
 * attribute side is checked per object.
 */
import { type ComparisonOperator, type ConditionNode, type ParsedQuery, type QueryNode } from './ast';
import { type AttributeFilter, assertKnownAttributes, collectAttributes } from './attributes';
import { describePosition, QueryArgumentError, QueryTypeError } from './errors';
import { parseQuery } from './parser';
import { type AttributeLookup, formatValue, isDate, kindOf, type QueryValue, toQueryValue } from './values';

export interface QueryOptions {
  /**
   * Order Search Service behaviour (default true): `x != 'v'` also matches objects where `x` is
   * unset, and NOT of a condition on an unset attribute is true (document-search semantics,
   * two-valued). When false, SQL semantics: a comparison with an unset attribute is UNKNOWN, so it
   * matches neither `x != 'v'` nor `NOT x = 'v'` (three-valued logic). `= NULL` / `!= NULL` behave
   * the same either way.
   */
  notEqualsMatchesNull?: boolean;
  /** When given, every attribute in the query must pass, or compileQuery throws UnknownAttributeError. */
  isKnownAttribute?: AttributeFilter;
}

export type QueryPredicate = (lookup: AttributeLookup) => boolean;

/** true, false, or null for SQL's UNKNOWN (only produced when notEqualsMatchesNull is false). */
type Truth = boolean | null;
type NodeEvaluator = (lookup: AttributeLookup) => Truth;
type NonNullValue = Exclude<QueryValue, null>;
type ValueTest = (actual: NonNullValue) => boolean;

interface CompileContext {
  source: string;
  args: readonly unknown[];
  boundArgs: Map<number, QueryValue>;
  notEqualsMatchesNull: boolean;
}

const ORDERING: Record<'<' | '<=' | '>' | '>=', (left: number, right: number) => boolean> = {
  '<': (left, right) => left < right,
  '<=': (left, right) => left <= right,
  '>': (left, right) => left > right,
  '>=': (left, right) => left >= right,
};

function conditionText(ctx: CompileContext, node: ConditionNode): string {
  return `"${ctx.source.slice(node.start, node.end)}" (${describePosition(ctx.source, node.start)})`;
}

function describeValue(value: NonNullValue): string {
  return `${kindOf(value) === 'date' ? 'a Date' : `a ${kindOf(value)}`} (${formatValue(value)})`;
}

function bindValue(node: ConditionNode, ctx: CompileContext): QueryValue {
  const operand = node.value;
  if (operand.kind === 'literal') return operand.value;
  const { index } = operand;
  if (ctx.boundArgs.has(index)) return ctx.boundArgs.get(index) ?? null;
  if (index >= ctx.args.length) {
    const passed =
      ctx.args.length === 0
        ? 'no arguments were passed'
        : `${ctx.args.length} argument(s) were passed ({0}${ctx.args.length > 1 ? `..{${ctx.args.length - 1}}` : ''})`;
    throw new QueryArgumentError(
      `Placeholder {${index}} at ${describePosition(ctx.source, operand.position)} has no argument: ${passed}`,
    );
  }
  const value = toQueryValue(
    ctx.args[index],
    () => `Argument {${index}} (at ${describePosition(ctx.source, operand.position)})`,
  );
  ctx.boundArgs.set(index, value);
  return value;
}

/** Throws for an attribute value whose type does not fit the condition's value. */
function mismatch(node: ConditionNode, ctx: CompileContext, expected: NonNullValue, actual: unknown): never {
  const path = node.attribute.path;
  const held = isDate(actual) || ['string', 'number', 'boolean'].includes(typeof actual);
  const actualText = held ? describeValue(actual as NonNullValue) : `an unsupported ${typeof actual} value`;
  const hint =
    node.operator === 'LIKE' || node.operator === 'ILIKE' ? '; LIKE and ILIKE apply to string attributes' : '';
  throw new QueryTypeError(
    `Type mismatch in ${conditionText(ctx, node)}: attribute '${path}' holds ${actualText} but is compared ` +
      `with ${describeValue(expected)}; the emulation does not convert between types${hint}`,
  );
}

function equalityTest(node: ConditionNode, ctx: CompileContext, expected: NonNullValue): ValueTest {
  if (isDate(expected)) {
    const time = expected.getTime();
    return (actual) => (isDate(actual) ? actual.getTime() === time : mismatch(node, ctx, expected, actual));
  }
  const kind = typeof expected;
  return (actual) => (typeof actual === kind ? actual === expected : mismatch(node, ctx, expected, actual));
}

function orderingTest(node: ConditionNode, ctx: CompileContext, expected: NonNullValue): ValueTest {
  const holds = ORDERING[node.operator as keyof typeof ORDERING];
  if (typeof expected === 'number') {
    return (actual) => (typeof actual === 'number' ? holds(actual, expected) : mismatch(node, ctx, expected, actual));
  }
  if (isDate(expected)) {
    const time = expected.getTime();
    return (actual) => (isDate(actual) ? holds(actual.getTime(), time) : mismatch(node, ctx, expected, actual));
  }
  throw new QueryTypeError(
    `'${node.operator}' compares numbers and dates only, but ${conditionText(ctx, node)} compares with ${describeValue(expected)}`,
  );
}

/** SFCC wildcards: `*` any run of characters (possibly none), `?` exactly one character. */
export function likePattern(pattern: string, caseInsensitive: boolean): RegExp {
  let body = '';
  for (const char of pattern) {
    if (char === '*') body += '.*';
    else if (char === '?') body += '.';
    else body += char.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
  }
  return new RegExp(`^${body}$`, caseInsensitive ? 'isu' : 'su');
}

function likeTest(node: ConditionNode, ctx: CompileContext, expected: NonNullValue): ValueTest {
  if (typeof expected !== 'string') {
    throw new QueryTypeError(
      `${node.operator} needs a string pattern, but ${conditionText(ctx, node)} uses ${describeValue(expected)}`,
    );
  }
  const regex = likePattern(expected, node.operator === 'ILIKE');
  return (actual) => (typeof actual === 'string' ? regex.test(actual) : mismatch(node, ctx, expected, actual));
}

function valueTest(node: ConditionNode, ctx: CompileContext, expected: NonNullValue): ValueTest {
  const operator: ComparisonOperator = node.operator;
  switch (operator) {
    case '=':
      return equalityTest(node, ctx, expected);
    case '!=': {
      const equals = equalityTest(node, ctx, expected);
      return (actual) => !equals(actual);
    }
    case 'LIKE':
    case 'ILIKE':
      return likeTest(node, ctx, expected);
    default:
      return orderingTest(node, ctx, expected);
  }
}

function compileCondition(node: ConditionNode, ctx: CompileContext): NodeEvaluator {
  const path = node.attribute.path;
  const expected = bindValue(node, ctx);
  if (expected === null) {
    if (node.operator === '=') return (lookup) => (lookup(path) ?? null) === null;
    if (node.operator === '!=') return (lookup) => (lookup(path) ?? null) !== null;
    throw new QueryTypeError(`NULL can only be used with = and !=, not in ${conditionText(ctx, node)}`);
  }
  const test = valueTest(node, ctx, expected);
  const whenUnset: Truth = ctx.notEqualsMatchesNull ? node.operator === '!=' : null;
  return (lookup) => {
    const actual = lookup(path);
    return actual === null || actual === undefined ? whenUnset : test(actual);
  };
}

// Kleene logic; with two-valued input (no nulls) it is plain boolean logic.
function compileNode(node: QueryNode, ctx: CompileContext): NodeEvaluator {
  switch (node.kind) {
    case 'condition':
      return compileCondition(node, ctx);
    case 'not': {
      const operand = compileNode(node.operand, ctx);
      return (lookup) => {
        const truth = operand(lookup);
        return truth === null ? null : !truth;
      };
    }
    case 'and': {
      const left = compileNode(node.left, ctx);
      const right = compileNode(node.right, ctx);
      return (lookup) => {
        const first = left(lookup);
        if (first === false) return false;
        const second = right(lookup);
        if (second === false) return false;
        return first === true && second === true ? true : null;
      };
    }
    case 'or': {
      const left = compileNode(node.left, ctx);
      const right = compileNode(node.right, ctx);
      return (lookup) => {
        const first = left(lookup);
        if (first === true) return true;
        const second = right(lookup);
        if (second === true) return true;
        return first === false && second === false ? false : null;
      };
    }
  }
}

/** Compiles an already parsed query (see compileQuery). */
export function compileParsedQuery(
  parsed: ParsedQuery,
  args: readonly unknown[] = [],
  options: QueryOptions = {},
): QueryPredicate {
  assertKnownAttributes(collectAttributes(parsed.root), parsed.source, options.isKnownAttribute, 'Query');
  if (parsed.root === null) return () => true;
  const evaluate = compileNode(parsed.root, {
    source: parsed.source,
    args,
    boundArgs: new Map(),
    notEqualsMatchesNull: options.notEqualsMatchesNull ?? true,
  });
  return (lookup) => evaluate(lookup) === true;
}

/**
 * Parses `query`, binds `{n}` placeholders to `args[n]` and returns a predicate over attribute
 * lookups. An empty or blank query matches everything. Throws QuerySyntaxError,
 * QueryArgumentError, QueryTypeError (value side) or UnknownAttributeError here; the predicate
 * itself throws QueryTypeError when an attribute holds a value of another type than the one it is
 * compared with, and lets errors thrown by the lookup propagate unchanged.
 */
export function compileQuery(query: string, args: readonly unknown[] = [], options: QueryOptions = {}): QueryPredicate {
  return compileParsedQuery(parseQuery(query), args, options);
}
