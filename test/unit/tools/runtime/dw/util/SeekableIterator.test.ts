import { expect } from 'chai';
import {
  collectionClassesFor,
  createSeekableIterator,
  openSeekableIterators,
  warnAboutOpenSeekableIterators,
} from '../../../../../../tools/runtime/dw/util/collectionClasses';
import { Iterator } from '../../../../../../tools/runtime/dw/util/Iterator';
import { isSeekableIteratorClosed } from '../../../../../../tools/runtime/dw/util/SeekableIterator';
import { fakeContext } from '../fakeContext';

describe('dw/util/SeekableIterator', () => {
  it('is a dw.util.Iterator that reports its count', () => {
    const iterator = createSeekableIterator(fakeContext(), ['a'], 1);
    expect(iterator).to.be.instanceOf(Iterator);
    expect(iterator.count).to.equal(1);
    expect(iterator.getCount()).to.equal(1);
  });

  it('closes itself once the last element is read, and then next() throws', () => {
    const ctx = fakeContext();
    let closes = 0;
    const iterator = createSeekableIterator(ctx, ['a', 'b'], 2, () => closes++);
    expect(openSeekableIterators(ctx)).to.have.length(1);
    expect(iterator.next()).to.equal('a');
    expect(isSeekableIteratorClosed(iterator)).to.equal(false);
    expect(iterator.next()).to.equal('b');
    expect(isSeekableIteratorClosed(iterator)).to.equal(true);
    expect(closes).to.equal(1);
    expect(openSeekableIterators(ctx)).to.have.length(0);
    expect(iterator.hasNext()).to.equal(false);
    expect(() => iterator.next())
      .to.throw()
      .with.property('javaName', 'java.util.NoSuchElementException');
  });

  it('stays open until close(), after which next() throws and onClose ran once', () => {
    const ctx = fakeContext();
    let closes = 0;
    const iterator = createSeekableIterator(ctx, [1, 2, 3], 3, () => closes++);
    iterator.next();
    expect(warnAboutOpenSeekableIterators(ctx)).to.equal(1);
    expect(ctx.warnings[0].code).to.equal('SEEKABLE_ITERATOR_NOT_CLOSED');
    iterator.close();
    iterator.close();
    expect(closes).to.equal(1);
    expect(() => iterator.next()).to.throw(/closed/);
    expect(openSeekableIterators(ctx)).to.deep.equal([]);
  });

  it('reads lazily from a generator function', () => {
    const pulled: number[] = [];
    function* rows() {
      for (let row = 0; row < 1000; row++) {
        pulled.push(row);
        yield row;
      }
    }
    const iterator = createSeekableIterator(fakeContext(), rows, -1);
    expect(iterator.next()).to.equal(0);
    expect(pulled.length).to.be.lessThan(3);
    iterator.close();
  });

  it('first() returns the first element and closes; null after next()', () => {
    const ctx = fakeContext();
    const fresh = createSeekableIterator(ctx, ['x', 'y'], 2);
    expect(fresh.first()).to.equal('x');
    expect(isSeekableIteratorClosed(fresh)).to.equal(true);
    const used = createSeekableIterator(ctx, ['x', 'y', 'z'], 3);
    used.next();
    expect(used.first()).to.equal(null);
    expect(createSeekableIterator(ctx, [], 0).first()).to.equal(null);
    expect(openSeekableIterators(ctx)).to.have.length(0);
  });

  it('forward(n) skips and forward(n, size) pages, keeping the total count', () => {
    const ctx = fakeContext();
    const iterator = createSeekableIterator(ctx, [0, 1, 2, 3, 4, 5, 6], 7);
    iterator.forward(2, 3);
    const page: number[] = [];
    while (iterator.hasNext()) page.push(iterator.next());
    expect(page).to.deep.equal([2, 3, 4]);
    expect(iterator.getCount()).to.equal(7);
    expect(isSeekableIteratorClosed(iterator)).to.equal(true);
    expect(() => createSeekableIterator(ctx, [1], 1).forward(-1)).to.throw(/forward/);
  });

  it('asList(start, size) returns a run ArrayList and closes', () => {
    const ctx = fakeContext();
    const iterator = createSeekableIterator(ctx, ['a', 'b', 'c', 'd'], 4);
    const list = iterator.asList(1, 2);
    expect(list).to.be.instanceOf(collectionClassesFor(ctx).ArrayList);
    expect(list.toArray()).to.deep.equal(['b', 'c']);
    expect(isSeekableIteratorClosed(iterator)).to.equal(true);
  });

  it('asList() of the rest is still subject to the jsArrayLimit when turned into an array', () => {
    const ctx = fakeContext();
    const rows = Array.from({ length: 20_001 }, (_, index) => index);
    const list = createSeekableIterator(ctx, rows, rows.length).asList();
    expect(list.size()).to.equal(20_001);
    expect(() => list.toArray()).to.throw(/api\.jsArraySize/);
  });
});

describe('dw/util/Iterator', () => {
  it('asList(start, size) follows the documented edge cases, next() throws when exhausted', () => {
    const { ArrayList } = collectionClassesFor(fakeContext());
    const list = new ArrayList(1, 2, 3);
    expect(list.iterator().asList(-1, 2).toArray()).to.deep.equal([1, 2]);
    expect(list.iterator().asList(0, 0).toArray()).to.deep.equal([]);
    const iterator = list.iterator();
    expect(iterator.asList().toArray()).to.deep.equal([1, 2, 3]);
    expect(iterator.hasNext()).to.equal(false);
    expect(() => iterator.next()).to.throw();
  });
});
