'use strict';
/*
 * dw.object.CustomObjectMgr over in-memory custom objects. Types are defined by tests with
 * CustomObjectMgr.__define(type, { keyAttribute, attributes }) (the shape of
 * generated/metadataContract's CustomObjectTypes); an undefined type throws, as on the platform.
 * Creating, changing and removing objects needs an open transaction (dw/system/Transaction) and
 * is undone by its rollback. queryCustomObjects evaluates the query (see _support/query) and
 * records each call in CustomObjectMgr.__queries ({ type, query, sortString, args }).
 *
 * Test controls: __define, __insert(type, key, values, creationDate) (seed without a transaction),
 * __objects(type) (in creation order), __setClock(fn → Date) (creationDate of new objects),
 * __queries, __reset.
 */
var createCustomAttributes = require('../_support/customAttributes');
var query = require('../_support/query');
var SeekableIterator = require('../util/SeekableIterator');
var Transaction = require('../system/Transaction');

var types = {};
var objects = {};
var queries = [];
var clock = null;
var created = 0;

function typeOf(type) {
  var definition = types[String(type)];
  if (!definition) throw new Error('Custom object type "' + type + '" is not defined (CustomObjectMgr.__define)');
  return definition;
}

function MockCustomObject(type, key, definition, values, creationDate) {
  var readOnly = {};
  readOnly[definition.keyAttribute] = true;
  var initial = {};
  for (var name in values || {}) {
    if (Object.prototype.hasOwnProperty.call(values, name)) initial[name] = values[name];
  }
  initial[definition.keyAttribute] = key;
  var built = createCustomAttributes('CustomObject ' + type + ' ' + key, definition.attributes, initial, readOnly);
  this.type = type;
  this.custom = built.custom;
  this.creationDate = creationDate;
  this.lastModified = creationDate;
  this.UUID = 'co-' + ++created;
  this.__key = key;
  this.__values = built.values;
}
MockCustomObject.prototype.getCustom = function () {
  return this.custom;
};
MockCustomObject.prototype.getCreationDate = function () {
  return this.creationDate;
};
MockCustomObject.prototype.getUUID = function () {
  return this.UUID;
};

function now() {
  return clock ? clock() : new Date();
}

function lookupOf(object) {
  return function (path) {
    if (path.indexOf('custom.') === 0) return object.__values[path.substring(7)];
    return object[path];
  };
}

function store(type) {
  if (!objects[type]) objects[type] = [];
  return objects[type];
}

function find(type, key) {
  var list = store(type);
  for (var i = 0; i < list.length; i++) if (list[i].__key === key) return list[i];
  return null;
}

module.exports = {
  getCustomObject: function (type, key) {
    typeOf(type);
    return find(String(type), String(key));
  },
  createCustomObject: function (type, key) {
    var definition = typeOf(type);
    var name = String(type);
    var id = String(key);
    if (!id) throw new Error('createCustomObject: empty key for type ' + name);
    if (find(name, id)) throw new Error('createCustomObject: a ' + name + ' with key "' + id + '" already exists');
    var object = new MockCustomObject(name, id, definition, null, now());
    var list = store(name);
    Transaction.__recordWrite('CustomObject ' + name + ' ' + id, function () {
      var index = list.indexOf(object);
      if (index >= 0) list.splice(index, 1);
    });
    list.push(object);
    return object;
  },
  remove: function (object) {
    var list = store(object.type);
    var index = list.indexOf(object);
    if (index < 0) return;
    Transaction.__recordWrite('CustomObject ' + object.type + ' ' + object.__key, function () {
      list.splice(index, 0, object);
    });
    list.splice(index, 1);
  },
  queryCustomObjects: function (type, queryString, sortString) {
    typeOf(type);
    var args = [];
    for (var a = 3; a < arguments.length; a++) args.push(arguments[a]);
    queries.push({ type: String(type), query: String(queryString), sortString: sortString, args: args });
    var predicate = query.compile(String(queryString), args);
    var matches = store(String(type)).filter(function (object) {
      return predicate(lookupOf(object));
    });
    return new SeekableIterator(query.stableSort(matches, query.sorter(sortString, lookupOf)));
  },
  getAllCustomObjects: function (type) {
    typeOf(type);
    return new SeekableIterator(store(String(type)));
  },
  __define: function (type, definition) {
    types[type] = definition;
  },
  __insert: function (type, key, values, creationDate) {
    var definition = typeOf(type);
    if (find(type, String(key))) throw new Error('__insert: ' + type + ' "' + key + '" exists');
    var object = new MockCustomObject(type, String(key), definition, values, creationDate || now());
    store(type).push(object);
    return object;
  },
  __objects: function (type) {
    return store(type).slice();
  },
  __setClock: function (fn) {
    clock = fn;
  },
  __queries: queries,
  __reset: function () {
    types = {};
    objects = {};
    queries.length = 0;
    clock = null;
  },
};
