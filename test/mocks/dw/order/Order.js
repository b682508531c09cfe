'use strict';
// dw.order.Order: the status constants (platform values). Order objects come from the OrderMgr mock.
module.exports = {
  ORDER_STATUS_CREATED: 0,
  ORDER_STATUS_NEW: 3,
  ORDER_STATUS_OPEN: 4,
  ORDER_STATUS_COMPLETED: 5,
  ORDER_STATUS_CANCELLED: 6,
  ORDER_STATUS_REPLACED: 7,
  ORDER_STATUS_FAILED: 8,
};
