import { lyraDate } from './envelope';
import { STATUS_OF } from './statuses';
import { type PayzenTransactionRecord } from './types';

/** The stored transaction as a `V4/PaymentTransaction`. */
export function toPaymentTransaction(record: PayzenTransactionRecord, shopId: string): Record<string, unknown> {
  return {
    shopId,
    uuid: record.uuid,
    amount: record.amount,
    currency: record.currency,
    paymentMethodType: 'CARD',
    paymentMethodToken: null,
    status: STATUS_OF[record.detailedStatus],
    detailedStatus: record.detailedStatus,
    operationType: record.operationType,
    effectiveStrongAuthentication: 'ENABLED',
    creationDate: lyraDate(record.creationDate),
    errorCode: null,
    errorMessage: null,
    detailedErrorCode: null,
    detailedErrorMessage: null,
    metadata: record.metadata,
    orderDetails: {
      orderTotalAmount: record.initialAmount,
      orderEffectiveAmount: record.amount,
      orderCurrency: record.currency,
      mode: 'TEST',
      orderId: record.orderId,
      metadata: null,
      _type: 'V4/OrderDetails',
    },
    customer: { billingDetails: null, email: record.customerEmail, reference: null, _type: 'V4/Customer/Customer' },
    transactionDetails: {
      liabilityShift: 'NO',
      effectiveAmount: record.amount,
      effectiveCurrency: record.currency,
      creationContext: 'CHARGE',
      sequenceNumber: record.sequenceNumber,
      parentTransactionUuid: record.parentTransactionUuid,
      cardDetails: {
        paymentSource: 'EC',
        manualValidation: record.manualValidation ? 'YES' : 'NO',
        expectedCaptureDate: record.expectedCaptureDate ? lyraDate(record.expectedCaptureDate) : null,
        effectiveBrand: 'CB',
        pan: '497010XXXXXX0055',
        expiryMonth: 11,
        expiryYear: 2030,
        country: 'FR',
        captureResponse: {
          refundAmount: record.refundAmount,
          refundCurrency: record.refundAmount > 0 ? record.currency : null,
          captureDate: record.captureDate ? lyraDate(record.captureDate) : null,
          captureFileNumber: null,
          effectiveRefundAmount: record.refundAmount,
          effectiveRefundCurrency: record.refundAmount > 0 ? record.currency : null,
          _type: 'V4/CaptureResponse',
        },
        _type: 'V4/CardDetails',
      },
      _type: 'V4/TransactionDetails',
    },
    _type: 'V4/PaymentTransaction',
  };
}
