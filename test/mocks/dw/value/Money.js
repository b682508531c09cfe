'use strict';
// dw.value.Money: a decimal value in a currency (value and currencyCode as properties and getters).
function Money(value, currencyCode) {
  this.value = value === null || value === undefined ? 0 : value;
  this.currencyCode = currencyCode || null;
  this.available = value !== null && value !== undefined && !!currencyCode;
}
Money.prototype.getValue = function () {
  return this.value;
};
Money.prototype.getCurrencyCode = function () {
  return this.currencyCode;
};
Money.prototype.isAvailable = function () {
  return this.available;
};
Money.prototype.toString = function () {
  return this.available ? this.currencyCode + ' ' + this.value : 'N/A';
};
Money.NOT_AVAILABLE = new Money(null, null);
module.exports = Money;
