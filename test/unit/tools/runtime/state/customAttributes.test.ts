// platform.md §11.3: "`string` attributes hold at most 4,000 characters; `text` has no such limit".
import { expect } from 'chai';
import { InstanceFileError, readInstance } from '../../../../../tools/runtime/instance/loadInstance';
import type { PlatformError } from '../../../../../tools/runtime/state/transactions';
import { dw, fixtureInstance, fixtureMetadata, fixtureRuntime, order } from '../fixtureRuntime';

const LIMIT = 4000;

function siteARuntime() {
  const runtime = fixtureRuntime(
    fixtureInstance({
      sites: [{ id: 'SiteA', orders: [order('A1')], customObjects: [{ type: 'FixtureJournal', key: 'op-1' }] }],
    }),
  );
  runtime.core.enterSite('SiteA');
  return runtime;
}

function thrownBy(fn: () => unknown): PlatformError {
  try {
    fn();
  } catch (error) {
    return error as PlatformError;
  }
  throw new Error('expected an error');
}

describe('local runtime: string attributes hold at most 4,000 characters', () => {
  it('stores 4,000 characters in a string attribute and refuses 4,001, naming the attribute, length and limit', () => {
    const runtime = siteARuntime();
    const Transaction = dw(runtime, 'dw/system/Transaction');
    const a1 = dw(runtime, 'dw/order/OrderMgr').getOrder('A1');
    Transaction.wrap(() => (a1.custom.fixtureReason = 'x'.repeat(LIMIT)));
    expect(a1.custom.fixtureReason).to.have.length(LIMIT);
    const error = thrownBy(() => Transaction.wrap(() => (a1.custom.fixtureReason = 'y'.repeat(LIMIT + 1))));
    expect(error.javaName).to.equal('ScriptingException');
    expect(error.message).to.equal(
      "Order A1: custom attribute 'fixtureReason' is a string attribute of at most 4000 characters; the value has 4001",
    );
    expect(a1.custom.fixtureReason).to.equal('x'.repeat(LIMIT));
  });

  it('counts UTF-16 code units, as JavaScript length does (a character outside the BMP counts twice)', () => {
    const runtime = siteARuntime();
    const Transaction = dw(runtime, 'dw/system/Transaction');
    const a1 = dw(runtime, 'dw/order/OrderMgr').getOrder('A1');
    Transaction.wrap(() => (a1.custom.fixtureReason = '😀'.repeat(LIMIT / 2)));
    expect(() => Transaction.wrap(() => (a1.custom.fixtureReason = '😀'.repeat(LIMIT / 2) + 'a'))).to.throw(
      /the value has 4001/,
    );
  });

  // platform.md §7.5: after an exception inside a transaction, it can only be rolled back.
  it('leaves the open transaction rollback-only, like any invalid write', () => {
    const runtime = siteARuntime();
    const Transaction = dw(runtime, 'dw/system/Transaction');
    const a1 = dw(runtime, 'dw/order/OrderMgr').getOrder('A1');
    Transaction.begin();
    a1.custom.fixtureAttempts = 1;
    expect(() => (a1.custom.fixtureReason = 'y'.repeat(LIMIT + 1))).to.throw(/at most 4000 characters/);
    expect(() => Transaction.commit()).to.throw(/rollback-only/);
    expect(a1.custom.fixtureAttempts).to.equal(null);
  });

  it('puts no such limit on text attributes', () => {
    const runtime = siteARuntime();
    const Transaction = dw(runtime, 'dw/system/Transaction');
    const a1 = dw(runtime, 'dw/order/OrderMgr').getOrder('A1');
    Transaction.wrap(() => (a1.custom.fixtureNotes = 'n'.repeat(100_000)));
    expect(a1.custom.fixtureNotes).to.have.length(100_000);
  });

  it('applies to custom objects too', () => {
    const runtime = siteARuntime();
    const Transaction = dw(runtime, 'dw/system/Transaction');
    const journal = dw(runtime, 'dw/object/CustomObjectMgr').getCustomObject('FixtureJournal', 'op-1');
    expect(() => Transaction.wrap(() => (journal.custom.orderNo = '1'.repeat(LIMIT + 1)))).to.throw(
      "Custom object FixtureJournal 'op-1': custom attribute 'orderNo' is a string attribute of at most 4000 characters; the value has 4001",
    );
    expect(journal.custom.orderNo).to.equal(null);
  });

  it('the instance loader refuses a longer string value, and accepts a long text value', () => {
    const instance = fixtureInstance({
      sites: [
        {
          id: 'SiteA',
          orders: [order('A1', 'NEW', { fixtureReason: 'r'.repeat(LIMIT + 1), fixtureNotes: 'n'.repeat(50_000) })],
          customObjects: [{ type: 'FixtureJournal', key: 'op-1', custom: { orderNo: 'o'.repeat(LIMIT + 2) } }],
        },
      ],
    });
    const problems = (() => {
      try {
        readInstance(instance, fixtureMetadata);
      } catch (error) {
        if (error instanceof InstanceFileError) return error.problems.map((p) => `${p.path}: ${p.message}`);
        throw error;
      }
      return [];
    })();
    expect(problems).to.deep.equal([
      '/sites/0/orders/0/custom/fixtureReason: Order.fixtureReason is a string attribute of at most 4000 characters; the value has 4001',
      '/sites/0/customObjects/0/custom/orderNo: FixtureJournal.orderNo is a string attribute of at most 4000 characters; the value has 4002',
    ]);
  });
});
