import { expect } from 'chai';
import { compileQuery, parseQuery, planSearch, type QueryOptions } from '../../../../../tools/runtime/query';
import { lookupOf } from './helpers';

const JAN_2 = new Date('2024-01-02T00:00:00Z');
const JAN_5 = new Date('2024-01-05T00:00:00Z');

function plan(query: string, args: unknown[] = [], ranged: string | null = 'creationDate', options: QueryOptions = {}) {
  compileQuery(query, args, options);
  return planSearch(parseQuery(query), args, options, ranged);
}

describe('tools/runtime/query/plan', () => {
  it('takes date bounds on the ranged attribute out of the top-level AND, wherever they stand', () => {
    const paged = plan('(custom.state = {0} AND status != {1}) AND creationDate >= {2}', ['ToDo', 8, JAN_2]);
    expect(paged.bounds).to.deep.equal([{ operator: '>=', time: JAN_2.getTime() }]);
    const first = plan('creationDate > {0} AND custom.state = {1} AND creationDate <= {2}', [JAN_2, 'ToDo', JAN_5]);
    expect(first.bounds).to.deep.equal([
      { operator: '>', time: JAN_2.getTime() },
      { operator: '<=', time: JAN_5.getTime() },
    ]);
    expect(plan('creationDate = {0}', [JAN_2]).bounds).to.deep.equal([{ operator: '=', time: JAN_2.getTime() }]);
  });

  it('gives the pages of one selection the residual key of the selection itself', () => {
    const selection = plan('custom.state = {0} AND status != {1}', ['ToDo', 8]);
    const page = plan('(custom.state = {0} AND status != {1}) AND creationDate >= {2}', ['ToDo', 8, JAN_2]);
    const later = plan('(custom.state = {0} AND status != {1}) AND creationDate >= {2}', ['ToDo', 8, JAN_5]);
    expect(page.residualKey).to.equal(selection.residualKey);
    expect(later.residualKey).to.equal(selection.residualKey);
    expect(plan('custom.state = {0} AND status != {1}', ['Done', 8]).residualKey).to.not.equal(selection.residualKey);
    expect(plan("custom.state = 'ToDo' AND status != 8").residualKey).to.equal(selection.residualKey);
    expect(plan('custom.state = {0} AND status != {1}', ['ToDo', '8']).residualKey).to.not.equal(selection.residualKey);
    const sqlNulls = plan('custom.state = {0} AND status != {1}', ['ToDo', 8], 'creationDate', {
      notEqualsMatchesNull: false,
    });
    expect(sqlNulls.residualKey).to.not.equal(selection.residualKey);
  });

  it('leaves in the residual what is not a date bound of the top-level AND', () => {
    // Under OR or NOT, on another attribute, with != or a non-date value, or without a ranged attribute.
    for (const [query, args, ranged] of [
      ['custom.state = {0} OR creationDate >= {1}', ['ToDo', JAN_2], 'creationDate'],
      ['NOT creationDate >= {0}', [JAN_2], 'creationDate'],
      ['lastModified >= {0}', [JAN_2], 'creationDate'],
      ['creationDate != {0}', [JAN_2], 'creationDate'],
      ['creationDate >= {0}', [5], 'creationDate'],
      ['creationDate = NULL', [], 'creationDate'],
      ['creationDate >= {0}', [JAN_2], null],
    ] as Array<[string, unknown[], string | null]>) {
      const result = plan(query, args, ranged);
      expect(result.bounds, query).to.deep.equal([]);
      expect(result.residualKey, query).to.not.equal(plan('').residualKey);
    }
  });

  it('its residual and bounds select exactly what the whole query selects', () => {
    const query = "(custom.state = {0} OR status = 3) AND NOT customerNo = 'x' AND creationDate >= {1}";
    const args = ['ToDo', JAN_2];
    const whole = compileQuery(query, args);
    const { residual, bounds } = plan(query, args);
    const rows = [
      { 'custom.state': 'ToDo', status: 4, customerNo: 'y', creationDate: JAN_5 },
      { 'custom.state': 'ToDo', status: 4, customerNo: 'x', creationDate: JAN_5 },
      { 'custom.state': 'Done', status: 3, creationDate: JAN_2 },
      { 'custom.state': 'Done', status: 4, creationDate: JAN_5 },
      { 'custom.state': 'ToDo', status: 3, creationDate: new Date(JAN_2.getTime() - 1) },
    ];
    for (const row of rows) {
      const inBounds = bounds.every(({ time }) => row.creationDate.getTime() >= time);
      expect(residual(lookupOf(row)) && inBounds).to.equal(whole(lookupOf(row)));
    }
  });

  it('an empty query has an empty residual that matches everything', () => {
    const empty = plan('', [], 'creationDate');
    expect(empty.bounds).to.deep.equal([]);
    expect(empty.residual(lookupOf({}))).to.equal(true);
    expect(plan('creationDate >= {0}', [JAN_2]).residualKey).to.equal(empty.residualKey);
  });
});
