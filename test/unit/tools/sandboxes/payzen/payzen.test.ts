import { expect } from 'chai';
import { type SandboxRequest, type SandboxResponse } from '../../../../../tools/sandboxes/core/types';
import {
  createPayzenSandbox,
  DEFAULT_PAYZEN_PASSWORD,
  DEFAULT_PAYZEN_SHOP_ID,
  type PayzenSandbox,
} from '../../../../../tools/sandboxes/payzen';

const NOW = new Date('2025-03-01T10:00:00Z');
const DAY_MS = 24 * 60 * 60 * 1000;
const GOOD_AUTH = `Basic ${Buffer.from(`${DEFAULT_PAYZEN_SHOP_ID}:${DEFAULT_PAYZEN_PASSWORD}`).toString('base64')}`;
const INITIAL_UUID = 'f183418d08df49f3900bbd74ef837816';

type Json = Record<string, unknown>;

function request(webService: string, body: unknown, authorization: string | null = GOOD_AUTH): SandboxRequest {
  return {
    method: 'POST',
    path: `/api-payment/V4/${webService}`,
    query: new URLSearchParams(),
    headers: { authorization: authorization ?? undefined, 'content-type': 'application/json' },
    rawBody: JSON.stringify(body),
  };
}

function call(sandbox: PayzenSandbox, webService: string, body: unknown, now = NOW): SandboxResponse {
  return sandbox.handle(request(webService, body), now);
}

function envelope(response: SandboxResponse): Json {
  return response.json as Json;
}

function answer(response: SandboxResponse): Json {
  return envelope(response).answer as Json;
}

function expectError(response: SandboxResponse, code: string): void {
  expect(envelope(response).status, JSON.stringify(answer(response))).to.equal('ERROR');
  expect(answer(response).errorCode).to.equal(code);
}

function expectSuccess(response: SandboxResponse): Json {
  expect(envelope(response).status, JSON.stringify(answer(response))).to.equal('SUCCESS');
  return answer(response);
}

function refundAmountOf(transaction: Json): unknown {
  const details = transaction.transactionDetails as { cardDetails: { captureResponse: { refundAmount: unknown } } };
  return details.cardDetails.captureResponse.refundAmount;
}

function seedInitial(sandbox: PayzenSandbox, extra: Json = {}): void {
  sandbox.seed(
    [
      {
        uuid: INITIAL_UUID,
        orderId: 'myOrder-1234',
        amount: 7412,
        currency: 'EUR',
        useCase: 'SHIPMENT_MULTIPLE_AUTHORISATION',
        ...extra,
      },
    ],
    NOW,
  );
}

function seedDebit(sandbox: PayzenSandbox, extra: Json = {}): string {
  const [transaction] = sandbox.seed([{ orderId: 'ORDER-9', amount: 5000, currency: 'EUR', ...extra }], NOW) as Json[];
  return transaction.uuid as string;
}

