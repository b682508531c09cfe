'use strict';
/*
 * dw.order.OrderMgr over in-memory orders. Tests add orders with OrderMgr.__add({ orderNo,
 * creationDate, status, currencyCode, total, custom, paymentInstruments: [{ paymentMethod, transactionID,
 * amount }] }) after OrderMgr.__defineAttributes(contract)
 * (generated/metadataContract's OrderAttributes): order.custom reads enums as EnumValue and takes
 * writes only inside a transaction (see _support/customAttributes). searchOrders evaluates the
 * query and sort (see _support/query), returns at most OrderMgr.__setCap(n) orders (1,000 as
 * the Order Search Service), and records each call in OrderMgr.__searches ({ query, sortString,
 * args }).
 */
var createCustomAttributes = require('../_support/customAttributes');
var query = require('../_support/query');
var SeekableIterator = require('../util/SeekableIterator');
var EnumValue = require('../value/EnumValue');
var Money = require('../value/Money');
var Collection = require('../util/Collection');
var Order = require('./Order');

var attributes = {};
var orders = [];
var byNumber = {};
var searches = [];
var cap = 1000;

function statusName(value) {
  for (var name in Order) {
    if (Object.prototype.hasOwnProperty.call(Order, name) && Order[name] === value) {
      return name.replace('ORDER_STATUS_', '');
    }
  }
  return String(value);
}

// dw.order.PaymentTransaction: transactionID and amount (a Money in the order currency, or N/A).
function MockPaymentTransaction(fields, currencyCode) {
  this.transactionID = fields.transactionID === undefined ? null : fields.transactionID;
  this.amount =
    fields.amount === null || fields.amount === undefined
      ? Money.NOT_AVAILABLE
      : new Money(fields.amount, currencyCode);
}
MockPaymentTransaction.prototype.getTransactionID = function () {
  return this.transactionID;
};
MockPaymentTransaction.prototype.getAmount = function () {
  return this.amount;
};

// dw.order.OrderPaymentInstrument: its payment method and transaction.
function MockPaymentInstrument(fields, currencyCode) {
  this.paymentMethod = fields.paymentMethod || 'ALMA';
  this.paymentTransaction = new MockPaymentTransaction(fields, currencyCode);
}
MockPaymentInstrument.prototype.getPaymentMethod = function () {
  return this.paymentMethod;
};
MockPaymentInstrument.prototype.getPaymentTransaction = function () {
  return this.paymentTransaction;
};

function MockOrder(fields) {
  var built = createCustomAttributes('Order ' + fields.orderNo, attributes, fields.custom || null, null);
  this.orderNo = String(fields.orderNo);
  this.UUID = fields.UUID || 'uuid-' + fields.orderNo;
  this.creationDate = fields.creationDate ? new Date(fields.creationDate.getTime()) : new Date();
  this.currencyCode = fields.currencyCode || 'EUR';
  this.status = new EnumValue(fields.status === undefined ? Order.ORDER_STATUS_NEW : fields.status, '');
  this.status.displayValue = statusName(this.status.value);
  this.paymentStatus = new EnumValue(
    fields.paymentStatus === undefined ? Order.PAYMENT_STATUS_NOTPAID : fields.paymentStatus,
    ''
  );
  this.totalGrossPrice =
    fields.total === null
      ? Money.NOT_AVAILABLE
      : new Money(fields.total === undefined ? 100 : fields.total, this.currencyCode);
  this.custom = built.custom;
  this.__values = built.values;
  var currencyCode = this.currencyCode;
  this.__instruments = (fields.paymentInstruments || []).map(function (instrument) {
    return new MockPaymentInstrument(instrument, currencyCode);
  });
}
MockOrder.prototype.getOrderNo = function () {
  return this.orderNo;
};
MockOrder.prototype.getStatus = function () {
  return this.status;
};
MockOrder.prototype.getCurrencyCode = function () {
  return this.currencyCode;
};
MockOrder.prototype.getTotalGrossPrice = function () {
  return this.totalGrossPrice;
};
MockOrder.prototype.getCreationDate = function () {
  return this.creationDate;
};
MockOrder.prototype.getCustom = function () {
  return this.custom;
};
/** The order's payment instruments (all, or those of one payment method). */
MockOrder.prototype.getPaymentInstruments = function (paymentMethodID) {
  return new Collection(
    this.__instruments.filter(function (instrument) {
      return paymentMethodID === undefined || instrument.paymentMethod === paymentMethodID;
    })
  );
};
Object.defineProperty(MockOrder.prototype, 'paymentInstruments', {
  get: function () {
    return this.getPaymentInstruments();
  },
});
/** Test control: the order's status (e.g. cancelled by a merchant in BM). */
MockOrder.prototype.__setStatus = function (value) {
  this.status = new EnumValue(value, statusName(value));
};

function lookupOf(order) {
  return function (path) {
    if (path.indexOf('custom.') === 0) return order.__values[path.substring(7)];
    if (path === 'status') return order.status.value;
    if (path === 'paymentStatus') return order.paymentStatus.value;
    return order[path];
  };
}

module.exports = {
  getOrder: function (orderNo) {
    var key = String(orderNo);
    return Object.prototype.hasOwnProperty.call(byNumber, key) ? byNumber[key] : null;
  },
  searchOrders: function (queryString, sortString) {
    var args = [];
    for (var a = 2; a < arguments.length; a++) args.push(arguments[a]);
    searches.push({ query: String(queryString), sortString: sortString, args: args });
    var predicate = query.compile(String(queryString), args);
    var matches = orders.filter(function (order) {
      return predicate(lookupOf(order));
    });
    return new SeekableIterator(query.stableSort(matches, query.sorter(sortString, lookupOf)).slice(0, cap));
  },
  __defineAttributes: function (contract) {
    attributes = contract || {};
  },
  __add: function (fields) {
    if (module.exports.getOrder(fields.orderNo)) throw new Error('__add: order ' + fields.orderNo + ' exists');
    var order = new MockOrder(fields);
    orders.push(order);
    byNumber[order.orderNo] = order;
    return order;
  },
  __orders: function () {
    return orders.slice();
  },
  __setCap: function (n) {
    cap = n;
  },
  __searches: searches,
  __reset: function () {
    attributes = {};
    orders = [];
    byNumber = {};
    searches.length = 0;
    cap = 1000;
  },
};
