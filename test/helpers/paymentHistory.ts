/**
 * The order's payment history (order attribute payopsHistory) and the work queue as unit tests
 * set them up with the dw mocks: an operation "as an earlier run left it".
 */
import { CustomObjectMgr, type OrderMock } from './dwMocks';

export type StoredRecord = { [field: string]: unknown };

/** The order's payment history as stored. */
export function history(order: OrderMock): StoredRecord[] {
  const text = order.__values.payopsHistory;
  return text ? (JSON.parse(String(text)) as StoredRecord[]) : [];
}

/**
 * Appends an operation to the order's payment history (dates written as ISO text) and, while it
 * is unfinished (Planned, InFlight), queues it as a PaymentOperation object. Defaults: Planned,
 * never sent, EUR, no amount; `values` override any field.
 */
export function seedOperation(order: OrderMock, id: string, values: StoredRecord = {}): StoredRecord {
  const [provider, type, orderNo, sequence] = id.split(':');
  const record: StoredRecord = {
    id,
    provider,
    type,
    state: 'Planned',
    amountMinor: null,
    currencyCode: 'EUR',
    paymentReference: '',
    merchantReference: orderNo + '-' + type + '-' + sequence,
    idempotencyKey: 'k',
    providerReference: null,
    attempts: 0,
    sent: false,
    reads: 0,
    createdAt: new Date(Date.now() - 120000).toISOString(),
    lastAttemptAt: null,
    completedAt: null,
    reason: null,
    movedMinor: null,
    settledMinor: null,
    remainingMinor: null,
    interactions: [],
  };
  for (const [name, value] of Object.entries(values))
    record[name] = value instanceof Date ? value.toISOString() : value;
  order.__values.payopsHistory = JSON.stringify(history(order).concat([record]));
  if (record.state === 'Planned' || record.state === 'InFlight') {
    CustomObjectMgr.__insert('PaymentOperation', id, {
      orderNo,
      provider,
      operationType: type,
      state: record.state,
      attempts: record.attempts,
    });
  }
  return record;
}
