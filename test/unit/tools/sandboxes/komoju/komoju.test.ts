import { expect } from 'chai';
import { type SandboxRequest, type SandboxResponse } from '../../../../../tools/sandboxes/core/types';
import {
  createKomojuSandbox,
  DEFAULT_KOMOJU_SECRET_KEY,
  type KomojuSandbox,
} from '../../../../../tools/sandboxes/komoju';

const NOW = new Date('2025-03-01T10:00:00Z');
const HOUR_MS = 60 * 60 * 1000;
const GOOD_AUTH = `Basic ${Buffer.from(`${DEFAULT_KOMOJU_SECRET_KEY}:`).toString('base64')}`;

interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string | undefined>;
}

function request(method: string, path: string, options: RequestOptions = {}): SandboxRequest {
  return {
    method,
    path: `/api/v1${path}`,
    query: new URLSearchParams(),
    headers: { authorization: GOOD_AUTH, 'content-type': 'application/json', ...options.headers },
    rawBody: options.body === undefined ? '' : JSON.stringify(options.body),
  };
}

function call(sandbox: KomojuSandbox, req: SandboxRequest, now = NOW): SandboxResponse {
  const early = sandbox.arrive?.(req);
  if (early) return early;
  const response = sandbox.handle(req, now);
  sandbox.settle?.(req);
  return response;
}

function body(response: SandboxResponse): Record<string, unknown> {
  return response.json as Record<string, unknown>;
}

function errorCode(response: SandboxResponse): unknown {
  return (body(response).error as Record<string, unknown>).code;
}

function seedPayment(sandbox: KomojuSandbox, seed: Record<string, unknown> = {}): string {
  const [payment] = sandbox.seed([{ amount: 10000, tax: 1000, ...seed }], NOW) as Array<{ id: string }>;
  return payment.id;
}

