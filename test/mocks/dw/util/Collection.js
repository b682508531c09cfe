'use strict';
// A read-only dw.util.Collection over a JavaScript array.
function Collection(items) {
  this.items = items ? items.slice() : [];
  this.length = this.items.length;
}
Collection.prototype.size = function () {
  return this.items.length;
};
Collection.prototype.isEmpty = function () {
  return this.items.length === 0;
};
Collection.prototype.toArray = function () {
  return this.items.slice();
};
Collection.prototype.iterator = function () {
  var items = this.items;
  var index = 0;
  return {
    hasNext: function () {
      return index < items.length;
    },
    next: function () {
      if (index >= items.length) throw new Error('NoSuchElementException');
      return items[index++];
    },
  };
};
module.exports = Collection;
