import { fail, type WebServiceHandler } from './context';
import { payzenFailure } from './errors';
import { readRequiredString } from './fields';
import { STATUS_OF } from './statuses';
import { toPaymentTransaction } from './transactionView';

const OPERATION_TYPES: readonly unknown[] = ['DEBIT', 'CREDIT', 'VERIFICATION'];

/** `Order/Get {orderId, operationType?}`: the order's transactions by sequence number. */
export const getOrder: WebServiceHandler = (body, context) => {
  const orderId = readRequiredString(body, 'orderId');
  if (!orderId.ok) return fail(orderId.failure);
  const { operationType } = body;
  if (operationType !== undefined && !OPERATION_TYPES.includes(operationType)) {
    return fail(payzenFailure('INT_902', `operationType: unsupported value [${String(operationType)}]`));
  }
  const all = context.state.forOrder(orderId.value);
  // An order with no transaction is PSP_010 (third-party code reports this from the live service).
  if (all.length === 0) return fail(payzenFailure('PSP_010', `orderId: ${orderId.value}`));
  const transactions =
    operationType === undefined ? all : all.filter((record) => record.operationType === operationType);
  const statuses = all.map((record) => STATUS_OF[record.detailedStatus]);
  const first = all[0];
  return {
    ok: true,
    answer: {
      shopId: context.settings.shopId,
      orderCycle: statuses.includes('RUNNING') ? 'OPEN' : 'CLOSED',
      orderStatus: statuses.includes('PAID') ? 'PAID' : statuses.includes('RUNNING') ? 'RUNNING' : 'UNPAID',
      orderDetails: {
        orderTotalAmount: first.initialAmount,
        orderEffectiveAmount: first.amount,
        orderCurrency: first.currency,
        mode: 'TEST',
        orderId: orderId.value,
        metadata: null,
        _type: 'V4/OrderDetails',
      },
      transactions: transactions.map((record) => toPaymentTransaction(record, context.settings.shopId)),
      _type: 'V4/OrderTransactions',
    },
  };
};
