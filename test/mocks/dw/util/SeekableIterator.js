'use strict';
// dw.util.SeekableIterator over a JavaScript array. Every iterator a mock hands out is listed in
// SeekableIterator.__opened (with .closed), so tests can check that each one was closed.
var opened = [];

function SeekableIterator(items) {
  this.items = items.slice();
  this.index = 0;
  this.closed = false;
  this.count = this.items.length;
  opened.push(this);
}
SeekableIterator.prototype.hasNext = function () {
  return !this.closed && this.index < this.items.length;
};
SeekableIterator.prototype.next = function () {
  if (this.closed) throw new Error('SeekableIterator: next() after close()');
  if (this.index >= this.items.length) throw new Error('NoSuchElementException');
  return this.items[this.index++];
};
SeekableIterator.prototype.getCount = function () {
  return this.count;
};
SeekableIterator.prototype.close = function () {
  this.closed = true;
};
SeekableIterator.prototype.asList = function () {
  var Collection = require('./Collection');
  var rest = this.items.slice(this.index);
  this.index = this.items.length;
  return new Collection(rest);
};
SeekableIterator.__opened = opened;
/** The iterators handed out and not closed. */
SeekableIterator.__unclosed = function () {
  return opened.filter(function (iterator) {
    return !iterator.closed;
  });
};
SeekableIterator.__reset = function () {
  opened.length = 0;
};
module.exports = SeekableIterator;
