import { expect } from 'chai';
import {
  compileSort,
  parseSort,
  QuerySyntaxError,
  sortItems,
  UnknownAttributeError,
  type QueryValue,
  type SortOptions,
} from '../../../../../tools/runtime/query';
import { lookupOf } from './helpers';

type Row = Record<string, QueryValue | undefined>;

const ROWS: Row[] = [
  { orderNo: 'B', creationDate: new Date('2024-01-02T00:00:00Z'), total: 10, 'custom.psp': 'monext' },
  { orderNo: 'A', creationDate: new Date('2024-01-02T00:00:00Z'), total: 5 },
  { orderNo: 'C', creationDate: new Date('2024-01-01T00:00:00Z'), total: 7.5, 'custom.psp': 'alma' },
  { orderNo: 'D', creationDate: new Date('2024-01-03T00:00:00Z'), total: 10, 'custom.psp': null },
  { orderNo: 'a', creationDate: new Date('2024-01-03T00:00:00Z'), total: -1, 'custom.psp': 'Alma' },
];

function orderNos(sort: string | null | undefined, options: SortOptions = {}, rows: Row[] = ROWS): string[] {
  const compare = compileSort(sort, options);
  const viaComparator = rows.slice().sort((x, y) => compare(lookupOf(x), lookupOf(y)));
  const viaSortItems = sortItems(rows, lookupOf, sort, options);
  expect(viaSortItems, 'sortItems agrees with compileSort').to.deep.equal(viaComparator);
  return viaComparator.map((row) => String(row.orderNo));
}

describe('tools/runtime/query/sort', () => {
  it('parses keys with optional, case-insensitive directions', () => {
    expect(parseSort(' creationDate DESC ,orderNo, custom.x asc')).to.deep.equal([
      { attribute: 'creationDate', direction: 'desc', position: 1 },
      { attribute: 'orderNo', direction: 'asc', position: 20 },
      { attribute: 'custom.x', direction: 'asc', position: 29 },
    ]);
    expect(parseSort(null)).to.deep.equal([]);
    expect(parseSort(' ')).to.deep.equal([]);
  });

  it('sorts ascending by default: numbers numerically, strings by code unit, dates by time', () => {
    expect(orderNos('total')).to.deep.equal(['a', 'A', 'C', 'B', 'D']);
    expect(orderNos('orderNo')).to.deep.equal(['A', 'B', 'C', 'D', 'a']);
    expect(orderNos('creationDate asc')).to.deep.equal(['C', 'B', 'A', 'D', 'a']);
  });

  it('sorts descending and by several keys', () => {
    expect(orderNos('creationDate desc, orderNo')).to.deep.equal(['D', 'a', 'A', 'B', 'C']);
    expect(orderNos('total desc, orderNo desc')).to.deep.equal(['D', 'B', 'C', 'A', 'a']);
  });

  it('is stable: ties and an empty sort keep the input order', () => {
    expect(orderNos('creationDate')).to.deep.equal(['C', 'B', 'A', 'D', 'a']);
    expect(orderNos('')).to.deep.equal(['B', 'A', 'C', 'D', 'a']);
    expect(orderNos(null)).to.deep.equal(['B', 'A', 'C', 'D', 'a']);
    expect(orderNos(undefined)).to.deep.equal(['B', 'A', 'C', 'D', 'a']);
  });

  it('puts unset values last in both directions by default', () => {
    expect(orderNos('custom.psp')).to.deep.equal(['a', 'C', 'B', 'A', 'D']);
    expect(orderNos('custom.psp desc')).to.deep.equal(['B', 'C', 'a', 'A', 'D']);
  });

  it("with nulls: 'greatest', puts unset values last ascending and first descending", () => {
    expect(orderNos('custom.psp', { nulls: 'greatest' })).to.deep.equal(['a', 'C', 'B', 'A', 'D']);
    expect(orderNos('custom.psp desc', { nulls: 'greatest' })).to.deep.equal(['A', 'D', 'B', 'C', 'a']);
  });

  it('orders booleans false first', () => {
    const rows: Row[] = [
      { orderNo: 'y', flag: true },
      { orderNo: 'n', flag: false },
    ];
    expect(orderNos('flag', {}, rows)).to.deep.equal(['n', 'y']);
  });

  it('reports sort syntax errors with position and expectation', () => {
    expect(() => parseSort('creationDate desc orderNo')).to.throw(
      QuerySyntaxError,
      "Sort syntax error at column 19: expected asc, desc, ',' or end of sort string after 'creationDate' but found 'orderNo'",
    );
    expect(() => parseSort('orderNo,')).to.throw(
      QuerySyntaxError,
      'Sort syntax error at column 9: expected an attribute name but found end of sort string',
    );
    expect(() => parseSort(', orderNo')).to.throw(
      QuerySyntaxError,
      "column 1: expected an attribute name but found ','",
    );
    expect(() => parseSort('orderNo descending')).to.throw(QuerySyntaxError, "found 'descending'");
  });

  it('checks attributes with isKnownAttribute', () => {
    const isKnownAttribute = (path: string): boolean => path === 'orderNo' || path === 'custom.psp';
    expect(() => compileSort('orderNo, psp desc', { isKnownAttribute })).to.throw(
      UnknownAttributeError,
      "Sort names unknown attribute 'psp' at column 10 (custom attributes need the prefix: 'custom.psp')",
    );
    expect(() => sortItems(ROWS, lookupOf, 'nope', { isKnownAttribute })).to.throw(UnknownAttributeError);
  });
});
