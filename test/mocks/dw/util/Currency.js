'use strict';
// dw.util.Currency: ISO 4217 codes with their minor-unit digits (a fixed table, so that Node and
// Rhino agree). getCurrency returns null for a code that is not in it, as the platform does for
// a code that is not ISO 4217.
var DIGITS = {};
function digits(count, codes) {
  var list = codes.split(' ');
  for (var i = 0; i < list.length; i++) DIGITS[list[i]] = count;
}
digits(0, 'BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF');
digits(3, 'BHD IQD JOD KWD LYD OMR TND');
digits(
  2,
  'AED ARS AUD BGN BRL CAD CHF CNY COP CZK DKK EGP EUR GBP HKD HUF IDR ILS INR MAD MXN MYR NOK NZD ' +
    'PHP PLN QAR RON RSD SAR SEK SGD THB TRY TWD UAH USD ZAR'
);

function Currency(code) {
  this.currencyCode = code;
  this.defaultFractionDigits = DIGITS[code];
}
Currency.prototype.getCurrencyCode = function () {
  return this.currencyCode;
};
Currency.prototype.getDefaultFractionDigits = function () {
  return this.defaultFractionDigits;
};
Currency.prototype.toString = function () {
  return this.currencyCode;
};
Currency.getCurrency = function (code) {
  var text = String(code === null || code === undefined ? '' : code).toUpperCase();
  return Object.prototype.hasOwnProperty.call(DIGITS, text) ? new Currency(text) : null;
};
module.exports = Currency;
