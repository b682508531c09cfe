import { expect } from 'chai';
import {
  almaAdapter,
  almaError,
  paymentPath,
} from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/alma/almaAdapter';
import { callProvider } from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/providerCall';
import type {
  Operation,
  ProviderAnswer,
} from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/operation';
import { LocalServiceRegistry, resetDwMocks, Resource } from '../../../../../../../helpers/dwMocks';

const PAYMENT = 'payment_11uPRjP4bjr1NDvBd9WgnRXVh7Kb4lhIJ5';

function operation(overrides: Partial<Operation> = {}): Operation {
  return {
    id: 'alma:capture:00001234:1',
    provider: 'alma',
    type: 'capture',
    orderNo: '00001234',
    amountMinor: null,
    currencyCode: 'EUR',
    paymentReference: PAYMENT,
    merchantReference: '00001234-capture-1',
    idempotencyKey: 'uuid-capture-1',
    state: 'Planned',
    attempts: 0,
    providerReference: null,
    ...overrides,
  };
}
const capture = operation();
const cancel = operation({ type: 'cancel', id: 'alma:cancel:00001234:1', merchantReference: '00001234-cancel-1' });
const refund = operation({
  type: 'refund',
  id: 'alma:refund:00001234:1',
  amountMinor: 2500,
  merchantReference: '00001234-refund-1',
});

const answered = (status: number, body: unknown): ProviderAnswer => ({
  kind: 'answered',
  status,
  text: typeof body === 'string' ? body : JSON.stringify(body),
});

