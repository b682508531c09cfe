/** The parsed form of a query string. Positions are 0-based offsets into the query. */
import { type QueryValue } from './values';

export type ComparisonOperator = '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE' | 'ILIKE';

export interface AttributeReference {
  /** As written: `status`, `custom.ALMA_Deferred_Capture`. */
  path: string;
  position: number;
}

export type ValueOperand =
  { kind: 'literal'; value: QueryValue; position: number } | { kind: 'placeholder'; index: number; position: number };

export interface ConditionNode {
  kind: 'condition';
  attribute: AttributeReference;
  operator: ComparisonOperator;
  value: ValueOperand;
  /** The condition's extent in the query, for error messages. */
  start: number;
  end: number;
}

export type QueryNode =
  ConditionNode | { kind: 'and' | 'or'; left: QueryNode; right: QueryNode } | { kind: 'not'; operand: QueryNode };

export interface ParsedQuery {
  source: string;
  /** null for an empty (or blank) query, which matches everything. */
  root: QueryNode | null;
}
