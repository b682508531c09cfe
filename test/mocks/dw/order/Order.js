'use strict';
// dw.order.Order: the order and payment status constants (platform values). Order objects come from the OrderMgr mock.
module.exports = {
  ORDER_STATUS_CREATED: 0,
  ORDER_STATUS_NEW: 3,
  ORDER_STATUS_OPEN: 4,
  ORDER_STATUS_COMPLETED: 5,
  ORDER_STATUS_CANCELLED: 6,
  ORDER_STATUS_REPLACED: 7,
  ORDER_STATUS_FAILED: 8,
  PAYMENT_STATUS_NOTPAID: 0,
  PAYMENT_STATUS_PARTPAID: 1,
  PAYMENT_STATUS_PAID: 2,
};