describe('providers/alma/almaAdapter', () => {
  beforeEach(() => resetDwMocks());

  it('is the Alma adapter: service paymentoperations.alma, no idempotency key (read before any retry)', () => {
    expect(almaAdapter).to.include({
      provider: 'alma',
      label: 'Alma',
      serviceId: 'paymentoperations.alma',
      supportsIdempotency: false,
    });
    expect(
      ['capture', 'cancel', 'refund', 'shipmentCapture'].map((t) => almaAdapter.supports(t as never)),
    ).to.deep.equal([true, true, true, false]);
  });

  describe('requests', () => {
    it('captures with POST /v1/payments/{id}/captures and external_id, the amount only for a partial capture', () => {
      expect(almaAdapter.buildRequest(capture)).to.deep.equal({
        method: 'POST',
        path: '/v1/payments/' + PAYMENT + '/captures',
        body: { external_id: PAYMENT },
      });
      expect(almaAdapter.buildRequest(operation({ amountMinor: 1999 })).body).to.deep.equal({
        external_id: PAYMENT,
        amount: 1999,
      });
    });

    it('cancels with PUT /v1/payments/{id}/cancel and no body', () => {
      expect(almaAdapter.buildRequest(cancel)).to.deep.equal({
        method: 'PUT',
        path: '/v1/payments/' + PAYMENT + '/cancel',
        body: null,
      });
    });

    it('refunds with POST /v1/payments/{id}/refund, our merchant_reference and the amount', () => {
      expect(almaAdapter.buildRequest(refund)).to.deep.equal({
        method: 'POST',
        path: '/v1/payments/' + PAYMENT + '/refund',
        body: { merchant_reference: '00001234-refund-1', amount: 2500 },
      });
      expect(almaAdapter.buildRequest(operation({ type: 'refund', amountMinor: null })).body).to.deep.equal({
        merchant_reference: '00001234-capture-1',
      });
    });

    it('reads the truth with GET /v1/payments/{id}, and escapes the payment ID in paths', () => {
      expect(almaAdapter.buildTruthRequest(refund)).to.deep.equal({
        method: 'GET',
        path: '/v1/payments/' + PAYMENT,
        body: null,
      });
      expect(paymentPath('a/b c')).to.equal('/v1/payments/a%2Fb%20c');
    });

    it('refuses operations Alma does not have', () => {
      expect(() => almaAdapter.buildRequest(operation({ type: 'shipmentCapture' }))).to.throw(
        'Alma does not support shipmentCapture operations',
      );
    });

    it('authenticates with Alma-Auth and the credential password, with Basic authentication off', () => {
      LocalServiceRegistry.__configure('paymentoperations.alma', {
        credential: { ID: 'alma', URL: 'https://api.sandbox.getalma.eu/', user: 'merchant', password: 'sk_test_k' },
        profile: { ID: 'p', timeoutMillis: 1000 },
        respond: () => ({ statusCode: 200, text: '{"id":"capture_1"}' }),
      });
      callProvider(almaAdapter, almaAdapter.buildRequest(operation({ amountMinor: 500 })), 'capture');
      expect(LocalServiceRegistry.__calls[0].request).to.deep.equal({
        method: 'POST',
        url: 'https://api.sandbox.getalma.eu/v1/payments/' + PAYMENT + '/captures',
        headers: {
          Accept: 'application/json',
          Authorization: 'Alma-Auth sk_test_k',
          'Content-Type': 'application/json',
        },
        body: '{"external_id":"' + PAYMENT + '","amount":500}',
        authentication: 'NONE',
      });
    });
  });

  describe('almaError', () => {
    it('reads error_code and message, else shows the text, cut to 200 characters', () => {
      expect(
        almaError(400, '{"error_code":"already_captured","message":"Payment has already been captured"}'),
      ).to.equal('HTTP 400 already_captured: Payment has already been captured');
      expect(almaError(400, '{"message":"Invalid amount"}')).to.equal('HTTP 400: Invalid amount');
      expect(almaError(502, 'Bad Gateway')).to.equal('HTTP 502: Bad Gateway');
      expect(almaError(500, '')).to.equal('HTTP 500');
      expect(almaError(500, 'x'.repeat(300))).to.equal('HTTP 500: ' + 'x'.repeat(200) + '…');
    });
  });

  describe('classify', () => {
    it('200 with a capture object → success with its id and amount', () => {
      expect(almaAdapter.classify(capture, answered(200, { id: 'capture_1', amount: 3333 }))).to.deep.equal({
        outcome: 'success',
        providerReference: 'capture_1',
        amountMinor: 3333,
        detail: 'HTTP 200',
      });
      expect(almaAdapter.classify(capture, answered(201, { id: 'capture_1' }))).to.include({
        outcome: 'success',
        amountMinor: null,
      });
    });

    it('2xx without a readable capture → unknown (read the payment before anything else)', () => {
      for (const body of ['<html>oops</html>', '', '{}', '{"id":""}', '[]', '{"id":42}']) {
        expect(almaAdapter.classify(capture, answered(200, body)), body).to.deep.equal({
          outcome: 'unknown',
          detail: 'HTTP 200 without a readable capture in the body',
        });
      }
    });

    it('204 to a cancel → success', () => {
      expect(almaAdapter.classify(cancel, answered(204, ''))).to.deep.equal({
        outcome: 'success',
        providerReference: null,
        amountMinor: null,
        detail: 'HTTP 204',
      });
    });

    it('a refund answered with the Payment → success when our merchant_reference is in refunds[]', () => {
      const payment = {
        id: PAYMENT,
        refunds: [
          { id: 'refund_other', amount: 100, merchant_reference: 'someone-else' },
          { id: 'refund_ours', amount: 2500, merchant_reference: '00001234-refund-1' },
        ],
      };
      // This payment does not carry what it settles: what is left to refund is not known (null).
      expect(almaAdapter.classify(refund, answered(200, payment))).to.deep.equal({
        outcome: 'success',
        providerReference: 'refund_ours',
        amountMinor: 2500,
        remainingMinor: null,
        detail: 'HTTP 200',
      });
      expect(almaAdapter.classify(refund, answered(200, { id: PAYMENT, refunds: [payment.refunds[0]] }))).to.deep.equal(
        { outcome: 'unknown', detail: 'HTTP 200 without our refund in the body' },
      );
    });

    it('a refund answered with a Refund object → success', () => {
      // A Refund object says nothing of the payment: what is left is not known (null).
      expect(almaAdapter.classify(refund, answered(201, { id: 'refund_9', amount: 2500 }))).to.deep.equal({
        outcome: 'success',
        providerReference: 'refund_9',
        amountMinor: 2500,
        remainingMinor: null,
        detail: 'HTTP 201',
      });
      expect(almaAdapter.classify(refund, answered(200, { id: 'payment_x' })).outcome).to.equal('unknown');
    });

    it('a refund answered with the Payment → what Alma still holds after it (remainingMinor)', () => {
      const payment = {
        id: PAYMENT,
        purchase_amount: 12000,
        payment_plan: [{ purchase_amount: 4000 }, { purchase_amount: 4000 }, { purchase_amount: 4000 }],
        captures: [{ id: 'capture_1', amount: 4000 }],
        refunds: [
          { id: 'refund_1', amount: 3000, merchant_reference: 'earlier' },
          { id: 'refund_ours', amount: 2500, merchant_reference: '00001234-refund-1' },
        ],
      };
      expect(almaAdapter.classify(refund, answered(200, payment))).to.deep.include({
        outcome: 'success',
        providerReference: 'refund_ours',
        amountMinor: 2500,
        remainingMinor: 6500,
      });
      const everything = { ...payment, refunds: [{ id: 'refund_ours', amount: 12000, merchant_reference: 'r' }] };
      expect(
        almaAdapter.classify(
          operation({ type: 'refund', amountMinor: 12000, merchantReference: 'r' }),
          answered(200, everything),
        ),
      ).to.deep.include({ outcome: 'success', remainingMinor: 0 });
    });

    it('a capture → success with Alma’s captured amount only: what it settles is read afterwards', () => {
      expect(almaAdapter.classify(capture, answered(200, { id: 'capture_1', amount: 4000 }))).to.not.have.property(
        'settledMinor',
      );
    });

    it('400 with error_code and message → rejected with Alma’s text', () => {
      expect(
        almaAdapter.classify(capture, answered(400, { error_code: 'invalid_amount', message: 'Amount too high' })),
      ).to.deep.equal({ outcome: 'rejected', detail: 'HTTP 400 invalid_amount: Amount too high' });
      expect(almaAdapter.classify(refund, answered(404, { message: 'Not found' }))).to.deep.equal({
        outcome: 'rejected',
        detail: 'HTTP 404: Not found',
      });
    });

    it('400 already_captured to a capture → unknown: the payment is captured, maybe by us, so it is read', () => {
      const alreadyCaptured = answered(400, {
        error_code: 'already_captured',
        message: 'Payment has already been captured',
      });
      expect(almaAdapter.classify(capture, alreadyCaptured)).to.deep.equal({
        outcome: 'unknown',
        detail: 'HTTP 400 already_captured: Payment has already been captured',
      });
      expect(almaAdapter.classify(operation({ amountMinor: 1999 }), alreadyCaptured).outcome).to.equal('unknown');
      // Only a capture reads it so: to a refund or a cancel it is a refusal.
      expect(almaAdapter.classify(refund, alreadyCaptured).outcome).to.equal('rejected');
      expect(almaAdapter.classify(cancel, alreadyCaptured).outcome).to.equal('rejected');
    });

    it('401 and 403 → blocked (credentials refused: stop calling Alma), saying where to set the API key', () => {
      const expected = {
        outcome: 'blocked',
        detail:
          'HTTP 401: Invalid API key — Alma did not accept the API key; set the key in the password of the ' +
          'credential of service paymentoperations.alma, then run the job again',
      };
      expect(almaAdapter.classify(capture, answered(401, { message: 'Invalid API key' }))).to.deep.equal(expected);
      expect(almaAdapter.classify(cancel, answered(403, ''))).to.deep.include({ outcome: 'blocked' });
      expect(almaAdapter.classify(cancel, answered(403, '')).detail).to.match(
        /^HTTP 403 — Alma did not accept the API key; .* paymentoperations\.alma, then run the job again$/,
      );
    });

    it('429 → transient (not applied; retried next run)', () => {
      expect(almaAdapter.classify(capture, answered(429, { message: 'Too many requests' }))).to.deep.equal({
        outcome: 'transient',
        detail: 'rate limited, HTTP 429: Too many requests',
      });
    });

    it('500 and 503 → unknown (Alma may have applied it)', () => {
      expect(almaAdapter.classify(capture, answered(500, ''))).to.deep.equal({
        outcome: 'unknown',
        detail: 'HTTP 500',
      });
      expect(almaAdapter.classify(refund, answered(503, 'Service Unavailable'))).to.deep.equal({
        outcome: 'unknown',
        detail: 'HTTP 503: Service Unavailable',
      });
    });

    it('no answer → unknown; not sent → transient', () => {
      expect(almaAdapter.classify(capture, { kind: 'noAnswer', reason: 'TIMEOUT' })).to.deep.equal({
        outcome: 'unknown',
        detail: 'no answer from Alma: TIMEOUT',
      });
      expect(almaAdapter.classify(capture, { kind: 'notSent', reason: 'RATE_LIMITED' })).to.deep.equal({
        outcome: 'transient',
        detail: 'not sent (RATE_LIMITED)',
      });
    });
  });

  describe('interpretTruth', () => {
    it('capture: applied when the payment shows captures[], a captured_amount or processing_status captured', () => {
      // Without purchase_amount the payment does not say what it settles (settledMinor null).
      expect(
        almaAdapter.interpretTruth(capture, answered(200, { captures: [{ id: 'capture_1', amount: 3333 }] })),
      ).to.deep.equal({
        applied: true,
        providerReference: 'capture_1',
        amountMinor: 3333,
        settledMinor: null,
        detail: 'captured',
      });
      expect(almaAdapter.interpretTruth(capture, answered(200, { captured_amount: 9999 }))).to.deep.equal({
        applied: true,
        providerReference: null,
        amountMinor: 9999,
        settledMinor: null,
        detail: 'captured',
      });
      expect(almaAdapter.interpretTruth(capture, answered(200, { processing_status: 'captured' }))).to.include({
        applied: true,
      });
      expect(
        almaAdapter.interpretTruth(capture, answered(200, { state: 'in_progress', captures: [], captured_amount: 0 })),
      ).to.deep.equal({ applied: false, detail: 'not captured' });
      expect(almaAdapter.interpretTruth(capture, answered(200, { processing_status: 'authorized' }))).to.deep.equal({
        applied: false,
        detail: 'not captured',
      });
    });

    it('capture: what the payment settles (settledMinor), e.g. every instalment of a plan whose first is captured', () => {
      const payment = {
        id: PAYMENT,
        purchase_amount: 12000,
        payment_plan: [{ purchase_amount: 4000 }, { purchase_amount: 4000 }, { purchase_amount: 4000 }],
        captures: [{ id: 'capture_1', amount: 4000 }],
      };
      expect(almaAdapter.interpretTruth(capture, answered(200, payment))).to.deep.equal({
        applied: true,
        providerReference: 'capture_1',
        amountMinor: 4000,
        settledMinor: 12000,
        detail: 'captured',
      });
      const partial = { ...payment, captures: [{ id: 'capture_1', amount: 3000 }] };
      expect(almaAdapter.interpretTruth(capture, answered(200, partial))).to.include({ settledMinor: 11000 });
    });

    it('capture: cannot tell (applied null) when the payment shows none of the capture fields', () => {
      expect(almaAdapter.interpretTruth(capture, answered(200, { id: PAYMENT, state: 'in_progress' }))).to.deep.equal({
        applied: null,
        detail: 'the payment shows no capture fields, so it cannot tell',
      });
    });

    it('cancel: applied when state or processing_status is canceled/cancelled', () => {
      expect(almaAdapter.interpretTruth(cancel, answered(200, { state: 'canceled' }))).to.deep.equal({
        applied: true,
        providerReference: null,
        amountMinor: null,
        detail: 'cancelled',
      });
      expect(almaAdapter.interpretTruth(cancel, answered(200, { processing_status: 'cancelled' })).applied).to.equal(
        true,
      );
      expect(almaAdapter.interpretTruth(cancel, answered(200, { state: 'in_progress' }))).to.deep.equal({
        applied: false,
        detail: 'not cancelled',
      });
      expect(almaAdapter.interpretTruth(cancel, answered(200, { processing_status: 'authorized' })).applied).to.equal(
        false,
      );
    });

    it('cancel: cannot tell (applied null) when the payment shows no state', () => {
      expect(almaAdapter.interpretTruth(cancel, answered(200, { id: PAYMENT, captures: [] }))).to.deep.equal({
        applied: null,
        detail: 'the payment shows no state, so it cannot tell',
      });
    });

    it('refund: applied when refunds[] holds our merchant_reference', () => {
      const payment = { refunds: [{ id: 'refund_1', amount: 2500, merchant_reference: '00001234-refund-1' }] };
      expect(almaAdapter.interpretTruth(refund, answered(200, payment))).to.deep.equal({
        applied: true,
        providerReference: 'refund_1',
        amountMinor: 2500,
        remainingMinor: null,
        detail: 'refunded',
      });
      const withFigures = { ...payment, purchase_amount: 10000, captures: [{ id: 'capture_1', amount: 10000 }] };
      expect(almaAdapter.interpretTruth(refund, answered(200, withFigures))).to.include({
        applied: true,
        remainingMinor: 7500,
      });
      expect(
        almaAdapter.interpretTruth(
          operation({ type: 'refund', merchantReference: '00001234-refund-2' }),
          answered(200, payment),
        ),
      ).to.deep.equal({ applied: false, detail: 'no refund with reference 00001234-refund-2' });
      expect(almaAdapter.interpretTruth(refund, answered(200, { refunds: [] }))).to.deep.equal({
        applied: false,
        detail: 'no refund with reference 00001234-refund-1',
      });
    });

    it('refund: cannot tell (applied null) when the payment lists no refunds', () => {
      expect(almaAdapter.interpretTruth(refund, answered(200, { id: PAYMENT, state: 'in_progress' }))).to.deep.equal({
        applied: null,
        detail: 'the payment lists no refunds, so it cannot tell',
      });
    });

    it('refund: cannot tell (applied null) when the refund with our reference has another amount', () => {
      const payment = { refunds: [{ id: 'refund_1', amount: 1000, merchant_reference: '00001234-refund-1' }] };
      expect(almaAdapter.interpretTruth(refund, answered(200, payment))).to.deep.equal({
        applied: null,
        detail:
          'a refund with reference 00001234-refund-1 has another amount (1000 instead of 2500); check it in Alma’s ' +
          'dashboard',
      });
      // Without an amount on either side there is nothing to compare: ours.
      const noAmount = { refunds: [{ id: 'refund_1', merchant_reference: '00001234-refund-1' }] };
      expect(almaAdapter.interpretTruth(refund, answered(200, noAmount))).to.include({
        applied: true,
        providerReference: 'refund_1',
      });
      expect(
        almaAdapter.interpretTruth(operation({ type: 'refund', amountMinor: null, merchantReference: 'r' }), {
          kind: 'answered',
          status: 200,
          text: JSON.stringify({ refunds: [{ id: 'refund_2', amount: 1000, merchant_reference: 'r' }] }),
        }),
      ).to.include({ applied: true, amountMinor: 1000 });
    });

    it('401 and 403 on the read → blocked: Alma refused our credentials, stop calling it', () => {
      expect(almaAdapter.interpretTruth(capture, answered(401, { message: 'Invalid API key' }))).to.deep.equal({
        applied: null,
        blocked: true,
        detail: 'HTTP 401: Invalid API key on service paymentoperations.alma',
      });
      expect(almaAdapter.interpretTruth(refund, answered(403, ''))).to.deep.equal({
        applied: null,
        blocked: true,
        detail: 'HTTP 403 on service paymentoperations.alma',
      });
      // Other errors are not a credential problem.
      expect(almaAdapter.interpretTruth(capture, answered(404, ''))).to.not.have.property('blocked');
    });

    it('not conclusive (applied null) without an answer, on an error status or an unreadable body', () => {
      expect(almaAdapter.interpretTruth(capture, { kind: 'noAnswer', reason: 'TIMEOUT' })).to.deep.equal({
        applied: null,
        detail: 'noAnswer: TIMEOUT',
      });
      expect(almaAdapter.interpretTruth(capture, answered(500, ''))).to.deep.equal({
        applied: null,
        detail: 'HTTP 500',
      });
      expect(almaAdapter.interpretTruth(capture, answered(404, { message: 'Not found' }))).to.deep.equal({
        applied: null,
        detail: 'HTTP 404: Not found',
      });
      expect(almaAdapter.interpretTruth(capture, answered(200, 'garbage'))).to.deep.equal({
        applied: null,
        detail: 'the payment could not be read',
      });
    });
  });
  describe('in the site’s language (French)', () => {
    beforeEach(() => Resource.__setLocale('fr_FR'));

    it('words the details that reach the order in French', () => {
      expect(almaAdapter.classify(capture, answered(200, '{}')).detail).to.equal(
        'HTTP 200 sans capture lisible dans la réponse',
      );
      expect(almaAdapter.classify(refund, answered(200, { refunds: [] })).detail).to.equal(
        'HTTP 200 sans notre remboursement dans la réponse',
      );
      expect(almaAdapter.classify(capture, answered(429, '')).detail).to.equal('limite de débit atteinte, HTTP 429');
      expect(almaAdapter.classify(capture, { kind: 'noAnswer', reason: 'TIMEOUT' }).detail).to.equal(
        'aucune réponse reçue (Alma) : TIMEOUT',
      );
      expect(almaAdapter.classify(capture, answered(401, { message: 'Invalid API key' })).detail).to.equal(
        'HTTP 401: Invalid API key — Alma n’a pas accepté la clé d’API ; saisissez la clé dans le mot de passe de ' +
          'l’identifiant du service paymentoperations.alma, puis relancez la tâche',
      );
      expect(almaAdapter.interpretTruth(capture, answered(200, { state: 'in_progress' })).detail).to.equal(
        'le paiement n’indique aucun champ de capture : impossible de conclure',
      );
      const payment = { refunds: [{ id: 'refund_1', amount: 1000, merchant_reference: '00001234-refund-1' }] };
      expect(almaAdapter.interpretTruth(refund, answered(200, payment)).detail).to.equal(
        'un remboursement de référence 00001234-refund-1 a un autre montant (1000 au lieu de 2500) ; vérifiez-le ' +
          'dans votre tableau de bord Alma',
      );
    });
  });
});
