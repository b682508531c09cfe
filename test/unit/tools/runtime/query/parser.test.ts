import { expect } from 'chai';
import {
  parseQuery,
  QueryArgumentError,
  QuerySyntaxError,
  referencedAttributes,
  type QueryNode,
} from '../../../../../tools/runtime/query';

/** Compact rendering of the tree: conditions by attribute path, operators in prefix form. */
function shape(node: QueryNode | null): string {
  if (node === null) return '∅';
  switch (node.kind) {
    case 'condition':
      return node.attribute.path;
    case 'not':
      return `NOT(${shape(node.operand)})`;
    default:
      return `${node.kind.toUpperCase()}(${shape(node.left)}, ${shape(node.right)})`;
  }
}

function syntaxErrorOf(query: string): QuerySyntaxError {
  try {
    parseQuery(query);
  } catch (error) {
    if (error instanceof QuerySyntaxError) return error;
    throw error;
  }
  throw new Error(`expected a syntax error for ${query}`);
}

describe('tools/runtime/query/parser', () => {
  it('binds NOT tighter than AND, and AND tighter than OR', () => {
    expect(shape(parseQuery('NOT a = 1 AND b = 2 OR c = 3').root)).to.equal('OR(AND(NOT(a), b), c)');
    expect(shape(parseQuery('a = 1 OR b = 2 AND c = 3').root)).to.equal('OR(a, AND(b, c))');
    expect(shape(parseQuery('a = 1 AND b = 2 AND c = 3').root)).to.equal('AND(AND(a, b), c)');
    expect(shape(parseQuery('NOT NOT a = 1').root)).to.equal('NOT(NOT(a))');
  });

  it('lets parentheses override precedence, nested', () => {
    expect(shape(parseQuery('(a = 1 OR b = 2) AND c = 3').root)).to.equal('AND(OR(a, b), c)');
    expect(shape(parseQuery('NOT (a = 1 AND (b = 2 OR (NOT c LIKE {0})))').root)).to.equal(
      'NOT(AND(a, OR(b, NOT(c))))',
    );
  });

  it('records operator, value and the condition extent', () => {
    const root = parseQuery("x = 1 AND custom.y ILIKE 'a*'").root;
    expect(root?.kind).to.equal('and');
    if (root?.kind !== 'and' || root.right.kind !== 'condition') throw new Error('unexpected tree');
    expect(root.right).to.deep.include({ operator: 'ILIKE', start: 10, end: 29 });
    expect(root.right.value).to.deep.equal({ kind: 'literal', value: 'a*', position: 25 });
  });

  it('treats an empty or blank query as "everything"', () => {
    expect(parseQuery('').root).to.equal(null);
    expect(parseQuery('  \n ').root).to.equal(null);
  });

  it('lists referenced attributes once each, in order of appearance', () => {
    expect(
      referencedAttributes('status = 1 OR (NOT custom.x != NULL AND status < 3) OR creationDate > {0}'),
    ).to.deep.equal(['status', 'custom.x', 'creationDate']);
    expect(referencedAttributes('')).to.deep.equal([]);
  });

  it('names the position and what was expected in syntax errors', () => {
    // prettier-ignore
    const cases: Array<[string, number, string, string]> = [
      ['status foo 3', 7, "a comparison operator (=, !=, <, <=, >, >=, LIKE, ILIKE) after 'status'", "'foo'"],
      ['status = ', 9, "a value ('string', number, date, TRUE, FALSE, NULL or a placeholder like {0})", 'end of query'],
      ['(status = 1', 11, "')' to close the '(' at column 1, or AND / OR", 'end of query'],
      ['status = 1 )', 11, "AND, OR or end of query (this ')' closes nothing)", "')'"],
      ['status = 1 status = 2', 11, 'AND, OR or end of query', "'status'"],
      ['status = 1 AND', 14, "an attribute name, NOT or '('", 'end of query'],
      ["'a' = status", 0, "an attribute name, NOT or '(' (the attribute goes on the left of the operator)", "the string 'a'"],
      ['a = b', 4, "a value ('string', number, date, TRUE, FALSE, NULL or a placeholder like {0}); comparing two attributes is not supported", "'b'"],
      ['a LIKE LIKE', 7, "a value ('string', number, date, TRUE, FALSE, NULL or a placeholder like {0})", "'LIKE'"],
    ];
    for (const [query, position, expected, found] of cases) {
      const error = syntaxErrorOf(query);
      expect({ query, position: error.position, expected: error.expected, found: error.found }).to.deep.equal({
        query,
        position,
        expected,
        found,
      });
    }
  });

  it('refuses a query that is not a string', () => {
    expect(() => parseQuery(null as unknown as string)).to.throw(
      QueryArgumentError,
      'The query must be a string, got null',
    );
  });
});
