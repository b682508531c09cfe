import { expect } from 'chai';
import { collectionClassesFor } from '../../../../../../tools/runtime/dw/util/collectionClasses';
import { DwMap } from '../../../../../../tools/runtime/dw/util/Map';
import { fakeContext } from '../fakeContext';

describe('dw/util/HashMap, LinkedHashMap, SortedMap', () => {
  it('puts, gets, removes and returns null for missing keys', () => {
    const { HashMap } = collectionClassesFor(fakeContext());
    const map = new HashMap<string, number>();
    expect(map.put('a', 1)).to.equal(null);
    expect(map.put('a', 2)).to.equal(1);
    expect(map.get('a')).to.equal(2);
    expect(map.get('missing')).to.equal(null);
    expect(map.containsKey('a')).to.equal(true);
    expect(map.containsValue(2)).to.equal(true);
    expect(map.length).to.equal(1);
    expect(map.remove('a')).to.equal(2);
    expect(map.empty).to.equal(true);
    expect(map).to.be.instanceOf(DwMap);
  });

  it('reads and writes string keys as properties, members win', () => {
    const { HashMap } = collectionClassesFor(fakeContext());
    const map = new HashMap<string, unknown>() as InstanceType<typeof HashMap> & Record<string, unknown>;
    map.put('orderNo', '0001');
    map.status = 'NEW';
    expect(map.orderNo).to.equal('0001');
    expect(map.get('status')).to.equal('NEW');
    map.put('size', 'XL');
    expect(map.size()).to.equal(2 + 1);
  });

  it('returns run collections from keySet, entrySet and values', () => {
    const { LinkedHashMap, ArrayList } = collectionClassesFor(fakeContext());
    const map = new LinkedHashMap<string, number>();
    map.put('b', 2);
    map.put('a', 1);
    expect(map.keySet().toArray()).to.deep.equal(['b', 'a']);
    expect(map.values()).to.be.instanceOf(ArrayList);
    const entries = map.entrySet().toArray();
    expect(entries.map((entry) => `${entry.key}=${entry.getValue()}`)).to.deep.equal(['b=2', 'a=1']);
    expect(String(map)).to.equal('{b=2, a=1}');
  });

  it('orders SortedMap keys naturally or by comparator', () => {
    const { SortedMap } = collectionClassesFor(fakeContext());
    const map = new SortedMap<number, string>();
    [3, 1, 2].forEach((key) => map.put(key, String(key)));
    expect(map.keySet().toArray()).to.deep.equal([1, 2, 3]);
    expect(map.firstKey()).to.equal(1);
    expect(map.lastKey()).to.equal(3);
    expect(map.headMap(2).keySet().toArray()).to.deep.equal([1]);
    expect(map.tailMap(2).keySet().toArray()).to.deep.equal([2, 3]);
    const reversed = new SortedMap<number, string>((a: unknown, b: unknown) => Number(b) - Number(a));
    reversed.putAll(map);
    expect(reversed.keySet().toArray()).to.deep.equal([3, 2, 1]);
  });
});

describe('dw/util/HashSet, SortedSet', () => {
  it('keeps one of equal primitives and reports whether add/remove changed it', () => {
    const { HashSet } = collectionClassesFor(fakeContext());
    const set = new HashSet<string>();
    expect(set.add1('a')).to.equal(true);
    expect(set.add1('a')).to.equal(false);
    expect(set.add('a', 'b')).to.equal(true);
    expect(set.size()).to.equal(2);
    expect(set[1]).to.equal('b');
    expect(set.remove('a')).to.equal(true);
    expect(set.contains('a')).to.equal(false);
  });

  it('sorts a SortedSet and answers first/last/subSet', () => {
    const { SortedSet, ArrayList } = collectionClassesFor(fakeContext());
    const set = new SortedSet<string>(new ArrayList('pear', 'apple', 'fig', 'apple'));
    expect(set.toArray()).to.deep.equal(['apple', 'fig', 'pear']);
    expect(set.first()).to.equal('apple');
    expect(set.last()).to.equal('pear');
    expect(set.subSet('b', 'g').toArray()).to.deep.equal(['fig']);
  });
});
