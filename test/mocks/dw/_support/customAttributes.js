'use strict';
/*
 * The `custom` property of a persistent-object mock, typed by an attribute contract
 * ({ id: { type: 'string' | 'text' | 'int' | 'double' | 'boolean' | 'datetime' | 'enum-of-string' …,
 *   values: [...] } }, the shape of generated/metadataContract): enum attributes read back as
 * EnumValue, values are checked against the type on write, writing needs an open transaction
 * (dw/system/Transaction) and is undone by its rollback, the key cannot be changed, and the
 * object does not take attributes that are not defined. Plain ES5 for Node and Rhino.
 *
 * createCustomAttributes(describe, contract, initial, readOnly) → { custom, values }
 *   values: the stored values (tests read or seed them directly, without a transaction).
 */
var EnumValue = require('../value/EnumValue');
var Transaction = require('../system/Transaction');

var STRING_TYPES = { string: true, text: true, html: true, email: true, password: true };
/** A `string` attribute holds at most 4,000 characters (platform.md §11.3); `text` has no such limit. */
var STRING_LIMIT = 4000;

function coerce(describe, name, attribute, input) {
  var value = input instanceof EnumValue ? input.value : input;
  if (value === null || value === undefined) return null;
  var fail = function (what) {
    throw new Error(describe + ": custom attribute '" + name + "' " + what + ', got ' + JSON.stringify(value));
  };
  var type = attribute.type;
  if (STRING_TYPES[type]) {
    if (typeof value === 'object') fail('expects a string');
    if (type === 'string' && String(value).length > STRING_LIMIT) {
      throw new Error(
        describe +
          ": custom attribute '" +
          name +
          "' holds at most " +
          STRING_LIMIT +
          ' characters, got ' +
          String(value).length
      );
    }
    return String(value);
  }
  if (type === 'int') {
    if (typeof value !== 'number' || Math.floor(value) !== value) fail('expects an integer');
    return value;
  }
  if (type === 'double') {
    if (typeof value !== 'number' || !isFinite(value)) fail('expects a number');
    return value;
  }
  if (type === 'boolean') {
    if (typeof value !== 'boolean') fail('expects a boolean');
    return value;
  }
  if (type === 'date' || type === 'datetime') {
    if (!(value instanceof Date) || isNaN(value.getTime())) fail('expects a Date');
    return new Date(value.getTime());
  }
  if (type === 'enum-of-string' || type === 'enum-of-int') {
    if (attribute.values.indexOf(String(value)) < 0) {
      fail('takes one of ' + attribute.values.join(', '));
    }
    return type === 'enum-of-int' ? Number(value) : String(value);
  }
  throw new Error(describe + ": custom attribute '" + name + "' has type " + type + ', which the mock does not model');
}

function read(attribute, stored) {
  if (stored === null || stored === undefined) return null;
  if (attribute.type === 'enum-of-string' || attribute.type === 'enum-of-int') return new EnumValue(stored);
  if (stored instanceof Date) return new Date(stored.getTime());
  return stored;
}

function defineAttribute(custom, values, describe, name, attribute, readOnly) {
  Object.defineProperty(custom, name, {
    enumerable: true,
    get: function () {
      return read(attribute, values[name]);
    },
    set: function (input) {
      if (readOnly[name]) throw new Error(describe + ": '" + name + "' is the object's key and cannot be changed");
      var next = coerce(describe, name, attribute, input);
      var had = Object.prototype.hasOwnProperty.call(values, name);
      var previous = values[name];
      Transaction.__recordWrite(describe, function () {
        if (had) values[name] = previous;
        else delete values[name];
      });
      values[name] = next;
    },
  });
}

module.exports = function createCustomAttributes(describe, contract, initial, readOnly) {
  var values = {};
  var custom = {};
  for (var name in contract) {
    if (Object.prototype.hasOwnProperty.call(contract, name)) {
      defineAttribute(custom, values, describe, name, contract[name], readOnly || {});
      if (initial && initial[name] !== undefined && initial[name] !== null) {
        values[name] = coerce(describe, name, contract[name], initial[name]);
      }
    }
  }
  if (initial) {
    for (var given in initial) {
      if (Object.prototype.hasOwnProperty.call(initial, given) && !contract[given]) {
        throw new Error(describe + ": custom attribute '" + given + "' is not defined");
      }
    }
  }
  Object.preventExtensions(custom);
  return { custom: custom, values: values };
};
