/**
 * Recursive-descent parser for the query language:
 *
 *   query      := orExpr? end
 *   orExpr     := andExpr (OR andExpr)*
 *   andExpr    := notExpr (AND notExpr)*
 *   notExpr    := NOT notExpr | '(' orExpr ')' | condition
 *   condition  := attribute operator value
 *   operator   := '=' | '!=' | '<' | '<=' | '>' | '>=' | LIKE | ILIKE
 *   value      := string | number | date | TRUE | FALSE | NULL | placeholder
 */
import { type ComparisonOperator, type ParsedQuery, type QueryNode, type ValueOperand } from './ast';
import { describePosition, QueryArgumentError, QuerySyntaxError } from './errors';
import { describeToken, tokenize, type Token } from './lexer';

const OPERATORS_EXPECTED = 'a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE)';
const VALUE_EXPECTED = "a value ('string', number, date, TRUE, FALSE, NULL or a placeholder like {0})";

class Parser {
  private index = 0;

  constructor(
    private readonly source: string,
    private readonly tokens: Token[],
  ) {}

  parse(): QueryNode | null {
    if (this.peek().kind === 'end') return null;
    const root = this.parseOr();
    const next = this.peek();
    if (next.kind !== 'end') {
      const expected =
        next.kind === ')' ? "AND, OR or end of query (this ')' closes nothing)" : 'AND, OR or end of query';
      this.fail(next, expected);
    }
    return root;
  }

  private parseOr(): QueryNode {
    let left = this.parseAnd();
    while (this.isKeyword(this.peek(), 'OR')) {
      this.index += 1;
      left = { kind: 'or', left, right: this.parseAnd() };
    }
    return left;
  }

  private parseAnd(): QueryNode {
    let left = this.parseNot();
    while (this.isKeyword(this.peek(), 'AND')) {
      this.index += 1;
      left = { kind: 'and', left, right: this.parseNot() };
    }
    return left;
  }

  private parseNot(): QueryNode {
    const token = this.peek();
    if (this.isKeyword(token, 'NOT')) {
      this.index += 1;
      return { kind: 'not', operand: this.parseNot() };
    }
    if (token.kind === '(') {
      this.index += 1;
      const inner = this.parseOr();
      const closing = this.peek();
      if (closing.kind !== ')') {
        this.fail(closing, `')' to close the '(' at ${describePosition(this.source, token.position)}, or AND / OR`);
      }
      this.index += 1;
      return inner;
    }
    return this.parseCondition();
  }

  private parseCondition(): QueryNode {
    const attribute = this.next();
    if (attribute.kind !== 'identifier') {
      const isValue = ['string', 'number', 'date', 'placeholder'].includes(attribute.kind);
      const hint = isValue ? ' (the attribute goes on the left of the operator)' : '';
      this.fail(attribute, `an attribute name, NOT or '('${hint}`);
    }
    const operator = this.parseOperator(attribute);
    const value = this.parseValue();
    const last = this.tokens[this.index - 1];
    return {
      kind: 'condition',
      attribute: { path: attribute.text, position: attribute.position },
      operator,
      value,
      start: attribute.position,
      end: last.position + last.text.length,
    };
  }

  private parseOperator(attribute: Token): ComparisonOperator {
    const token = this.next();
    if (token.kind === 'comparison') return token.symbol;
    if (token.kind === 'keyword' && (token.keyword === 'LIKE' || token.keyword === 'ILIKE')) return token.keyword;
    return this.fail(token, `${OPERATORS_EXPECTED} after '${attribute.text}'`);
  }

  private parseValue(): ValueOperand {
    const token = this.next();
    const position = token.position;
    switch (token.kind) {
      case 'string':
      case 'number':
      case 'date':
        return { kind: 'literal', value: token.value, position };
      case 'placeholder':
        return { kind: 'placeholder', index: token.index, position };
      case 'keyword':
        if (token.keyword === 'NULL') return { kind: 'literal', value: null, position };
        if (token.keyword === 'TRUE' || token.keyword === 'FALSE') {
          return { kind: 'literal', value: token.keyword === 'TRUE', position };
        }
        break;
      case 'identifier':
        return this.fail(token, `${VALUE_EXPECTED}; comparing two attributes is not supported`);
    }
    return this.fail(token, VALUE_EXPECTED);
  }

  private peek(): Token {
    return this.tokens[this.index];
  }

  private next(): Token {
    const token = this.tokens[this.index];
    if (token.kind !== 'end') this.index += 1;
    return token;
  }

  private isKeyword(token: Token, keyword: string): boolean {
    return token.kind === 'keyword' && token.keyword === keyword;
  }

  private fail(token: Token, expected: string): never {
    throw new QuerySyntaxError(this.source, token.position, expected, describeToken(token, 'Query'));
  }
}

/** Parses a query string; throws QuerySyntaxError naming the position and what was expected. */
export function parseQuery(source: string): ParsedQuery {
  if (typeof source !== 'string') {
    throw new QueryArgumentError(`The query must be a string, got ${source === null ? 'null' : typeof source}`);
  }
  return { source, root: new Parser(source, tokenize(source, 'Query')).parse() };
}