describe('PayZen sandbox', () => {
  let sandbox: PayzenSandbox;

  beforeEach(() => {
    sandbox = createPayzenSandbox();
  });

  describe('routing and envelope', () => {
    it('names the web services, telling cancels from refunds', () => {
      expect(sandbox.route(request('Charge/CreateShipmentTransaction', {}))).to.equal('createShipmentTransaction');
      expect(sandbox.route(request('Transaction/Validate', {}))).to.equal('capture');
      expect(sandbox.route(request('Transaction/Get', {}))).to.equal('get');
      expect(sandbox.route(request('Transaction/CancelOrRefund', { resolutionMode: 'REFUND_ONLY' }))).to.equal(
        'refund',
      );
      expect(sandbox.route(request('Transaction/CancelOrRefund', { resolutionMode: 'CANCELLATION_ONLY' }))).to.equal(
        'cancel',
      );
      expect(sandbox.route(request('Order/Get', {}))).to.equal('getOrder');
      expect(sandbox.route({ ...request('Order/Get', {}), method: 'GET' })).to.equal(undefined);
    });

    it('answers an unknown web service with INT_901 in the envelope', () => {
      const response = call(sandbox, 'Charge/Nothing', {});
      expect(response.status).to.equal(200);
      expectError(response, 'INT_901');
    });

    it('wraps every answer in the V4 envelope, errors with HTTP 200', () => {
      const response = call(sandbox, 'Transaction/Get', { uuid: 'ffffffffffffffffffffffffffffffff' });
      expect(response.status).to.equal(200);
      expect(envelope(response)).to.include({
        webService: 'Transaction/Get',
        version: 'V4',
        status: 'ERROR',
        applicationProvider: 'PAYZEN',
        mode: 'TEST',
        metadata: null,
        _type: 'V4/WebService/Response',
        serverDateTime: '2025-03-01T10:00:00+00:00',
      });
      expect(answer(response)).to.have.keys([
        'errorCode',
        'errorMessage',
        'detailedErrorCode',
        'detailedErrorMessage',
        '_type',
      ]);
      expect(answer(response)).to.include({ errorCode: 'PSP_010', _type: 'V4/WebService/WebServiceError' });
    });

    it('answers injected faults with an ERROR envelope and the injected status', () => {
      const response = sandbox.errorResponse(503);
      expect(response.status).to.equal(503);
      expect(envelope(response).status).to.equal('ERROR');
    });
  });

  describe('authentication', () => {
    it('refuses wrong or missing credentials with HTTP 401 and INT_905', () => {
      const b64 = (value: string) => Buffer.from(value).toString('base64');
      for (const authorization of [
        null,
        `Basic ${b64(`${DEFAULT_PAYZEN_SHOP_ID}:prodpassword_x`)}`,
        `Basic ${b64(`87654321:${DEFAULT_PAYZEN_PASSWORD}`)}`,
        b64(`${DEFAULT_PAYZEN_SHOP_ID}:${DEFAULT_PAYZEN_PASSWORD}`),
      ]) {
        const response = sandbox.handle(request('Order/Get', { orderId: 'x' }, authorization), NOW);
        expect(response.status, String(authorization)).to.equal(401);
        expectError(response, 'INT_905');
      }
    });

    it('can answer bad credentials with HTTP 200 and uses configured credentials', () => {
      const custom = createPayzenSandbox({
        credentials: { shopId: '69876357', password: 'testpassword_other' },
        authFailureHttpStatus: 200,
      });
      expect(custom.handle(request('Order/Get', { orderId: 'x' }), NOW).status).to.equal(200);
      const auth = `Basic ${Buffer.from('69876357:testpassword_other').toString('base64')}`;
      expectError(custom.handle(request('Order/Get', { orderId: 'x' }, auth), NOW), 'PSP_010');
    });
  });

  describe('Charge/CreatePayment', () => {
    it('returns a formToken and creates a DEBIT to validate, found with Order/Get', () => {
      const created = expectSuccess(
        call(sandbox, 'Charge/CreatePayment', { amount: 2500, currency: 'EUR', orderId: 'ORDER-1' }),
      );
      expect(created.formToken).to.be.a('string');
      expect(created._type).to.equal('V4/Charge/PaymentForm');
      const order = expectSuccess(call(sandbox, 'Order/Get', { orderId: 'ORDER-1' }));
      const [transaction] = order.transactions as Json[];
      expect(transaction.uuid).to.match(/^[0-9a-f]{32}$/);
      expect(transaction).to.include({
        amount: 2500,
        currency: 'EUR',
        operationType: 'DEBIT',
        status: 'RUNNING',
        detailedStatus: 'AUTHORISED_TO_VALIDATE',
        _type: 'V4/PaymentTransaction',
      });
      expect(transaction.orderDetails).to.include({ orderId: 'ORDER-1' });
      expect(transaction.transactionDetails).to.include({ sequenceNumber: 1 });
    });

    it('creates an ACCEPTED VERIFICATION transaction for pay-on-shipment', () => {
      expectSuccess(
        call(sandbox, 'Charge/CreatePayment', {
          amount: 7412,
          currency: 'EUR',
          orderId: 'myOrder-1234-initial',
          customer: { email: 'sample@example.com' },
          useCase: 'SHIPMENT_MULTIPLE_AUTHORISATION',
        }),
      );
      const [initial] = expectSuccess(call(sandbox, 'Order/Get', { orderId: 'myOrder-1234-initial' }))
        .transactions as Json[];
      expect(initial).to.include({ operationType: 'VERIFICATION', status: 'PAID', detailedStatus: 'ACCEPTED' });
    });

    it('checks amount and currency', () => {
      expectError(call(sandbox, 'Charge/CreatePayment', { currency: 'EUR' }), 'INT_009');
      expectError(call(sandbox, 'Charge/CreatePayment', { amount: 10.5, currency: 'EUR' }), 'INT_009');
      expectError(call(sandbox, 'Charge/CreatePayment', { amount: 100 }), 'INT_010');
      expectError(call(sandbox, 'Charge/CreatePayment', { amount: 100, currency: 'eur' }), 'INT_010');
      expectError(call(sandbox, 'Charge/CreatePayment', { amount: 100, currency: 'ZZZ' }), 'PSP_519');
      expectError(call(sandbox, 'Charge/CreatePayment', { amount: 100, currency: 'USD' }), 'PSP_606');
      expectSuccess(call(sandbox, 'Charge/CreatePayment', { amount: 100, currency: 'JPY' }));
    });
  });

  describe('Charge/CreateShipmentTransaction', () => {
    beforeEach(() => seedInitial(sandbox));

    it('creates one AUTHORISED/PAID DEBIT per shipment (seed 003 example)', () => {
      const uuids = [3500, 2500, 1412].map((amount, index) => {
        const shipment = expectSuccess(
          call(
            sandbox,
            'Charge/CreateShipmentTransaction',
            { uuid: INITIAL_UUID, amount, currency: 'EUR' },
            new Date(NOW.getTime() + index * DAY_MS),
          ),
        );
        expect(shipment).to.include({
          amount,
          currency: 'EUR',
          operationType: 'DEBIT',
          status: 'PAID',
          detailedStatus: 'AUTHORISED',
        });
        expect(shipment.transactionDetails).to.include({ parentTransactionUuid: INITIAL_UUID });
        return shipment.uuid;
      });
      expect(new Set(uuids).size).to.equal(3);
      const order = expectSuccess(call(sandbox, 'Order/Get', { orderId: 'myOrder-1234', operationType: 'DEBIT' }));
      expect((order.transactions as Json[]).map((t) => t.amount)).to.deep.equal([3500, 2500, 1412]);
    });

    it('defaults the currency to the initial transaction and checks it when given', () => {
      expectSuccess(call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount: 100 }));
      expectError(
        call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount: 100, currency: 'E' }),
        'INT_010',
      );
      expectError(
        call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount: 100, currency: 'QQQ' }),
        'PSP_519',
      );
      expectError(
        call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount: 100, currency: 'GBP' }),
        'PSP_606',
      );
      expectError(
        call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount: 100, currency: 'JPY' }),
        'PSP_229',
      );
    });

    it('refuses a missing, zero or fractional amount with INT_009', () => {
      for (const amount of [undefined, 0, -1, 12.5, '3500']) {
        expectError(
          call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount, currency: 'EUR' }),
          'INT_009',
        );
      }
    });

    it('refuses an unknown uuid (PSP_010) and a uuid that is not an initial transaction (PSP_229)', () => {
      expectError(call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: 'a'.repeat(32), amount: 100 }), 'PSP_010');
      const debit = seedDebit(sandbox);
      expectError(call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: debit, amount: 100 }), 'PSP_229');
      const shipment = expectSuccess(
        call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount: 100 }),
      );
      expectError(call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: shipment.uuid, amount: 100 }), 'PSP_229');
      expectError(call(sandbox, 'Charge/CreateShipmentTransaction', { amount: 100 }), 'INT_902');
    });

    it('refuses shipments once the initial transaction is older than 180 days', () => {
      const old = 'b'.repeat(32);
      sandbox.seed(
        [
          {
            uuid: old,
            orderId: 'OLD',
            amount: 1000,
            currency: 'EUR',
            useCase: 'SHIPMENT_MULTIPLE_AUTHORISATION',
            createdDaysAgo: 181,
          },
        ],
        NOW,
      );
      const refused = call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: old, amount: 100 });
      expectError(refused, 'PSP_229');
      expect(answer(refused).detailedErrorMessage).to.match(/180 days/);
      const edge = 'c'.repeat(32);
      sandbox.seed(
        [
          {
            uuid: edge,
            orderId: 'EDGE',
            amount: 1000,
            currency: 'EUR',
            useCase: 'SHIPMENT_MULTIPLE_AUTHORISATION',
            createdDaysAgo: 180,
          },
        ],
        NOW,
      );
      expectSuccess(call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: edge, amount: 100 }));
    });

    it('refuses a duplicate shipment (same uuid, amount, orderId, comment) within the window with PSP_236', () => {
      const shipment = {
        uuid: INITIAL_UUID,
        amount: 2000,
        currency: 'EUR',
        orderId: 'myOrder-1234',
        comment: 'parcel 1',
      };
      expectSuccess(call(sandbox, 'Charge/CreateShipmentTransaction', shipment));
      expectError(
        call(sandbox, 'Charge/CreateShipmentTransaction', shipment, new Date(NOW.getTime() + 60_000)),
        'PSP_236',
      );
      expectSuccess(call(sandbox, 'Charge/CreateShipmentTransaction', { ...shipment, comment: 'parcel 2' }));
      expectSuccess(call(sandbox, 'Charge/CreateShipmentTransaction', shipment, new Date(NOW.getTime() + DAY_MS + 1)));
      const debits = expectSuccess(call(sandbox, 'Order/Get', { orderId: 'myOrder-1234', operationType: 'DEBIT' }));
      expect(debits.transactions).to.have.length(3);
    });

    it('refuses shipments above the initial amount unless allowed', () => {
      expectSuccess(call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount: 7000 }));
      expectError(call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount: 413 }), 'PSP_229');
      expectSuccess(call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount: 412 }));
      const lenient = createPayzenSandbox({ enforceInitialAmountLimit: false });
      seedInitial(lenient);
      expectSuccess(call(lenient, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount: 9999 }));
    });

    it('plays queued PSP_227 (nothing created) and PSP_228 (created, no result) outcomes', () => {
      sandbox.queueShipmentOutcome(INITIAL_UUID, 'PSP_227');
      sandbox.queueShipmentOutcome(INITIAL_UUID, 'PSP_228');
      expectError(call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount: 100 }), 'PSP_227');
      expectError(call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount: 100 }), 'PSP_228');
      const debits = expectSuccess(call(sandbox, 'Order/Get', { orderId: 'myOrder-1234', operationType: 'DEBIT' }));
      expect(debits.transactions).to.have.length(1);
      expectError(call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount: 100 }), 'PSP_236');
    });

    it('accepts the outcomes from the seed too', () => {
      const uuid = 'd'.repeat(32);
      sandbox.seed(
        [
          {
            uuid,
            orderId: 'S',
            amount: 500,
            currency: 'EUR',
            useCase: 'SHIPMENT_MULTIPLE_AUTHORISATION',
            shipmentOutcomes: ['PSP_227'],
          },
        ],
        NOW,
      );
      expectError(call(sandbox, 'Charge/CreateShipmentTransaction', { uuid, amount: 100 }), 'PSP_227');
      expectSuccess(call(sandbox, 'Charge/CreateShipmentTransaction', { uuid, amount: 100 }));
    });

    it('refuses to modify the initial transaction with PSP_231', () => {
      expectError(call(sandbox, 'Transaction/Validate', { uuid: INITIAL_UUID }), 'PSP_231');
      expectError(
        call(sandbox, 'Transaction/Update', { uuid: INITIAL_UUID, cardUpdate: { amount: 100, currency: 'EUR' } }),
        'PSP_231',
      );
      expectError(
        call(sandbox, 'Transaction/CancelOrRefund', {
          uuid: INITIAL_UUID,
          amount: 7412,
          currency: 'EUR',
          resolutionMode: 'CANCELLATION_ONLY',
        }),
        'PSP_231',
      );
      expect(expectSuccess(call(sandbox, 'Transaction/Get', { uuid: INITIAL_UUID })).detailedStatus).to.equal(
        'ACCEPTED',
      );
    });

    it('has the bank capture a shipment, which can then be refunded', () => {
      const shipment = expectSuccess(
        call(sandbox, 'Charge/CreateShipmentTransaction', { uuid: INITIAL_UUID, amount: 3500 }),
      );
      expect(expectSuccess(call(sandbox, 'Transaction/Get', { uuid: shipment.uuid })).detailedStatus).to.equal(
        'CAPTURED',
      );
      const credit = expectSuccess(
        call(sandbox, 'Transaction/CancelOrRefund', {
          uuid: shipment.uuid,
          amount: 3500,
          currency: 'EUR',
          resolutionMode: 'REFUND_ONLY',
        }),
      );
      expect(credit).to.include({ operationType: 'CREDIT', amount: 3500 });
    });
  });

  describe('Transaction/Validate', () => {
    it('moves AUTHORISED_TO_VALIDATE to AUTHORISED, then the bank captures it', () => {
      const uuid = seedDebit(sandbox);
      expect(expectSuccess(call(sandbox, 'Transaction/Validate', { uuid }))).to.include({
        status: 'PAID',
        detailedStatus: 'AUTHORISED',
      });
      expect(expectSuccess(call(sandbox, 'Transaction/Get', { uuid })).detailedStatus).to.equal('CAPTURED');
    });

    it('keeps AUTHORISED until the capture delay has passed', () => {
      const delayed = createPayzenSandbox({ automaticCaptureDelayMs: DAY_MS });
      const uuid = seedDebit(delayed);
      expectSuccess(call(delayed, 'Transaction/Validate', { uuid }));
      expect(expectSuccess(call(delayed, 'Transaction/Get', { uuid })).detailedStatus).to.equal('AUTHORISED');
      const later = new Date(NOW.getTime() + DAY_MS);
      expect(expectSuccess(call(delayed, 'Transaction/Get', { uuid }, later)).detailedStatus).to.equal('CAPTURED');
    });

    it('moves WAITING_AUTHORISATION_TO_VALIDATE to WAITING_AUTHORISATION', () => {
      const uuid = seedDebit(sandbox, {
        detailedStatus: 'WAITING_AUTHORISATION_TO_VALIDATE',
        expectedCaptureInDays: 10,
      });
      expect(expectSuccess(call(sandbox, 'Transaction/Validate', { uuid })).detailedStatus).to.equal(
        'WAITING_AUTHORISATION',
      );
    });

    it('refuses other statuses with PSP_011 and unknown uuids with PSP_010', () => {
      for (const detailedStatus of ['CAPTURED', 'CANCELLED', 'EXPIRED', 'REFUSED']) {
        expectError(call(sandbox, 'Transaction/Validate', { uuid: seedDebit(sandbox, { detailedStatus }) }), 'PSP_011');
      }
      const validated = seedDebit(sandbox, { expectedCaptureInDays: 1 });
      expectSuccess(call(sandbox, 'Transaction/Validate', { uuid: validated }));
      expectError(call(sandbox, 'Transaction/Validate', { uuid: validated }), 'PSP_011');
      expectError(call(sandbox, 'Transaction/Validate', { uuid: 'e'.repeat(32) }), 'PSP_010');
    });
  });

  describe('Transaction/Update', () => {
    it('lowers the amount, the partial-cancel path', () => {
      const uuid = seedDebit(sandbox);
      const updated = expectSuccess(
        call(sandbox, 'Transaction/Update', { uuid, cardUpdate: { amount: 3000, currency: 'EUR' } }),
      );
      expect(updated).to.include({ amount: 3000, detailedStatus: 'AUTHORISED_TO_VALIDATE' });
    });

    it('refuses a higher amount (PSP_040), an unchanged one (PSP_014) and a malformed one (INT_009)', () => {
      const uuid = seedDebit(sandbox);
      expectError(
        call(sandbox, 'Transaction/Update', { uuid, cardUpdate: { amount: 5001, currency: 'EUR' } }),
        'PSP_040',
      );
      expectError(
        call(sandbox, 'Transaction/Update', { uuid, cardUpdate: { amount: 5000, currency: 'EUR' } }),
        'PSP_014',
      );
      expectError(
        call(sandbox, 'Transaction/Update', { uuid, cardUpdate: { amount: -1, currency: 'EUR' } }),
        'INT_009',
      );
      expectError(call(sandbox, 'Transaction/Update', { uuid }), 'INT_902');
    });

    it('moves the capture date and switches manual to automatic validation, never back', () => {
      const uuid = seedDebit(sandbox, { expectedCaptureInDays: 5 });
      const date = '2025-03-04T00:00:00+00:00';
      const moved = expectSuccess(
        call(sandbox, 'Transaction/Update', { uuid, cardUpdate: { expectedCaptureDate: date } }),
      );
      expect((moved.transactionDetails as { cardDetails: Json }).cardDetails.expectedCaptureDate).to.equal(date);
      const automatic = expectSuccess(
        call(sandbox, 'Transaction/Update', { uuid, cardUpdate: { manualValidation: 'NO' } }),
      );
      expect(automatic.detailedStatus).to.equal('AUTHORISED');
      expectError(call(sandbox, 'Transaction/Update', { uuid, cardUpdate: { manualValidation: 'YES' } }), 'INT_902');
    });

    it('refuses a captured transaction with PSP_011', () => {
      const uuid = seedDebit(sandbox, { detailedStatus: 'CAPTURED' });
      expectError(
        call(sandbox, 'Transaction/Update', { uuid, cardUpdate: { amount: 100, currency: 'EUR' } }),
        'PSP_011',
      );
    });
  });

  describe('Transaction/CancelOrRefund', () => {
    const cancelBody = (uuid: string, amount = 5000) => ({
      uuid,
      amount,
      currency: 'EUR',
      resolutionMode: 'CANCELLATION_ONLY',
    });
    const refundBody = (uuid: string, amount: number) => ({
      uuid,
      amount,
      currency: 'EUR',
      resolutionMode: 'REFUND_ONLY',
    });

    it('cancels an authorised transaction, keeping its uuid', () => {
      const uuid = seedDebit(sandbox);
      const cancelled = expectSuccess(call(sandbox, 'Transaction/CancelOrRefund', cancelBody(uuid)));
      expect(cancelled).to.include({ uuid, status: 'UNPAID', detailedStatus: 'CANCELLED', operationType: 'DEBIT' });
      expectError(call(sandbox, 'Transaction/CancelOrRefund', cancelBody(uuid)), 'PSP_011');
    });

    it('refuses a partial cancellation (Transaction/Update lowers the amount)', () => {
      expectError(call(sandbox, 'Transaction/CancelOrRefund', cancelBody(seedDebit(sandbox), 1000)), 'PSP_020');
    });

    it('refuses to cancel a captured transaction (PSP_075) and to refund an uncaptured one (PSP_076)', () => {
      expectError(
        call(sandbox, 'Transaction/CancelOrRefund', cancelBody(seedDebit(sandbox, { detailedStatus: 'CAPTURED' }))),
        'PSP_075',
      );
      expectError(call(sandbox, 'Transaction/CancelOrRefund', refundBody(seedDebit(sandbox), 1000)), 'PSP_076');
    });

    it('refunds in parts with new CREDIT transactions up to the captured amount', () => {
      const uuid = seedDebit(sandbox, { detailedStatus: 'CAPTURED' });
      const first = expectSuccess(call(sandbox, 'Transaction/CancelOrRefund', refundBody(uuid, 2000)));
      expect(first.uuid).not.to.equal(uuid);
      expect(first).to.include({ operationType: 'CREDIT', amount: 2000 });
      expect(first.transactionDetails).to.include({ parentTransactionUuid: uuid, sequenceNumber: 2 });
      expectSuccess(call(sandbox, 'Transaction/CancelOrRefund', refundBody(uuid, 2500)));
      expectError(call(sandbox, 'Transaction/CancelOrRefund', refundBody(uuid, 501)), 'PSP_020');
      const debit = expectSuccess(call(sandbox, 'Transaction/Get', { uuid }));
      expect(debit.detailedStatus).to.equal('CAPTURED');
      expect(refundAmountOf(debit)).to.equal(4500);
      expectSuccess(call(sandbox, 'Transaction/CancelOrRefund', refundBody(uuid, 500)));
      const credits = expectSuccess(call(sandbox, 'Order/Get', { orderId: 'ORDER-9', operationType: 'CREDIT' }));
      expect((credits.transactions as Json[]).map((t) => t.amount)).to.deep.equal([2000, 2500, 500]);
    });

    it('validates resolutionMode, amount and currency', () => {
      const uuid = seedDebit(sandbox, { detailedStatus: 'CAPTURED' });
      expectError(
        call(sandbox, 'Transaction/CancelOrRefund', { ...refundBody(uuid, 100), resolutionMode: 'MAYBE' }),
        'INT_902',
      );
      expectError(
        call(sandbox, 'Transaction/CancelOrRefund', { ...refundBody(uuid, 100), amount: undefined }),
        'INT_009',
      );
      expectError(
        call(sandbox, 'Transaction/CancelOrRefund', { ...refundBody(uuid, 100), currency: 'JPY' }),
        'INT_010',
      );
    });

    it('picks cancel or refund from the status when no mode is given', () => {
      const authorised = seedDebit(sandbox);
      const captured = seedDebit(sandbox, { detailedStatus: 'CAPTURED', orderId: 'ORDER-10' });
      const body = (uuid: string) => ({ uuid, amount: 5000, currency: 'EUR' });
      expect(expectSuccess(call(sandbox, 'Transaction/CancelOrRefund', body(authorised))).detailedStatus).to.equal(
        'CANCELLED',
      );
      expect(expectSuccess(call(sandbox, 'Transaction/CancelOrRefund', body(captured))).operationType).to.equal(
        'CREDIT',
      );
    });
  });

  describe('Transaction/Cancel and Transaction/Refund', () => {
    it('cancel a whole authorisation and refund the remainder by default', () => {
      expect(expectSuccess(call(sandbox, 'Transaction/Cancel', { uuid: seedDebit(sandbox) })).detailedStatus).to.equal(
        'CANCELLED',
      );
      const uuid = seedDebit(sandbox, { detailedStatus: 'CAPTURED', refundAmount: 1000 });
      expect(expectSuccess(call(sandbox, 'Transaction/Refund', { uuid })).amount).to.equal(4000);
      expectError(call(sandbox, 'Transaction/Refund', { uuid }), 'PSP_020');
    });
  });

  describe('Order/Get', () => {
    it('refuses a missing orderId (INT_902) and an unknown order (PSP_010)', () => {
      expectError(call(sandbox, 'Order/Get', {}), 'INT_902');
      expectError(call(sandbox, 'Order/Get', { orderId: 'NOPE' }), 'PSP_010');
    });
  });

  describe('state', () => {
    it('snapshots, resets and refuses malformed seeds', () => {
      seedDebit(sandbox);
      expect((sandbox.snapshot() as { transactions: unknown[] }).transactions).to.have.length(1);
      sandbox.reset();
      expect((sandbox.snapshot() as { transactions: unknown[] }).transactions).to.have.length(0);
      expect(() => sandbox.seed([{ orderId: 'A', amount: 0, currency: 'EUR' }], NOW)).to.throw(/amount/);
      expect(() => sandbox.seed([{ orderId: 'A', amount: 1, currency: 'EUR', detailedStatus: 'PAID' }], NOW)).to.throw(
        /detailedStatus/,
      );
      expect(() => sandbox.seed([{ orderId: 'A', amount: 1, currency: 'EUR', uuid: 'xyz' }], NOW)).to.throw(/uuid/);
    });
  });
});
