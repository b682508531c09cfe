import { expect } from 'chai';
import { type ArrayList } from '../../../../../../tools/runtime/dw/util/ArrayList';
import { Collection } from '../../../../../../tools/runtime/dw/util/Collection';
import { List } from '../../../../../../tools/runtime/dw/util/List';
import { collectionClassesFor, setJsArrayLimit } from '../../../../../../tools/runtime/dw/util/collectionClasses';
import { fakeContext } from '../fakeContext';

describe('dw/util/ArrayList', () => {
  const listOf = <T>(...values: T[]): ArrayList<T> => new (collectionClassesFor(fakeContext()).ArrayList)<T>(...values);

  it('reads elements by index, get(i), length and size()', () => {
    const list = listOf('a', 'b', 'c');
    expect(list[0]).to.equal('a');
    expect(list.get(2)).to.equal('c');
    expect(list[3]).to.equal(undefined);
    expect(list.length).to.equal(3);
    expect(list.getLength()).to.equal(3);
    expect(list.size()).to.equal(3);
    expect(list.empty).to.equal(false);
    expect(1 in list).to.equal(true);
    expect(3 in list).to.equal(false);
  });

  it('writes an existing index like set(i) and refuses indexes out of range', () => {
    const list = listOf('a', 'b');
    list[1] = 'z';
    expect(list.toArray()).to.deep.equal(['a', 'z']);
    expect(() => {
      list[5] = 'x';
    }).to.throw(/IndexOutOfBounds|Index: 5/);
  });

  it('throws IndexOutOfBoundsException from get() out of range', () => {
    expect(() => listOf('a').get(1))
      .to.throw()
      .with.property('javaName', 'java.lang.IndexOutOfBoundsException');
  });

  it('adds the elements of a single array argument, or the array itself with add1', () => {
    const list = listOf<unknown>();
    list.add(['x', 'y']);
    list.add1(['z']);
    list.add('p', 'q');
    expect(list.size()).to.equal(5);
    expect(list.get(2)).to.deep.equal(['z']);
  });

  it('copies a collection, an iterator or an array given to the constructor', () => {
    const { ArrayList } = collectionClassesFor(fakeContext());
    const source = new ArrayList(1, 2, 3);
    expect(new ArrayList(source).toArray()).to.deep.equal([1, 2, 3]);
    expect(new ArrayList(source.iterator()).toArray()).to.deep.equal([1, 2, 3]);
    expect(new ArrayList([4, 5]).toArray()).to.deep.equal([4, 5]);
  });

  it('is an instance of the run’s Collection, List and ArrayList', () => {
    const { ArrayList } = collectionClassesFor(fakeContext());
    const list = new ArrayList<number>(1).slice(0);
    expect(list).to.be.instanceOf(ArrayList);
    expect(list).to.be.instanceOf(List);
    expect(list).to.be.instanceOf(Collection);
  });

  it('implements the List members', () => {
    const list = listOf(3, 1, 2);
    list.sort();
    expect(list.join('-')).to.equal('1-2-3');
    list.sort((a: unknown, b: unknown) => Number(b) - Number(a));
    expect(list.join()).to.equal('3,2,1');
    expect(list.pop()).to.equal(1);
    expect(list.shift()).to.equal(3);
    expect(listOf().pop()).to.equal(null);
    expect(list.push(7, 8)).to.equal(3);
    expect(list.unshift(0)).to.equal(4);
    expect(list.indexOf(7)).to.equal(2);
    expect(list.contains(8)).to.equal(true);
    list.rotate(1);
    expect(list.toArray()).to.deep.equal([8, 0, 2, 7]);
    expect(list.subList(1, 3).toArray()).to.deep.equal([0, 2]);
    expect(list.slice(-2).toArray()).to.deep.equal([2, 7]);
    expect(list.concat([9], 10).toArray()).to.deep.equal([8, 0, 2, 7, 9, 10]);
    expect(list.removeAt(0)).to.equal(8);
    expect(list.remove(2)).to.equal(true);
    expect(list.remove(42)).to.equal(false);
    expect(String(list)).to.equal('[0, 7]');
  });

  it('toArray(start, size) treats negative start as 0 and nonpositive size as empty', () => {
    const list = listOf(1, 2, 3, 4);
    expect(list.toArray(-5, 2)).to.deep.equal([1, 2]);
    expect(list.toArray(2, 10)).to.deep.equal([3, 4]);
    expect(list.toArray(1, 0)).to.deep.equal([]);
  });

  it('throws the api.jsArraySize quota error when toArray would exceed the limit', () => {
    const ctx = fakeContext();
    setJsArrayLimit(ctx, 3);
    const list = new (collectionClassesFor(ctx).ArrayList)(1, 2, 3, 4);
    expect(() => list.toArray()).to.throw(/api\.jsArraySize/);
    expect(list.toArray(0, 3)).to.have.length(3);
  });

  it('uses equals() of objects such as Money for contains and indexOf', () => {
    const money = (value: number) => ({
      value,
      equals: (other: unknown) => (other as { value: number }).value === value,
    });
    expect(listOf(money(1), money(2)).indexOf(money(2))).to.equal(1);
  });

  it('fails fast when modified during iteration', () => {
    const list = listOf(1, 2);
    const iterator = list.iterator();
    iterator.next();
    list.add1(3);
    expect(() => iterator.next())
      .to.throw()
      .with.property('javaName', 'java.util.ConcurrentModificationException');
  });
});
