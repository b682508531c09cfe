import { expect } from 'chai';
import { execute } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/jobs/syncPaymentMethods';
import {
  availablePaymentMethods,
  readPaymentMethods,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/paymentMethodStore';
import { CustomObjectMgr, defineMetadata, Logger, resetDwMocks, Transaction } from '../../../../../../helpers/dwMocks';
import { almaAnswers, json } from '../providers/alma/almaHarness';

const Status = require('dw/system/Status') as { OK: number; ERROR: number };

const PLAN = { kind: 'general', installments_count: 3, deferred_days: 0, deferred_months: 0, allowed: true };
const DEFERRED = { ...PLAN, installments_count: 1, deferred_days: 15 };
/** A plan as stored: its key, the merchant's switch, availability and Alma's details. */
const stored = (details: typeof PLAN, extra: Record<string, unknown> = {}) => ({
  key: `general:${details.installments_count}:${details.deferred_days}:0`,
  enabled: true,
  available: true,
  unavailableSince: null,
  details,
  ...extra,
});

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
    const read = readPaymentMethods('alma');
    expect(read.methods).to.deep.equal([stored(PLAN), stored(DEFERRED)]);
    expect(read.syncedAt).to.be.instanceOf(Date);
    const [object] = CustomObjectMgr.__objects('PaymentOperationsMethods');
    expect(object.__key).to.equal('alma');
    expect(object.__values.methodCount).to.equal(2);
    expect(Transaction.__counts.commits).to.equal(1);
    expect(Logger.__messages).to.deep.include({
      level: 'info',
      prefix: 'payops',
      category: 'methods',
      message: 'Alma: 2 methods stored',
    });
  });

  it('keeps the merchant’s switches and fields on the next sync, takes Alma’s new details, and marks a dropped plan unavailable', () => {
    almaAnswers({ GET: [json([PLAN]), json([DEFERRED])] });
    execute({ Providers: 'alma' });
    const [object] = CustomObjectMgr.__objects('PaymentOperationsMethods');
    const edited = [stored(PLAN, { enabled: false, label: 'Pay in 3' }), stored(DEFERRED)];
    Transaction.wrap(() => {
      object.custom.methodsJson = JSON.stringify(edited);
    });
    const FOUR = { ...PLAN, installments_count: 4 };
    almaAnswers({ GET: [json([{ ...PLAN, allowed: false }, FOUR]), json([])] });
    const status = execute({ Providers: 'alma' });
    expect(status.message).to.equal(
      'Synchronised: Alma: 2 methods, 1 new, 1 no longer offered (kept, marked unavailable)',
    );
    const methods = readPaymentMethods('alma').methods;
    expect(methods.map((m) => [m.key, m.enabled, m.available])).to.deep.equal([
      ['general:3:0:0', false, true],
      ['general:1:15:0', true, false],
      ['general:4:0:0', true, true],
    ]);
    expect(methods[0]).to.include({ label: 'Pay in 3' });
    expect(methods[0].details).to.include({ allowed: false });
    expect(methods[1].unavailableSince).to.match(/^\d{4}-\d\d-\d\dT/);
    expect(availablePaymentMethods('alma').map((m) => m.key)).to.deep.equal(['general:4:0:0']);
    expect(CustomObjectMgr.__objects('PaymentOperationsMethods')).to.have.length(1);
  });

  it('reads the list of the version before (plain plans, no key) as plans switched on, and keeps them on the next sync', () => {
    almaAnswers({ GET: [json([PLAN]), json([])] });
    execute({ Providers: 'alma' });
    const [object] = CustomObjectMgr.__objects('PaymentOperationsMethods');
    Transaction.wrap(() => {
      object.custom.methodsJson = JSON.stringify([PLAN, DEFERRED]);
    });
    expect(readPaymentMethods('alma').methods).to.deep.equal([stored(PLAN), stored(DEFERRED)]);
    almaAnswers({ GET: [json([PLAN]), json([DEFERRED])] });
    expect(execute({ Providers: 'alma' }).status).to.equal(Status.OK);
    expect(readPaymentMethods('alma').methods).to.deep.equal([stored(PLAN), stored(DEFERRED)]);
  });

  it('reads a switch typed as text ("false", "off", 0) as off, and refuses one it cannot read or a key given twice', () => {
    almaAnswers({ GET: [json([PLAN]), json([DEFERRED])] });
    execute({ Providers: 'alma' });
    const [object] = CustomObjectMgr.__objects('PaymentOperationsMethods');
    const edit = (methods: unknown[]) =>
      Transaction.wrap(() => {
        object.custom.methodsJson = JSON.stringify(methods);
      });
    edit([stored(PLAN, { enabled: 'false' }), stored(DEFERRED, { enabled: 0 })]);
    almaAnswers({ GET: [json([PLAN]), json([DEFERRED])] });
    expect(execute({ Providers: 'alma' }).status).to.equal(Status.OK);
    expect(readPaymentMethods('alma').methods.map((m) => m.enabled)).to.deep.equal([false, false]);
    expect(availablePaymentMethods('alma')).to.deep.equal([]);

    edit([stored(PLAN, { enabled: 'maybe' })]);
    almaAnswers({ GET: [json([PLAN]), json([])] });
    expect(execute({ Providers: 'alma' }).message).to.match(
      /has "enabled": "maybe" for general:3:0:0 \(true or false\)/,
    );
    edit([stored(PLAN), stored(PLAN)]);
    almaAnswers({ GET: [json([PLAN]), json([])] });
    expect(execute({ Providers: 'alma' }).message).to.match(/has the key general:3:0:0 twice/);
  });

  it('never overwrites a stored list it cannot read (a broken edit): ERROR, and the text stays as it is', () => {
    almaAnswers({ GET: [json([PLAN]), json([])] });
    execute({ Providers: 'alma' });
    const [object] = CustomObjectMgr.__objects('PaymentOperationsMethods');
    Transaction.wrap(() => {
      object.custom.methodsJson = '[{"key": "general:3:0:0", "enabled": fals';
    });
    almaAnswers({ GET: [json([PLAN]), json([])] });
    const status = execute({ Providers: 'alma' });
    expect(status.status).to.equal(Status.ERROR);
    expect(status.message).to.match(
      /^Alma: the stored list \(PaymentOperationsMethods alma, methodsJson\) is not JSON/,
    );
    expect(object.custom.methodsJson).to.equal('[{"key": "general:3:0:0", "enabled": fals');
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
    expect(readPaymentMethods('alma').methods).to.deep.equal([stored(PLAN), stored(DEFERRED)]);
  });

  it('ends in ERROR for a provider whose sync is not available, still syncing the others', () => {
    almaAnswers({ GET: [json([PLAN]), json([])] });
    const status = execute({ Providers: 'alma,payzen' });
    expect(status.status).to.equal(Status.ERROR);
    expect(status.message).to.equal(
      'PayZen/Lyra: payment-method sync is not available for this provider in this version | synchronised: Alma: 1 methods',
    );
    expect(readPaymentMethods('alma').methods).to.deep.equal([stored(PLAN)]);
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
