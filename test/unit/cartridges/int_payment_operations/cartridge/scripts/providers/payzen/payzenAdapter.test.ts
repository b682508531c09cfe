import { expect } from 'chai';
import { payzenAdapter } from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/payzen/payzenAdapter';
import type {
  Operation,
  ProviderAnswer,
} from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/operation';

const INITIAL = 'f183418d08df49f3900bbd74ef837816';
const DEBIT = '7b8179b7845e4576868d624039b754c5';

function operation(fields: Partial<Operation>): Operation {
  return {
    id: 'payzen:shipmentCapture:00001:s1',
    provider: 'payzen',
    type: 'shipmentCapture',
    orderNo: '00001',
    amountMinor: 3500,
    currencyCode: 'EUR',
    paymentReference: INITIAL,
    merchantReference: 'm',
    idempotencyKey: 'k',
    state: 'InFlight',
    attempts: 1,
    providerReference: null,
    ...fields,
  };
}

const answered = (answer: object): ProviderAnswer => ({
  kind: 'answered',
  status: 200,
  text: JSON.stringify({ status: 'SUCCESS', answer }),
});

describe('providers/payzen/payzenAdapter: requests and read-backs', () => {
  describe('shipment transactions', () => {
    it('sends Charge/CreateShipmentTransaction from the initial transaction, with the operation ID in its metadata', () => {
      expect(payzenAdapter.buildRequest(operation({}))).to.deep.equal({
        method: 'POST',
        path: '/Charge/CreateShipmentTransaction',
        body: {
          uuid: INITIAL,
          amount: 3500,
          currency: 'EUR',
          orderId: '00001',
          metadata: { payopsOperationId: 'payzen:shipmentCapture:00001:s1' },
        },
      });
    });

    it('reads an accepted debit without its uuid back, so that it can be given back later', () => {
      const outcome = payzenAdapter.classify(operation({}), answered({ status: 'PAID', amount: 3500 }));
      expect(outcome.outcome).to.equal('unknown');
    });

    const debit = (fields: object) => ({
      uuid: DEBIT,
      amount: 3500,
      status: 'PAID',
      operationType: 'DEBIT',
      metadata: { payopsOperationId: 'payzen:shipmentCapture:00001:s1' },
      transactionDetails: { parentTransactionUuid: INITIAL },
      ...fields,
    });
    it('takes as its own only a debit of this initial transaction carrying its ID', () => {
      const found = payzenAdapter.interpretTruth(operation({}), answered({ transactions: [debit({})] }));
      expect(found).to.deep.include({ applied: true, providerReference: DEBIT });
      const otherSite = payzenAdapter.interpretTruth(
        operation({}),
        answered({ transactions: [debit({ transactionDetails: { parentTransactionUuid: 'f2'.padEnd(32, '0') } })] }),
      );
      expect(otherSite.applied, 'same order number, another site’s initial transaction').to.equal(false);
      const otherOperation = payzenAdapter.interpretTruth(
        operation({}),
        answered({ transactions: [debit({ metadata: { payopsOperationId: 'payzen:shipmentCapture:00001:s2' } })] }),
      );
      expect(otherOperation.applied).to.equal(false);
    });

    it('leaves a debit still RUNNING undecided, and a refused one not applied', () => {
      expect(
        payzenAdapter.interpretTruth(operation({}), answered({ transactions: [debit({ status: 'RUNNING' })] })).applied,
      ).to.equal(null);
      expect(
        payzenAdapter.interpretTruth(operation({}), answered({ transactions: [debit({ status: 'UNPAID' })] })).applied,
      ).to.equal(false);
    });
  });

  describe('refunds, by variant', () => {
    const refund = (variant: string, amountMinor = 1412) =>
      operation({ id: 'payzen:refund:00001:1', type: 'refund', paymentReference: DEBIT, amountMinor, variant });

    it('REFUND_ONLY and CANCELLATION_ONLY go through Transaction/CancelOrRefund; UPDATE lowers the debit', () => {
      expect(payzenAdapter.buildRequest(refund('REFUND_ONLY')).body).to.deep.equal({
        uuid: DEBIT,
        amount: 1412,
        currency: 'EUR',
        resolutionMode: 'REFUND_ONLY',
      });
      expect(payzenAdapter.buildRequest(refund('CANCELLATION_ONLY')).path).to.equal('/Transaction/CancelOrRefund');
      expect(payzenAdapter.buildRequest(refund('UPDATE:1912', 588))).to.deep.equal({
        method: 'POST',
        path: '/Transaction/Update',
        body: { uuid: DEBIT, cardUpdate: { amount: 1912, currency: 'EUR' } },
      });
      expect(() => payzenAdapter.buildRequest(refund('AUTO'))).to.throw(/unknown refund variant AUTO/);
    });

    it('counts as done: a CREDIT for REFUND_ONLY, the debit CANCELLED, the debit at the new amount', () => {
      const credit = answered({ uuid: 'c1', operationType: 'CREDIT', status: 'PAID', amount: 1412 });
      expect(payzenAdapter.classify(refund('REFUND_ONLY'), credit)).to.deep.include({
        outcome: 'success',
        providerReference: 'c1',
      });
      const cancelled = answered({ uuid: DEBIT, status: 'UNPAID', detailedStatus: 'CANCELLED', amount: 1412 });
      expect(payzenAdapter.classify(refund('CANCELLATION_ONLY'), cancelled).outcome).to.equal('success');
      const lowered = answered({ uuid: DEBIT, status: 'PAID', detailedStatus: 'AUTHORISED', amount: 1912 });
      expect(payzenAdapter.classify(refund('UPDATE:1912', 588), lowered).outcome).to.equal('success');
      // SUCCESS, but not what was asked: read back before anything else.
      expect(payzenAdapter.classify(refund('CANCELLATION_ONLY'), lowered).outcome).to.equal('unknown');
    });

    it('reads back: a credit of this debit and amount no other operation claimed; the debit’s state otherwise', () => {
      const credits = answered({
        transactions: [
          { uuid: 'c1', amount: 1412, status: 'PAID', transactionDetails: { parentTransactionUuid: DEBIT } },
          { uuid: 'c2', amount: 1412, status: 'PAID', transactionDetails: { parentTransactionUuid: DEBIT } },
        ],
      });
      expect(payzenAdapter.interpretTruth(refund('REFUND_ONLY'), credits, ['c2'])).to.deep.include({
        applied: true,
        providerReference: 'c1',
      });
      expect(payzenAdapter.interpretTruth(refund('REFUND_ONLY'), credits, ['c1', 'c2']).applied).to.equal(false);
      expect(payzenAdapter.buildTruthRequest(refund('CANCELLATION_ONLY')).path).to.equal('/Transaction/Get');
      const stillAuthorised = answered({ uuid: DEBIT, detailedStatus: 'AUTHORISED', amount: 1412 });
      expect(payzenAdapter.interpretTruth(refund('CANCELLATION_ONLY'), stillAuthorised).applied).to.equal(false);
      expect(payzenAdapter.interpretTruth(refund('UPDATE:1912', 588), answered({ amount: 1912 })).applied).to.equal(
        true,
      );
    });
  });
});
