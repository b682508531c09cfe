import { expect } from 'chai';
import {
  compileQuery,
  QueryArgumentError,
  QueryTypeError,
  UnknownAttributeError,
  type QueryOptions,
  type QueryValue,
} from '../../../../../tools/runtime/query';
import { lookupOf } from './helpers';

type Row = Record<string, QueryValue | undefined>;

const ORDERS: Row[] = [
  { orderNo: 'A1', status: 3, paymentStatus: 0, customerEmail: 'Ann@Example.com', 'custom.psp': 'alma' },
  { orderNo: 'A2', status: 4, paymentStatus: 2, customerEmail: 'bob@example.org', 'custom.psp': 'monext' },
  { orderNo: 'A3', status: 6, paymentStatus: 2, customerEmail: null, 'custom.psp': null },
  { orderNo: 'A4', status: 3, paymentStatus: 1, customerEmail: 'carl@example.com' },
];

/** Order numbers of ORDERS (or `rows`) matching the query. */
function matching(query: string, args: unknown[] = [], options: QueryOptions = {}, rows: Row[] = ORDERS): string[] {
  const predicate = compileQuery(query, args, options);
  return rows.filter((row) => predicate(lookupOf(row))).map((row) => String(row.orderNo));
}

describe('tools/runtime/query/evaluate', () => {
  describe('comparison operators', () => {
    it('= and != on numbers and strings', () => {
      expect(matching('status = 3')).to.deep.equal(['A1', 'A4']);
      expect(matching("orderNo = 'A2'")).to.deep.equal(['A2']);
      expect(matching('orderNo = "A2"')).to.deep.equal(['A2']);
      expect(matching('status != 3')).to.deep.equal(['A2', 'A3']);
      expect(matching("orderNo = 'a2'")).to.deep.equal([], '= is case-sensitive');
    });

    it('<, <=, >, >= on numbers', () => {
      expect(matching('status < 4')).to.deep.equal(['A1', 'A4']);
      expect(matching('status <= 4')).to.deep.equal(['A1', 'A2', 'A4']);
      expect(matching('status > 4')).to.deep.equal(['A3']);
      expect(matching('status >= 4')).to.deep.equal(['A2', 'A3']);
      expect(matching('paymentStatus > -1.5E0')).to.have.length(4);
    });

    it('compares dates from Date arguments and from date literals', () => {
      const rows: Row[] = [
        { orderNo: 'old', creationDate: new Date('2024-01-01T10:00:00Z') },
        { orderNo: 'mid', creationDate: new Date('2024-01-15T00:00:00Z') },
        { orderNo: 'new', creationDate: new Date('2024-02-01T00:00:00Z') },
      ];
      const from = new Date('2024-01-10T00:00:00Z');
      const to = new Date('2024-02-01T00:00:00Z');
      expect(matching('creationDate >= {0} AND creationDate < {1}', [from, to], {}, rows)).to.deep.equal(['mid']);
      expect(matching('creationDate = {0}', [new Date(to.getTime())], {}, rows)).to.deep.equal(['new']);
      expect(matching('creationDate < 2024-01-15', [], {}, rows)).to.deep.equal(['old']);
      expect(matching('creationDate <= 2024-01-15T00:00:00+Z', [], {}, rows)).to.deep.equal(['old', 'mid']);
      expect(matching('creationDate > 2024-01-15T01:00+01:00', [], {}, rows)).to.deep.equal(['new']);
    });

    it('compares booleans with true / false in any case', () => {
      const rows: Row[] = [
        { orderNo: 'yes', 'custom.ALMA_Deferred_Capture': true },
        { orderNo: 'no', 'custom.ALMA_Deferred_Capture': false },
        { orderNo: 'unset' },
      ];
      expect(matching('custom.ALMA_Deferred_Capture = TRUE', [], {}, rows)).to.deep.equal(['yes']);
      expect(matching('custom.ALMA_Deferred_Capture = false', [], {}, rows)).to.deep.equal(['no']);
      expect(matching('custom.ALMA_Deferred_Capture = {0}', [true], {}, rows)).to.deep.equal(['yes']);
    });
  });

  describe('logic', () => {
    it('evaluates NOT > AND > OR precedence and parentheses like the equivalent boolean expression', () => {
      const rows: Row[] = [];
      for (let bits = 0; bits < 8; bits += 1) {
        rows.push({ orderNo: String(bits), a: bits & 1, b: (bits >> 1) & 1, c: (bits >> 2) & 1 });
      }
      const cases: Array<[string, (a: boolean, b: boolean, c: boolean) => boolean]> = [
        ['NOT a = 1 AND b = 1 OR c = 1', (a, b, c) => (!a && b) || c],
        ['a = 1 OR b = 1 AND c = 1', (a, b, c) => a || (b && c)],
        ['(a = 1 OR b = 1) AND c = 1', (a, b, c) => (a || b) && c],
        ['NOT (a = 1 OR b = 1) and c = 1', (a, b, c) => !(a || b) && c],
        ['not a = 1 or not b = 1 and c = 1', (a, b, c) => !a || (!b && c)],
      ];
      for (const [query, expected] of cases) {
        const want = rows.filter((row) => expected(row.a === 1, row.b === 1, row.c === 1)).map((row) => row.orderNo);
        expect(matching(query, [], {}, rows), query).to.deep.equal(want);
      }
    });

    it('matches everything for an empty query', () => {
      expect(matching('')).to.have.length(4);
      expect(matching('   ')).to.have.length(4);
    });
  });

  describe('placeholders', () => {
    it('binds {n} to args[n], several times if reused', () => {
      expect(matching('status = {1} OR paymentStatus = {0}', [1, 4])).to.deep.equal(['A2', 'A4']);
      expect(matching('status = {0} OR paymentStatus = {0}', [2])).to.deep.equal(['A2', 'A3']);
    });

    it('binds null / undefined as NULL and enum-like objects by their valueOf()', () => {
      expect(matching('custom.psp = {0}', [null])).to.deep.equal(['A3', 'A4']);
      expect(matching('custom.psp = {0}', [undefined])).to.deep.equal(['A3', 'A4']);
      const enumValue = { value: 6, displayValue: 'Cancelled', valueOf: () => 6 };
      expect(matching('status = {0}', [enumValue])).to.deep.equal(['A3']);
    });

    it('accepts Dates from another realm', () => {
      const foreignDate: unknown = new (require('node:vm').runInNewContext('Date'))(Date.UTC(2024, 0, 1));
      const rows: Row[] = [{ orderNo: 'x', creationDate: new Date(Date.UTC(2024, 0, 1)) }];
      expect(matching('creationDate = {0}', [foreignDate], {}, rows)).to.deep.equal(['x']);
    });

    it('names the missing placeholder and how many arguments were passed', () => {
      expect(() => compileQuery('status = {0}')).to.throw(
        QueryArgumentError,
        'Placeholder {0} at column 10 has no argument: no arguments were passed',
      );
      expect(() => compileQuery('status = {0} AND paymentStatus = {2}', [1, 2])).to.throw(
        QueryArgumentError,
        'Placeholder {2} at column 34 has no argument: 2 argument(s) were passed ({0}..{1})',
      );
    });

    it('refuses arguments that are not values', () => {
      expect(() => compileQuery('status = {0}', [{}])).to.throw(
        QueryArgumentError,
        'Argument {0} (at column 10) is an object; pass a string, number, boolean, Date or null',
      );
      expect(() => compileQuery('status = {0}', [[1]])).to.throw(QueryArgumentError, 'is an array');
      expect(() => compileQuery('status = {0}', [NaN])).to.throw(QueryArgumentError, 'is NaN');
      expect(() => compileQuery('status = {0}', [() => 3])).to.throw(QueryArgumentError, 'is a function');
      expect(() => compileQuery('creationDate = {0}', [new Date('nope')])).to.throw(QueryArgumentError, 'invalid Date');
    });
  });

  describe('NULL', () => {
    it('= NULL matches unset and null, != NULL matches set values', () => {
      expect(matching('custom.psp = NULL')).to.deep.equal(['A3', 'A4']);
      expect(matching('custom.psp != null')).to.deep.equal(['A1', 'A2']);
    });

    it('notEqualsMatchesNull (default true, Order Search Service): != also matches unset', () => {
      expect(matching("custom.psp != 'alma'")).to.deep.equal(['A2', 'A3', 'A4']);
      expect(matching("custom.psp != 'alma'", [], { notEqualsMatchesNull: true })).to.deep.equal(['A2', 'A3', 'A4']);
      expect(matching("NOT custom.psp = 'alma'")).to.deep.equal(['A2', 'A3', 'A4']);
      expect(matching("custom.psp = 'alma'")).to.deep.equal(['A1']);
    });

    it('notEqualsMatchesNull false: SQL semantics, unset never matches a comparison, even under NOT', () => {
      const sql = { notEqualsMatchesNull: false };
      expect(matching("custom.psp != 'alma'", [], sql)).to.deep.equal(['A2']);
      expect(matching("NOT custom.psp = 'alma'", [], sql)).to.deep.equal(['A2']);
      expect(matching("custom.psp != 'alma' OR status = 6", [], sql)).to.deep.equal(['A2', 'A3']);
      expect(matching("NOT (custom.psp = 'alma' AND status = 3)", [], sql)).to.deep.equal(['A2', 'A3']);
      expect(matching('custom.psp = NULL', [], sql)).to.deep.equal(['A3', 'A4']);
      expect(matching('custom.psp != NULL', [], sql)).to.deep.equal(['A1', 'A2']);
    });

    it('never matches unset values with <, >, LIKE (either mode)', () => {
      for (const notEqualsMatchesNull of [true, false]) {
        expect(matching("customerEmail LIKE '*'", [], { notEqualsMatchesNull })).to.deep.equal(['A1', 'A2', 'A4']);
        expect(matching('custom.n > 0', [], { notEqualsMatchesNull })).to.deep.equal([]);
      }
    });

    it('refuses NULL with ordering and LIKE operators', () => {
      expect(() => compileQuery('status < NULL')).to.throw(
        QueryTypeError,
        'NULL can only be used with = and !=, not in "status < NULL" (column 1)',
      );
      expect(() => compileQuery('customerEmail LIKE {0}', [null])).to.throw(QueryTypeError, 'NULL can only be used');
    });
  });

  describe('LIKE and ILIKE', () => {
    it('LIKE is case-sensitive with * (any run) and ? (one character) as wildcards', () => {
      expect(matching("customerEmail LIKE '*@example.com'")).to.deep.equal(['A4']);
      expect(matching("customerEmail LIKE '*@Example.com'")).to.deep.equal(['A1']);
      expect(matching("customerEmail LIKE 'ann*'")).to.deep.equal([]);
      expect(matching("customerEmail LIKE 'Ann*'")).to.deep.equal(['A1']);
      expect(matching("orderNo LIKE 'A?'")).to.have.length(4);
      expect(matching("orderNo LIKE 'A'")).to.deep.equal([]);
      expect(matching("orderNo LIKE 'A2'")).to.deep.equal(['A2'], 'no wildcard: whole-value match');
    });

    it('ILIKE ignores case', () => {
      expect(matching("customerEmail ILIKE 'ann@*'")).to.deep.equal(['A1']);
      expect(matching("customerEmail ILIKE '*EXAMPLE*'")).to.deep.equal(['A1', 'A2', 'A4']);
    });

    it('treats regular-expression characters in patterns literally', () => {
      const rows: Row[] = [
        { orderNo: 'x', 'custom.ref': 'a.b+(c)[d]$' },
        { orderNo: 'y', 'custom.ref': 'aXb+(c)[d]$' },
      ];
      expect(matching("custom.ref LIKE 'a.b+(c)[d]$'", [], {}, rows)).to.deep.equal(['x']);
      expect(matching("custom.ref LIKE 'a.b*'", [], {}, rows)).to.deep.equal(['x']);
    });

    it('matches across line breaks', () => {
      expect(matching("custom.note LIKE 'a*b'", [], {}, [{ orderNo: 'x', 'custom.note': 'a\nb' }])).to.deep.equal([
        'x',
      ]);
    });
  });

  describe('types', () => {
    it('compares enum attributes by their value (number or string)', () => {
      const rows: Row[] = [{ orderNo: 'x', 'custom.level': 'GOLD' }];
      expect(matching("custom.level = 'GOLD'", [], {}, rows)).to.deep.equal(['x']);
    });

    it('refuses to compare an attribute with a value of another type, naming both', () => {
      const predicate = compileQuery("status = '3'");
      expect(() => predicate(lookupOf({ status: 3 }))).to.throw(
        QueryTypeError,
        `Type mismatch in "status = '3'" (column 1): attribute 'status' holds a number (3) but is compared with a string ('3'); the emulation does not convert between types`,
      );
      const dates = compileQuery('creationDate > 5');
      expect(() => dates(lookupOf({ creationDate: new Date(0) }))).to.throw(QueryTypeError, 'holds a Date');
      const like = compileQuery("status LIKE '3*'");
      expect(() => like(lookupOf({ status: 3 }))).to.throw(QueryTypeError, 'LIKE and ILIKE apply to string attributes');
    });

    it('refuses ordering operators with strings or booleans, and LIKE with non-strings, at compile time', () => {
      expect(() => compileQuery("orderNo > 'A1'")).to.throw(
        QueryTypeError,
        `'>' compares numbers and dates only, but "orderNo > 'A1'" (column 1) compares with a string ('A1')`,
      );
      expect(() => compileQuery('custom.x <= true')).to.throw(QueryTypeError, 'compares numbers and dates only');
      expect(() => compileQuery('orderNo LIKE {0}', [1])).to.throw(
        QueryTypeError,
        'LIKE needs a string pattern, but "orderNo LIKE {0}" (column 1) uses a number (1)',
      );
    });
  });

  describe('attribute validation', () => {
    const known = new Set(['status', 'orderNo', 'custom.psp']);
    const isKnownAttribute = (path: string): boolean => known.has(path);

    it('accepts known attributes', () => {
      expect(matching("status = 3 AND custom.psp = 'alma'", [], { isKnownAttribute })).to.deep.equal(['A1']);
    });

    it('throws UnknownAttributeError at compile time, with a hint for a missing or extra custom. prefix', () => {
      expect(() => compileQuery('status = 3 AND custom.nope = 1', [], { isKnownAttribute })).to.throw(
        UnknownAttributeError,
        "Query names unknown attribute 'custom.nope' at column 16\n",
      );
      expect(() => compileQuery("psp = 'x'", [], { isKnownAttribute })).to.throw(
        "unknown attribute 'psp' at column 1 (custom attributes need the prefix: 'custom.psp')",
      );
      expect(() => compileQuery('custom.status = 3', [], { isKnownAttribute })).to.throw(
        "(system attributes take no prefix: 'status')",
      );
    });

    it('lets errors thrown by the lookup propagate', () => {
      const predicate = compileQuery('status = 3');
      expect(() =>
        predicate(() => {
          throw new Error('no such attribute');
        }),
      ).to.throw('no such attribute');
    });
  });

  it('compiles once and evaluates 100 000 objects quickly', () => {
    const predicate = compileQuery(
      "(status = {0} OR status = {1}) AND paymentStatus != {2} AND custom.psp ILIKE 'al*' AND creationDate < {3}",
      [3, 4, 2, new Date('2030-01-01T00:00:00Z')],
    );
    const rows: Row[] = [];
    for (let index = 0; index < 100_000; index += 1) {
      rows.push({
        status: 3 + (index % 3),
        paymentStatus: index % 3,
        'custom.psp': index % 2 ? 'Alma' : 'monext',
        creationDate: new Date(Date.UTC(2024, 0, 1) + index * 1000),
      });
    }
    const count = rows.filter((row) => predicate(lookupOf(row))).length;
    expect(count).to.be.greaterThan(0);
  });
});
