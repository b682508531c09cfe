'use strict';
// dw.object.ObjectAttributeDefinition: value type codes as the platform defines them.
function ObjectAttributeDefinition(id, valueTypeCode, values) {
  this.ID = id;
  this.valueTypeCode = valueTypeCode;
  this.values = values || [];
}
ObjectAttributeDefinition.VALUE_TYPE_INT = 1;
ObjectAttributeDefinition.VALUE_TYPE_NUMBER = 2;
ObjectAttributeDefinition.VALUE_TYPE_STRING = 3;
ObjectAttributeDefinition.VALUE_TYPE_TEXT = 4;
ObjectAttributeDefinition.VALUE_TYPE_HTML = 5;
ObjectAttributeDefinition.VALUE_TYPE_DATE = 6;
ObjectAttributeDefinition.VALUE_TYPE_IMAGE = 7;
ObjectAttributeDefinition.VALUE_TYPE_BOOLEAN = 8;
ObjectAttributeDefinition.VALUE_TYPE_MONEY = 9;
ObjectAttributeDefinition.VALUE_TYPE_QUANTITY = 10;
ObjectAttributeDefinition.VALUE_TYPE_DATETIME = 11;
ObjectAttributeDefinition.VALUE_TYPE_EMAIL = 12;
ObjectAttributeDefinition.VALUE_TYPE_PASSWORD = 13;
ObjectAttributeDefinition.VALUE_TYPE_SET_OF_INT = 21;
ObjectAttributeDefinition.VALUE_TYPE_SET_OF_NUMBER = 22;
ObjectAttributeDefinition.VALUE_TYPE_SET_OF_STRING = 23;
ObjectAttributeDefinition.VALUE_TYPE_ENUM_OF_INT = 31;
ObjectAttributeDefinition.VALUE_TYPE_ENUM_OF_STRING = 33;

ObjectAttributeDefinition.prototype.getID = function () {
  return this.ID;
};
ObjectAttributeDefinition.prototype.getValueTypeCode = function () {
  return this.valueTypeCode;
};
ObjectAttributeDefinition.prototype.getValues = function () {
  var Collection = require('../util/Collection');
  return new Collection(
    this.values.map(function (value) {
      return {
        getValue: function () {
          return value;
        },
        getDisplayValue: function () {
          return String(value);
        },
      };
    })
  );
};
module.exports = ObjectAttributeDefinition;