describe('KOMOJU sandbox', () => {
  let sandbox: KomojuSandbox;

  beforeEach(() => {
    sandbox = createKomojuSandbox();
  });

  describe('routing', () => {
    it('names the operations and leaves unknown paths to the 404', () => {
      expect(sandbox.route(request('GET', '/payments/abc'))).to.equal('get');
      expect(sandbox.route(request('POST', '/payments/abc/capture'))).to.equal('capture');
      expect(sandbox.route(request('POST', '/payments/abc/cancel'))).to.equal('cancel');
      expect(sandbox.route(request('POST', '/payments/abc/refund'))).to.equal('refund');
      expect(sandbox.route(request('GET', '/payment_methods'))).to.equal('paymentMethods');
      expect(sandbox.route(request('GET', '/payments/abc/capture'))).to.equal(undefined);
      expect(sandbox.route(request('POST', '/sessions'))).to.equal(undefined);
      expect(sandbox.errorResponse(404)).to.deep.include({ status: 404 });
      expect(errorCode(sandbox.errorResponse(404))).to.equal('not_found');
    });

    it('answers injected faults with KOMOJU error bodies', () => {
      expect(errorCode(sandbox.errorResponse(503))).to.equal('service_unavailable');
      expect(errorCode(sandbox.errorResponse(504))).to.equal('gateway_timeout');
      expect(sandbox.errorResponse(429).status).to.equal(429);
    });
  });

  describe('authentication', () => {
    it('accepts Basic base64("<secret key>:")', () => {
      const id = seedPayment(sandbox);
      expect(call(sandbox, request('GET', `/payments/${id}`)).status).to.equal(200);
    });

    it('rejects a missing header, a wrong key and the official cartridge defective headers with 401', () => {
      const id = seedPayment(sandbox);
      const b64 = (value: string) => Buffer.from(value).toString('base64');
      const headers = [
        undefined,
        `Basic ${b64('sk_test_wrong:')}`,
        b64(DEFAULT_KOMOJU_SECRET_KEY),
        `Basic ${b64(DEFAULT_KOMOJU_SECRET_KEY)}`,
        `Bearer ${DEFAULT_KOMOJU_SECRET_KEY}`,
      ];
      for (const authorization of headers) {
        const response = call(sandbox, request('POST', `/payments/${id}/cancel`, { headers: { authorization } }));
        expect(response.status, String(authorization)).to.equal(401);
        expect(body(response).error).to.deep.include({ code: 'unauthorized', param: null });
      }
      expect(body(call(sandbox, request('GET', `/payments/${id}`))).status).to.equal('authorized');
    });

    it('uses the configured secret key', () => {
      const custom = createKomojuSandbox({ credentials: { secretKey: 'sk_test_other' } });
      const id = seedPayment(custom);
      const authorization = `Basic ${Buffer.from('sk_test_other:').toString('base64')}`;
      expect(call(custom, request('GET', `/payments/${id}`, { headers: { authorization } })).status).to.equal(200);
      expect(call(custom, request('GET', `/payments/${id}`)).status).to.equal(401);
    });
  });

  describe('payments', () => {
    it('returns the Payment object with a 25-character id', () => {
      const id = seedPayment(sandbox, { external_order_num: 'ORDER-1' });
      const payment = body(call(sandbox, request('GET', `/payments/${id}`)));
      expect(id).to.match(/^[a-z0-9]{25}$/);
      expect(payment).to.include({
        id,
        resource: 'payment',
        status: 'authorized',
        amount: 10000,
        tax: 1000,
        total: 11000,
        currency: 'JPY',
        amount_refunded: 0,
        captured_at: null,
        external_order_num: 'ORDER-1',
      });
      expect(payment.refunds).to.deep.equal([]);
    });

    it('answers 404 not_found for an unknown payment', () => {
      const response = call(sandbox, request('GET', '/payments/doesnotexist0000000000000'));
      expect(response.status).to.equal(404);
      expect(errorCode(response)).to.equal('not_found');
    });
  });

  describe('capture', () => {
    it('captures the whole authorised amount by default', () => {
      const id = seedPayment(sandbox);
      const payment = body(call(sandbox, request('POST', `/payments/${id}/capture`)));
      expect(payment).to.include({ status: 'captured', amount: 10000, total: 11000, captured_at: NOW.toISOString() });
    });

    it('captures part of the amount once and refuses a second capture by default', () => {
      const id = seedPayment(sandbox);
      const first = call(sandbox, request('POST', `/payments/${id}/capture`, { body: { amount: 4000 } }));
      expect(body(first)).to.include({ status: 'captured', amount: 4000, total: 5000 });
      const second = call(sandbox, request('POST', `/payments/${id}/capture`, { body: { amount: 1000 } }));
      expect(second.status).to.equal(422);
      expect(errorCode(second)).to.equal('not_capturable');
    });

    it('allows several partial captures up to the authorised amount when enabled', () => {
      const multi = createKomojuSandbox({ allowMultipleCaptures: true });
      const id = seedPayment(multi);
      expect(body(call(multi, request('POST', `/payments/${id}/capture`, { body: { amount: 4000 } })))).to.include({
        amount: 4000,
      });
      expect(body(call(multi, request('POST', `/payments/${id}/capture`, { body: { amount: 6000 } })))).to.include({
        amount: 10000,
        status: 'captured',
      });
      const third = call(multi, request('POST', `/payments/${id}/capture`, { body: { amount: 1 } }));
      expect(errorCode(third)).to.equal('not_capturable');
    });

    it('refuses amounts above the authorisation, zero, negative or fractional amounts', () => {
      const id = seedPayment(sandbox);
      const over = call(sandbox, request('POST', `/payments/${id}/capture`, { body: { amount: 10001 } }));
      expect(over.status).to.equal(422);
      expect(body(over).error).to.deep.include({ code: 'amount_exceeds_capturable', param: 'amount' });
      for (const amount of [0, -5, 12.5, '12a', true]) {
        const response = call(sandbox, request('POST', `/payments/${id}/capture`, { body: { amount } }));
        expect(response.status, String(amount)).to.equal(422);
        expect(body(response).error).to.deep.include({ code: 'unprocessable_entity', param: 'amount' });
      }
      expect(body(call(sandbox, request('GET', `/payments/${id}`))).status).to.equal('authorized');
    });

    it('refuses payments created with automatic capture', () => {
      const id = seedPayment(sandbox, { capture: 'auto' });
      const response = call(sandbox, request('POST', `/payments/${id}/capture`));
      expect(response.status).to.equal(422);
      expect(errorCode(response)).to.equal('not_capturable');
    });

    it('accepts a form-encoded amount', () => {
      const id = seedPayment(sandbox);
      const req = request('POST', `/payments/${id}/capture`, {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      req.rawBody = 'amount=2500';
      expect(body(call(sandbox, req))).to.include({ status: 'captured', amount: 2500 });
    });

    it('answers 400 bad_request for a body that is not JSON', () => {
      const id = seedPayment(sandbox);
      const req = request('POST', `/payments/${id}/capture`);
      req.rawBody = '{amount:';
      const response = call(sandbox, req);
      expect(response.status).to.equal(400);
      expect(errorCode(response)).to.equal('bad_request');
    });
  });

  describe('cancel', () => {
    it('cancels pending and authorized payments', () => {
      for (const status of ['pending', 'authorized']) {
        const id = seedPayment(sandbox, { status });
        expect(body(call(sandbox, request('POST', `/payments/${id}/cancel`))).status).to.equal('cancelled');
      }
    });

    it('refuses every other status with 422 not_cancellable', () => {
      for (const status of ['captured', 'refunded', 'cancelled', 'expired', 'failed']) {
        const id = seedPayment(sandbox, { status });
        const response = call(sandbox, request('POST', `/payments/${id}/cancel`));
        expect(response.status, status).to.equal(422);
        expect(errorCode(response), status).to.equal('not_cancellable');
      }
    });
  });

  describe('refund', () => {
    it('refunds part of a captured payment, keeping it captured, then the rest', () => {
      const id = seedPayment(sandbox, { status: 'captured' });
      const partial = body(
        call(sandbox, request('POST', `/payments/${id}/refund`, { body: { amount: 3000, description: 'one item' } })),
      );
      expect(partial).to.include({ status: 'captured', amount_refunded: 3000 });
      expect(partial.refunds).to.have.length(1);
      expect((partial.refunds as Array<Record<string, unknown>>)[0]).to.include({
        amount: 3000,
        currency: 'JPY',
        payment: id,
        description: 'one item',
        chargeback: false,
      });
      const rest = body(call(sandbox, request('POST', `/payments/${id}/refund`)));
      expect(rest).to.include({ status: 'refunded', amount_refunded: 11000 });
      expect((rest.refunds as Array<Record<string, unknown>>)[1]).to.include({ amount: 8000 });
    });

    it('refuses a refund above the remaining amount', () => {
      const id = seedPayment(sandbox, { status: 'captured', amount_refunded: 10000 });
      const response = call(sandbox, request('POST', `/payments/${id}/refund`, { body: { amount: 1001 } }));
      expect(response.status).to.equal(422);
      expect(body(response).error).to.deep.include({ code: 'amount_exceeds_refundable', param: 'amount' });
    });

    it('refuses payments that are not captured with 422 not_refundable', () => {
      for (const status of ['pending', 'authorized', 'refunded', 'cancelled', 'expired']) {
        const id = seedPayment(sandbox, { status });
        const response = call(sandbox, request('POST', `/payments/${id}/refund`));
        expect(response.status, status).to.equal(422);
        expect(errorCode(response), status).to.equal('not_refundable');
      }
    });

    it('limits refunds of a partially captured payment to what was captured', () => {
      const id = seedPayment(sandbox);
      call(sandbox, request('POST', `/payments/${id}/capture`, { body: { amount: 4000 } }));
      const response = call(sandbox, request('POST', `/payments/${id}/refund`, { body: { amount: 5001 } }));
      expect(errorCode(response)).to.equal('amount_exceeds_refundable');
      expect(body(call(sandbox, request('POST', `/payments/${id}/refund`))).amount_refunded).to.equal(5000);
    });
  });

  describe('idempotency', () => {
    const key = (value: string) => ({ headers: { 'x-komoju-idempotency': value } });

    it('replays the first answer for the same key and body without refunding twice', () => {
      const id = seedPayment(sandbox, { status: 'captured' });
      const req = () => request('POST', `/payments/${id}/refund`, { body: { amount: 1000 }, ...key('refund-1') });
      const first = call(sandbox, req());
      const second = call(sandbox, req());
      expect(second).to.deep.equal(first);
      expect(body(call(sandbox, request('GET', `/payments/${id}`))).amount_refunded).to.equal(1000);
    });

    it('replays a stored error too', () => {
      const id = seedPayment(sandbox, { status: 'captured' });
      const req = () => request('POST', `/payments/${id}/cancel`, key('cancel-1'));
      expect(errorCode(call(sandbox, req()))).to.equal('not_cancellable');
      expect(errorCode(call(sandbox, req()))).to.equal('not_cancellable');
    });

    it('refuses the same key with a different body with 422', () => {
      const id = seedPayment(sandbox, { status: 'captured' });
      call(sandbox, request('POST', `/payments/${id}/refund`, { body: { amount: 1000 }, ...key('k') }));
      const response = call(
        sandbox,
        request('POST', `/payments/${id}/refund`, { body: { amount: 2000 }, ...key('k') }),
      );
      expect(response.status).to.equal(422);
      expect(body(response).error).to.deep.include({ param: 'X-KOMOJU-IDEMPOTENCY' });
      expect(body(call(sandbox, request('GET', `/payments/${id}`))).amount_refunded).to.equal(1000);
    });

    it('applies the request again once the key is older than 24 hours', () => {
      const id = seedPayment(sandbox, { status: 'captured' });
      const req = () => request('POST', `/payments/${id}/refund`, { body: { amount: 1000 }, ...key('old') });
      call(sandbox, req());
      call(sandbox, req(), new Date(NOW.getTime() + 23 * HOUR_MS));
      expect(body(call(sandbox, request('GET', `/payments/${id}`))).amount_refunded).to.equal(1000);
      call(sandbox, req(), new Date(NOW.getTime() + 24 * HOUR_MS));
      expect(body(call(sandbox, request('GET', `/payments/${id}`))).amount_refunded).to.equal(2000);
    });

    it('answers 409 to a retry that arrives while the first request is in flight', () => {
      const id = seedPayment(sandbox, { status: 'captured' });
      const first = request('POST', `/payments/${id}/refund`, { body: { amount: 1000 }, ...key('slow') });
      const retry = request('POST', `/payments/${id}/refund`, { body: { amount: 1000 }, ...key('slow') });
      expect(sandbox.arrive?.(first)).to.equal(undefined);
      const conflict = sandbox.arrive?.(retry);
      expect(conflict?.status).to.equal(409);
      expect(sandbox.handle(first, NOW).status).to.equal(200);
      expect(sandbox.handle(retry, NOW).status, 'still in flight until settled').to.equal(409);
      sandbox.settle?.(first);
      expect(body(call(sandbox, retry)).amount_refunded).to.equal(1000);
    });

    it('ends "in flight" when the connection dropped before the answer', () => {
      const id = seedPayment(sandbox);
      const dropped = request('POST', `/payments/${id}/capture`, key('dropped'));
      sandbox.arrive?.(dropped);
      sandbox.settle?.(dropped);
      expect(body(call(sandbox, request('POST', `/payments/${id}/capture`, key('dropped')))).status).to.equal(
        'captured',
      );
    });

    it('rejects empty, too long or non-ASCII keys with 400', () => {
      const id = seedPayment(sandbox);
      for (const value of ['', 'x'.repeat(101), 'clé']) {
        const response = call(sandbox, request('POST', `/payments/${id}/capture`, key(value)));
        expect(response.status, JSON.stringify(value)).to.equal(400);
        expect(errorCode(response)).to.equal('bad_request');
      }
      expect(call(sandbox, request('POST', `/payments/${id}/capture`, key('x'.repeat(100)))).status).to.equal(200);
    });
  });

  describe('payment methods', () => {
    it('lists realistic methods', () => {
      const response = call(sandbox, request('GET', '/payment_methods'));
      const slugs = (response.json as Array<Record<string, unknown>>).map((method) => method.type_slug);
      expect(slugs).to.include.members(['credit_card', 'konbini', 'paypay', 'bank_transfer']);
      expect((response.json as Array<Record<string, unknown>>)[0]).to.have.keys([
        'type_slug',
        'name_en',
        'name_ja',
        'name_ko',
        'currency',
        'subtypes',
        'secure_token_supported',
      ]);
    });

    it('shows a method enabled through the seed, the option or setPaymentMethods', () => {
      const merpay = {
        type_slug: 'merpay',
        name_en: 'Merpay',
        name_ja: 'メルペイ',
        name_ko: 'Merpay',
        currency: 'JPY',
      };
      sandbox.seed([{ paymentMethod: merpay }], NOW);
      const slugs = () =>
        (call(sandbox, request('GET', '/payment_methods')).json as Array<Record<string, unknown>>).map(
          (m) => m.type_slug,
        );
      expect(slugs()).to.include('merpay');
      sandbox.reset();
      expect(slugs()).not.to.include('merpay');
      sandbox.setPaymentMethods([merpay]);
      expect(slugs()).to.deep.equal(['merpay']);
      const configured = createKomojuSandbox({ paymentMethods: [merpay] });
      expect(call(configured, request('GET', '/payment_methods')).json).to.deep.equal([merpay]);
    });
  });

  describe('state', () => {
    it('snapshots and resets', () => {
      seedPayment(sandbox);
      expect((sandbox.snapshot() as { payments: unknown[] }).payments).to.have.length(1);
      sandbox.reset();
      expect((sandbox.snapshot() as { payments: unknown[] }).payments).to.have.length(0);
    });

    it('refuses malformed seeds', () => {
      expect(() => sandbox.seed([{ amount: 1.5 }], NOW)).to.throw(/amount/);
      expect(() => sandbox.seed([{ amount: 100, status: 'paid' }], NOW)).to.throw(/status/);
      expect(() => sandbox.seed(['x'], NOW)).to.throw(/object/);
    });
  });
});
