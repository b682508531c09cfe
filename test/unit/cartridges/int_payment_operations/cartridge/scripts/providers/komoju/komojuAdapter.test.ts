import { expect } from 'chai';
import {
  IDEMPOTENCY_HEADER,
  komojuAdapter,
} from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/komoju/komojuAdapter';
import type {
  Operation,
  ProviderAnswer,
} from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/operation';
import { resetDwMocks } from '../../../../../../../helpers/dwMocks';

function operation(overrides: Partial<Operation> = {}): Operation {
  return {
    id: 'komoju:refund:00001234:1',
    provider: 'komoju',
    type: 'refund',
    orderNo: '00001234',
    amountMinor: 3000,
    currencyCode: 'JPY',
    paymentReference: 'kp0123456789abcdefghijklm',
    merchantReference: '00001234-refund-1-abc',
    idempotencyKey: 'uuid-1234-refund-1',
    state: 'Planned',
    attempts: 0,
    providerReference: null,
    ...overrides,
  };
}
const refund = operation();
const cancel = operation({ type: 'cancel', id: 'komoju:cancel:00001234:1', amountMinor: null });
const answered = (status: number, body: unknown): ProviderAnswer => ({
  kind: 'answered',
  status,
  text: typeof body === 'string' ? body : JSON.stringify(body),
});
const payment = (refunds: Array<{ id: string; amount: number; description: string }>, refunded: number) => ({
  id: refund.paymentReference,
  status: refunded >= 10000 ? 'refunded' : 'captured',
  total: 10000,
  amount_refunded: refunded,
  refunds,
});

describe('providers/komoju/komojuAdapter', () => {
  beforeEach(() => resetDwMocks());

  it('sends each POST with the operation’s key in X-KOMOJU-IDEMPOTENCY, and the refund’s reference as its description', () => {
    expect(komojuAdapter.buildRequest(cancel)).to.deep.equal({
      method: 'POST',
      path: '/payments/kp0123456789abcdefghijklm/cancel',
      body: null,
      headers: { [IDEMPOTENCY_HEADER]: 'uuid-1234-refund-1' },
    });
    expect(komojuAdapter.buildRequest(refund).body).to.deep.equal({
      description: '00001234-refund-1-abc',
      amount: 3000,
    });
    expect(() => komojuAdapter.buildRequest(operation({ idempotencyKey: 'k'.repeat(101) }))).to.throw(
      /1 to 100 ASCII characters/,
    );
    expect(komojuAdapter.buildRequest(operation({ type: 'capture', amountMinor: null }))).to.deep.include({
      path: '/payments/kp0123456789abcdefghijklm/capture',
      body: {},
    });
    expect(() => komojuAdapter.buildRequest(operation({ type: 'shipmentCapture' }))).to.throw(
      /does not support shipmentCapture/,
    );
  });

  it('takes our refund from KOMOJU’s answer (the payment), with what is still refundable', () => {
    const verdict = komojuAdapter.classify(
      refund,
      answered(
        200,
        payment(
          [
            { id: 'other', amount: 1000, description: 'x' },
            { id: 'ref_1', amount: 3000, description: refund.merchantReference },
          ],
          4000,
        ),
      ),
    );
    expect(verdict).to.deep.include({
      outcome: 'success',
      providerReference: 'ref_1',
      amountMinor: 3000,
      remainingMinor: 6000,
    });
    const missing = komojuAdapter.classify(refund, answered(200, payment([], 0)));
    expect(missing.outcome, 'a 200 without our refund does not prove it').to.equal('unknown');
  });

  it('retries with the same key when there is no answer or KOMOJU answers 5xx, 429 or 409; never reads that as Failed', () => {
    for (const answer of [
      { kind: 'noAnswer', reason: 'TIMEOUT' } as ProviderAnswer,
      { kind: 'notSent', reason: 'RATE_LIMITED' } as ProviderAnswer,
      answered(503, ''),
      answered(429, ''),
      answered(409, { error: { code: 'conflict', message: 'in flight' } }),
    ]) {
      expect(komojuAdapter.classify(refund, answer).outcome, JSON.stringify(answer)).to.equal('transient');
    }
  });

  it('reads the payment to tell whether a cancel or our refund happened', () => {
    expect(komojuAdapter.interpretTruth(cancel, answered(200, { status: 'cancelled' })).applied).to.equal(true);
    expect(komojuAdapter.interpretTruth(cancel, answered(200, { status: 'authorized' })).applied).to.equal(false);
    const found = komojuAdapter.interpretTruth(
      refund,
      answered(200, payment([{ id: 'ref_1', amount: 3000, description: refund.merchantReference }], 3000)),
    );
    expect(found).to.deep.include({ applied: true, providerReference: 'ref_1', remainingMinor: 7000 });
    const otherAmount = komojuAdapter.interpretTruth(
      refund,
      answered(200, payment([{ id: 'ref_1', amount: 2000, description: refund.merchantReference }], 2000)),
    );
    expect(otherAmount.applied, 'our reference with another amount is not taken as ours').to.equal(null);
    expect(komojuAdapter.interpretTruth(refund, answered(401, '')).applied).to.equal(null);
  });

  it('reads a capture from the payment KOMOJU answers: captured with its amount, else not proven', () => {
    const capture = operation({ type: 'capture', amountMinor: null });
    const captured = { status: 'captured', amount: 6000, captured_at: '2026-12-05T10:00:00Z' };
    expect(komojuAdapter.classify(capture, answered(200, captured))).to.deep.include({
      outcome: 'success',
      amountMinor: 6000,
    });
    expect(komojuAdapter.classify(capture, answered(200, { status: 'authorized', amount: 6000 })).outcome).to.equal(
      'unknown',
    );
    expect(komojuAdapter.interpretTruth(capture, answered(200, captured)).applied).to.equal(true);
    expect(komojuAdapter.interpretTruth(capture, answered(200, { status: 'authorized' })).applied).to.equal(false);
    expect(
      komojuAdapter.classify(capture, answered(422, { error: { code: 'not_capturable', message: 'x' } })).outcome,
    ).to.equal('failed');
  });

  it('replays keys for 24 hours, as KOMOJU documents', () => {
    expect(komojuAdapter.supportsIdempotency).to.equal(true);
    expect(komojuAdapter.idempotencyWindowMillis).to.equal(24 * 3600 * 1000);
  });
});
