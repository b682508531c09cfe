import { expect } from 'chai';
import { capturePayment } from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/alma/almaPaymentHelper';
import { resetDwMocks } from '../../../../../../../helpers/dwMocks';
import { almaAnswers, json, PAYMENT } from './almaHarness';

const GET = { method: 'GET', path: '/v1/payments/' + PAYMENT, body: null, transactionDepth: 0 };
const POST = {
  method: 'POST',
  path: '/v1/payments/' + PAYMENT + '/captures',
  body: { external_id: PAYMENT },
  transactionDepth: 0,
};
const authorised = json({ id: PAYMENT, state: 'in_progress', captures: [] });
const captured = json({ id: PAYMENT, captures: [{ id: 'capture_1', amount: 3333 }] });

describe('providers/alma/almaPaymentHelper.capturePayment', () => {
  beforeEach(() => resetDwMocks());

  it('returns the existing capture without posting when the payment is already captured', () => {
    const calls = almaAnswers({ GET: [captured] });
    expect(capturePayment({ external_id: PAYMENT })).to.deep.equal({
      id: 'capture_1',
      payment: PAYMENT,
      amount: 3333,
      created: false,
    });
    expect(calls).to.deep.equal([GET]);
  });

  it('posts the capture and returns it, with its id, when the payment is not captured yet', () => {
    const calls = almaAnswers({ GET: [authorised], POST: [json({ id: 'capture_2', amount: 3333 })] });
    expect(capturePayment({ external_id: PAYMENT })).to.deep.equal({
      id: 'capture_2',
      payment: PAYMENT,
      amount: 3333,
      created: true,
    });
    expect(calls).to.deep.equal([GET, POST]);
  });

  it('sends a partial amount in cents when given', () => {
    const calls = almaAnswers({ GET: [authorised], POST: [json({ id: 'capture_3', amount: 1000 })] });
    expect(capturePayment({ external_id: PAYMENT, amount: 1000 }).amount).to.equal(1000);
    expect(calls[1].body).to.deep.equal({ external_id: PAYMENT, amount: 1000 });
  });

  it('throws with Alma’s message on a 400, without reading again', () => {
    const calls = almaAnswers({
      GET: [authorised],
      POST: [json({ error_code: 'invalid_amount', message: 'Amount exceeds the purchase amount' }, 400)],
    });
    expect(() => capturePayment({ external_id: PAYMENT, amount: 999999 })).to.throw(
      'capturePayment: Alma did not capture payment ' +
        PAYMENT +
        ' (HTTP 400 invalid_amount: Amount exceeds the purchase amount)',
    );
    expect(calls.map((c) => c.method)).to.deep.equal(['GET', 'POST']);
  });

  it('after a timeout, reads the payment again and returns the capture Alma applied', () => {
    const calls = almaAnswers({ GET: [authorised, captured], POST: [{ unavailable: 'TIMEOUT' }] });
    expect(capturePayment({ external_id: PAYMENT })).to.deep.equal({
      id: 'capture_1',
      payment: PAYMENT,
      amount: 3333,
      created: true,
    });
    expect(calls.map((c) => c.method)).to.deep.equal(['GET', 'POST', 'GET']);
  });

  it('after an unreadable 200 or a 502, reads again too', () => {
    almaAnswers({ GET: [authorised, captured], POST: [{ statusCode: 200, text: 'OK' }] });
    expect(capturePayment({ external_id: PAYMENT }).id).to.equal('capture_1');
    almaAnswers({ GET: [authorised, captured], POST: [{ statusCode: 502, text: 'Bad Gateway' }] });
    expect(capturePayment({ external_id: PAYMENT }).id).to.equal('capture_1');
  });

  it('after a timeout, throws when the read shows Alma did not capture', () => {
    almaAnswers({ GET: [authorised, authorised], POST: [{ unavailable: 'TIMEOUT' }] });
    expect(() => capturePayment({ external_id: PAYMENT })).to.throw(
      'capturePayment: Alma did not capture payment ' +
        PAYMENT +
        ' (noAnswer: TIMEOUT: Service paymentoperations.alma unavailable: TIMEOUT)',
    );
  });

  it('after a timeout, says the outcome is unknown when the payment cannot be read either', () => {
    almaAnswers({ GET: [authorised, { statusCode: 503, text: '' }], POST: [{ unavailable: 'TIMEOUT' }] });
    expect(() => capturePayment({ external_id: PAYMENT })).to.throw(
      /^capturePayment: outcome unknown for Alma payment payment_\w+ \(noAnswer: TIMEOUT.*\) and the payment could not be read; read it before trying again$/,
    );
  });

  it('does not read again when the request was not sent (circuit breaker)', () => {
    const calls = almaAnswers({ GET: [authorised], POST: [{ unavailable: 'CIRCUIT_BROKEN' }] });
    expect(() => capturePayment({ external_id: PAYMENT })).to.throw(
      /Alma did not capture payment .* \(notSent: CIRCUIT_BROKEN/,
    );
    expect(calls.map((c) => c.method)).to.deep.equal(['GET', 'POST']);
  });

  it('throws when the payment cannot be read before capturing', () => {
    const calls = almaAnswers({ GET: [json({ message: 'Payment not found' }, 404)] });
    expect(() => capturePayment({ external_id: 'payment_nope' })).to.throw(
      'capturePayment: could not read Alma payment payment_nope (HTTP 404: Payment not found)',
    );
    expect(calls).to.have.length(1);
  });

  it('refuses a missing payment ID or an amount that is not a positive integer, before any call', () => {
    const calls = almaAnswers({});
    expect(() => capturePayment({ external_id: '' })).to.throw('external_id (the Alma payment ID) is required');
    expect(() => capturePayment(null as never)).to.throw('external_id (the Alma payment ID) is required');
    for (const amount of [0, -5, 19.99, '1000']) {
      expect(() => capturePayment({ external_id: PAYMENT, amount: amount as number })).to.throw(
        'capturePayment: amount must be a positive integer in cents, got ' + String(amount),
      );
    }
    expect(calls).to.deep.equal([]);
  });
});
