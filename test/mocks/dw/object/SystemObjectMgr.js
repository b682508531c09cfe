'use strict';
// dw.object.SystemObjectMgr.describe(type): custom attribute definitions set by tests with
// SystemObjectMgr.__define(type, { attributeId: { type: <value type code>, values: [...] } }).
var ObjectAttributeDefinition = require('./ObjectAttributeDefinition');
var types = {};

function ObjectTypeDefinition(id, attributes) {
  this.ID = id;
  this.attributes = attributes;
}
ObjectTypeDefinition.prototype.getID = function () {
  return this.ID;
};
ObjectTypeDefinition.prototype.getCustomAttributeDefinition = function (name) {
  var attribute = this.attributes[name];
  return attribute ? new ObjectAttributeDefinition(name, attribute.type, attribute.values) : null;
};

module.exports = {
  describe: function (type) {
    return types[type] ? new ObjectTypeDefinition(type, types[type]) : null;
  },
  __define: function (type, attributes) {
    types[type] = attributes;
  },
  __reset: function () {
    types = {};
  },
};
