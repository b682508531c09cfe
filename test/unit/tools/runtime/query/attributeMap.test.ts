import { expect } from 'chai';
import {
  attributeMapToQuery,
  compileAttributeMap,
  QueryArgumentError,
  UnknownAttributeError,
} from '../../../../../tools/runtime/query';
import { lookupOf } from './helpers';

describe('tools/runtime/query/attributeMap', () => {
  it('turns entries into = conditions, or LIKE for strings with wildcards, joined with AND', () => {
    const when = new Date(0);
    expect(attributeMapToQuery({ name: 'tom*', age: 66, 'custom.x': null, creationDate: when })).to.deep.equal({
      query: 'name LIKE {0} AND age = {1} AND custom.x = {2} AND creationDate = {3}',
      args: ['tom*', 66, null, when],
    });
    expect(attributeMapToQuery(new Map([['orderNo', 'A?']])).query).to.equal('orderNo LIKE {0}');
  });

  it('matches like the equivalent query', () => {
    const predicate = compileAttributeMap({ customerEmail: '*@example.com', status: 3 });
    expect(predicate(lookupOf({ customerEmail: 'a@example.com', status: 3 }))).to.equal(true);
    expect(predicate(lookupOf({ customerEmail: 'a@example.com', status: 4 }))).to.equal(false);
    expect(predicate(lookupOf({ customerEmail: 'a@example.org', status: 3 }))).to.equal(false);
  });

  it('matches everything for an empty map', () => {
    expect(compileAttributeMap({})(lookupOf({}))).to.equal(true);
  });

  it('refuses keys that are not attribute names, and unknown attributes', () => {
    expect(() => compileAttributeMap({ 'status = 3 OR x': 1 })).to.throw(
      QueryArgumentError,
      "Attribute map key 'status = 3 OR x' is not an attribute name",
    );
    expect(() => compileAttributeMap({ not: 1 })).to.throw(QueryArgumentError);
    expect(() => compileAttributeMap({ nope: 1 }, { isKnownAttribute: () => false })).to.throw(UnknownAttributeError);
  });
});
