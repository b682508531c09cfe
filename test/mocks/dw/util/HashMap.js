'use strict';
/* dw.util.HashMap for unit tests: put, get, containsKey, size and keySet().toArray(), in insertion order. */
function HashMap() {
  this.__keys = [];
  this.__values = {};
}
HashMap.prototype.put = function (key, value) {
  if (!Object.prototype.hasOwnProperty.call(this.__values, key)) this.__keys.push(key);
  this.__values[key] = value;
  return null;
};
HashMap.prototype.get = function (key) {
  return Object.prototype.hasOwnProperty.call(this.__values, key) ? this.__values[key] : null;
};
HashMap.prototype.containsKey = function (key) {
  return Object.prototype.hasOwnProperty.call(this.__values, key);
};
HashMap.prototype.size = function () {
  return this.__keys.length;
};
HashMap.prototype.keySet = function () {
  var keys = this.__keys.slice();
  return {
    toArray: function () {
      return keys.slice();
    },
  };
};

module.exports = HashMap;
