'use strict';
// dw.value.EnumValue: what an enum attribute (and Order.status) reads back as.
function EnumValue(value, displayValue) {
  this.value = value;
  this.displayValue = displayValue === undefined ? String(value) : displayValue;
}
EnumValue.prototype.getValue = function () {
  return this.value;
};
EnumValue.prototype.getDisplayValue = function () {
  return this.displayValue;
};
EnumValue.prototype.toString = function () {
  return String(this.value);
};
module.exports = EnumValue;
