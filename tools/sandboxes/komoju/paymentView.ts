import { type KomojuPaymentRecord } from './types';

function paymentDetails(record: KomojuPaymentRecord): Record<string, unknown> {
  if (record.paymentMethod === 'credit_card') {
    return { type: 'credit_card', email: null, brand: 'visa', last_four_digits: '1111', month: 12, year: 2030 };
  }
  return { type: record.paymentMethod, email: null };
}

/** The stored payment as KOMOJU's Payment object. */
export function toKomojuPayment(record: KomojuPaymentRecord): Record<string, unknown> {
  const amount = record.capturedAt ? record.capturedAmount : record.authorizedAmount;
  return {
    id: record.id,
    resource: 'payment',
    status: record.status,
    amount,
    tax: record.tax,
    customer: null,
    payment_deadline: null,
    payment_details: paymentDetails(record),
    payment_method_fee: record.paymentMethodFee,
    total: amount + record.tax + record.paymentMethodFee,
    currency: record.currency,
    description: record.description,
    captured_at: record.capturedAt?.toISOString() ?? null,
    external_order_num: record.externalOrderNum,
    metadata: record.metadata,
    created_at: record.createdAt.toISOString(),
    amount_refunded: record.amountRefunded,
    locale: 'ja',
    session: null,
    customer_family_name: null,
    customer_given_name: null,
    refunds: record.refunds.map((refund) => ({ ...refund })),
    refund_requests: [],
  };
}

/** What can still be refunded, tax and fee included (refund amounts are tax-inclusive). */
export function refundableAmount(record: KomojuPaymentRecord): number {
  if (!record.capturedAt) return 0;
  return record.capturedAmount + record.tax + record.paymentMethodFee - record.amountRefunded;
}
