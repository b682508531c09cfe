import { expect } from 'chai';
import { execute } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/jobs/syncPaymentMethods';
import { readPaymentMethods } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/paymentMethodStore';
import { CustomObjectMgr, defineMetadata, Logger, resetDwMocks, Transaction } from '../../../../../../helpers/dwMocks';
import { almaAnswers, json } from '../providers/alma/almaHarness';

const Status = require('dw/system/Status') as { OK: number; ERROR: number };

const PLAN = { kind: 'general', installments_count: 3, deferred_days: 0, deferred_months: 0, allowed: true };
const DEFERRED = { ...PLAN, installments_count: 1, deferred_days: 15 };

describe('jobs/syncPaymentMethods (custom.PaymentOperations.SyncPaymentMethods)', () => {
  beforeEach(() => {
    resetDwMocks();
    defineMetadata();
  });

  it('stores Alma’s fee plans as its payment methods, outside the calls’ transactions, and ends OK', () => {
    const calls = almaAnswers({ GET: [json([PLAN]), json([DEFERRED])] });
    const status = execute({ Providers: 'alma' });
    expect(status.status).to.equal(Status.OK);
    expect(status.code).to.equal('OK');
    expect(status.message).to.equal('Synchronised: Alma: 2 methods');
    expect(calls.every((c) => c.transactionDepth === 0)).to.equal(true);
    const stored = readPaymentMethods('alma');
    expect(stored.methods).to.deep.equal([PLAN, DEFERRED]);
    expect(stored.syncedAt).to.be.instanceOf(Date);
    const [object] = CustomObjectMgr.__objects('PaymentOperationsMethods');
    expect(object.__key).to.equal('alma');
    expect(object.__values.methodCount).to.equal(2);
    expect(Transaction.__counts.commits).to.equal(1);
    expect(Logger.__messages).to.deep.include({
      level: 'info',
      prefix: 'payops',
      category: 'methods',
      message: 'Alma: 2 payment methods stored',
    });
  });

  it('replaces the previous list on the next sync', () => {
    almaAnswers({ GET: [json([PLAN]), json([DEFERRED])] });
    execute({ Providers: 'alma' });
    almaAnswers({ GET: [json([PLAN]), json([])] });
    execute({ Providers: 'alma' });
    expect(readPaymentMethods('alma').methods).to.deep.equal([PLAN]);
    expect(CustomObjectMgr.__objects('PaymentOperationsMethods')).to.have.length(1);
  });

  it('keeps the previous list and ends in ERROR, naming the provider, when Alma cannot be read', () => {
    almaAnswers({ GET: [json([PLAN]), json([DEFERRED])] });
    execute({ Providers: 'alma' });
    almaAnswers({ GET: [json({ message: 'Invalid API key' }, 401)] });
    const status = execute({ Providers: 'alma' });
    expect(status.status).to.equal(Status.ERROR);
    expect(status.message).to.equal(
      'Alma: Alma fee plans not read: HTTP 401: Invalid API key (the previous list is kept)',
    );
    expect(readPaymentMethods('alma').methods).to.deep.equal([PLAN, DEFERRED]);
  });

  it('ends in ERROR for a provider whose sync is not available, still syncing the others', () => {
    almaAnswers({ GET: [json([PLAN]), json([])] });
    const status = execute({ Providers: 'alma,komoju' });
    expect(status.status).to.equal(Status.ERROR);
    expect(status.message).to.equal(
      'KOMOJU: payment-method sync is not available for this provider in this version | synchronised: Alma: 1 methods',
    );
    expect(readPaymentMethods('alma').methods).to.deep.equal([PLAN]);
  });

  it('ends in ERROR on an unknown provider, before any call', () => {
    const calls = almaAnswers({});
    const status = execute({ Providers: 'paypal' });
    expect(status.status).to.equal(Status.ERROR);
    expect(status.message).to.match(/^Unknown provider "paypal"/);
    expect(calls).to.deep.equal([]);
  });

  it('reads an empty list for a provider never synchronised', () => {
    expect(readPaymentMethods('alma')).to.deep.equal({ methods: [], syncedAt: null });
  });
});
