import { expect } from 'chai';
import { QuerySyntaxError } from '../../../../../tools/runtime/query';
import { tokenize, type Token } from '../../../../../tools/runtime/query/lexer';

function kinds(tokens: Token[]): string[] {
  return tokens.map((token) => (token.kind === 'keyword' ? token.keyword : token.kind));
}

describe('tools/runtime/query/lexer', () => {
  it('reads attributes, operators, keywords (any case), values and placeholders', () => {
    const tokens = tokenize("custom.ALMA_x != {0} and NOT status<=3 Or paymentStatus ilike 'a*' AND x = null");
    // prettier-ignore
    expect(kinds(tokens)).to.deep.equal([
      'identifier', 'comparison', 'placeholder', 'AND', 'NOT', 'identifier', 'comparison', 'number', 'OR',
      'identifier', 'ILIKE', 'string', 'AND', 'identifier', 'comparison', 'NULL', 'end',
    ]);
    expect(tokens[0].text).to.equal('custom.ALMA_x');
  });

  it('keeps dotted words that contain a keyword as attribute paths', () => {
    expect(kinds(tokenize('custom.like = custom.null'))).to.deep.equal([
      'identifier',
      'comparison',
      'identifier',
      'end',
    ]);
  });

  it('reads numbers with sign, fraction and exponent', () => {
    const values = tokenize('1 -2 3.5 3E4 3.99e-2').flatMap((token) => (token.kind === 'number' ? [token.value] : []));
    expect(values).to.deep.equal([1, -2, 3.5, 30000, 0.0399]);
  });

  it('reads single- and double-quoted strings with \\-escaped quotes', () => {
    const values = tokenize(`'it\\'s' "say \\"hi\\"" 'a\\\\b' 'c:\\d'`).flatMap((token) =>
      token.kind === 'string' ? [token.value] : [],
    );
    expect(values).to.deep.equal(["it's", 'say "hi"', 'a\\b', 'c:\\d']);
  });

  it('reads date literals in the platform formats, UTC unless a zone is given', () => {
    const dates = tokenize('2007-05-31 2007-05-31T10:20+Z 2007-05-31T10:20:30 2007-05-31T10:20:30.5+02:00').flatMap(
      (token) => (token.kind === 'date' ? [token.value.toISOString()] : []),
    );
    expect(dates).to.deep.equal([
      '2007-05-31T00:00:00.000Z',
      '2007-05-31T10:20:00.000Z',
      '2007-05-31T10:20:30.000Z',
      '2007-05-31T08:20:30.500Z',
    ]);
  });

  it('reads placeholders, tolerating inner spaces', () => {
    const indexes = tokenize('{0} { 12 }').flatMap((token) => (token.kind === 'placeholder' ? [token.index] : []));
    expect(indexes).to.deep.equal([0, 12]);
  });

  it('refuses impossible dates, stray characters and look-alike operators with their position', () => {
    expect(() => tokenize('x = 2023-02-30')).to.throw(QuerySyntaxError, 'column 5: expected a valid calendar date');
    expect(() => tokenize('x # 1')).to.throw(
      QuerySyntaxError,
      "column 3: expected an attribute, value, operator or parenthesis but found '#'",
    );
    expect(() => tokenize('x <> 1')).to.throw("expected '!=' (there is no '<>') but found '<>'");
    expect(() => tokenize('x == 1')).to.throw("expected '=' (comparison is a single '=')");
    expect(() => tokenize('x = 1 && y = 2')).to.throw("expected AND (there is no '&&')");
    expect(() => tokenize('x = {a}')).to.throw('expected a placeholder like {0}');
    expect(() => tokenize("x = 'open")).to.throw(
      "expected a closing ' for the string that starts at column 5 but found end of query",
    );
    expect(() => tokenize('custom. = 1')).to.throw("expected an attribute name after 'custom.' but found whitespace");
  });

  it('reports line and column for multi-line queries, with a caret under the spot', () => {
    let error: unknown;
    try {
      tokenize('status = 3\n  AND x # 1');
    } catch (caught) {
      error = caught;
    }
    expect(error).to.be.instanceOf(QuerySyntaxError);
    const syntaxError = error as QuerySyntaxError;
    expect(syntaxError.position).to.equal(19);
    expect(syntaxError.message).to.equal(
      "Query syntax error at line 2, column 9: expected an attribute, value, operator or parenthesis but found '#'\n" +
        '    AND x # 1\n' +
        '          ^',
    );
  });
});
