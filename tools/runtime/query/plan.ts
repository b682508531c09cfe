/**
 * Splits a query for a search over a sorted selection: its top-level AND conditions that bound
 * one attribute (`creationDate >= {0}`, `creationDate < {1}`) against a date, and the rest (the
 * residual). A match is an object for which the residual and every bound are true, whatever the
 * nesting of the ANDs: Kleene AND is true exactly when each of its operands is true. Queries that
 * differ only in such bounds share the residual key, so their selection can be evaluated once.
 *
 * Call it only with a query that compiled (compileParsedQuery) with the same arguments: binding
 * cannot fail then.
 */
import type { ComparisonOperator, ConditionNode, ParsedQuery, QueryNode } from './ast';
import { compileParsedQuery, type QueryOptions, type QueryPredicate } from './evaluate';
import { isDate, type QueryValue, toQueryValue } from './values';

export type BoundOperator = Extract<ComparisonOperator, '<' | '<=' | '>' | '>=' | '='>;

/** `attribute <operator> time`: true for a date attribute value compared with `time` (ms). */
export interface DateBound {
  operator: BoundOperator;
  time: number;
}

export interface SearchPlan {
  /** The residual's identity: equal keys, equal residual predicates. */
  residualKey: string;
  /** The AND of the conditions that are not bounds (true for every object when there are none). */
  residual: QueryPredicate;
  /** The bounds on the ranged attribute; empty when there is none or no ranged attribute. */
  bounds: DateBound[];
}

const BOUND_OPERATORS = new Set<ComparisonOperator>(['<', '<=', '>', '>=', '=']);

function conjuncts(node: QueryNode | null, into: QueryNode[] = []): QueryNode[] {
  if (node === null) return into;
  if (node.kind === 'and') {
    conjuncts(node.left, into);
    conjuncts(node.right, into);
  } else {
    into.push(node);
  }
  return into;
}

function boundValue(node: ConditionNode, args: readonly unknown[]): QueryValue {
  const operand = node.value;
  if (operand.kind === 'literal') return operand.value;
  return toQueryValue(args[operand.index], () => `Argument {${operand.index}}`);
}

function valueKey(value: QueryValue): unknown[] {
  if (value === null) return ['null'];
  if (isDate(value)) return ['date', value.getTime()];
  return [typeof value, value];
}

function nodeKey(node: QueryNode, args: readonly unknown[]): unknown[] {
  switch (node.kind) {
    case 'condition':
      return ['condition', node.attribute.path, node.operator, valueKey(boundValue(node, args))];
    case 'not':
      return ['not', nodeKey(node.operand, args)];
    default:
      return [node.kind, nodeKey(node.left, args), nodeKey(node.right, args)];
  }
}

function dateBound(node: QueryNode, attribute: string | null, args: readonly unknown[]): DateBound | null {
  if (attribute === null || node.kind !== 'condition' || node.attribute.path !== attribute) return null;
  if (!BOUND_OPERATORS.has(node.operator)) return null;
  const value = boundValue(node, args);
  // A number or string compared with a date attribute is a type error the evaluator reports.
  if (!isDate(value) || Number.isNaN(value.getTime())) return null;
  return { operator: node.operator as BoundOperator, time: value.getTime() };
}

/** Splits `parsed` into date bounds on `rangedAttribute` (when given) and the residual. */
export function planSearch(
  parsed: ParsedQuery,
  args: readonly unknown[],
  options: QueryOptions,
  rangedAttribute: string | null,
): SearchPlan {
  const bounds: DateBound[] = [];
  const rest: QueryNode[] = [];
  for (const node of conjuncts(parsed.root)) {
    const bound = dateBound(node, rangedAttribute, args);
    if (bound) bounds.push(bound);
    else rest.push(node);
  }
  let root: QueryNode | null = null;
  for (const node of rest) root = root === null ? node : { kind: 'and', left: root, right: node };
  const residual = compileParsedQuery({ source: parsed.source, root }, args, options);
  const residualKey = JSON.stringify([options.notEqualsMatchesNull ?? true, rest.map((node) => nodeKey(node, args))]);
  return { residualKey, residual, bounds };
}
