// What a run costs the database. On the platform every commit is a database round trip, and each
// object a transaction writes is a row written (platform.md §7.5: "do not open huge numbers of tiny
// transactions in a loop"; §8 and §11.2: custom objects count against an enforced quota). The
// runtime counts commits, rollbacks and, per committed transaction, the distinct custom objects it
// created, changed or removed; what was rolled back never reached the database and is not counted.
import { expect } from 'chai';
import { runReport } from '../../../../../tools/runtime/runReport';
import { dw, fixtureInstance, fixtureRuntime } from '../fixtureRuntime';

function journalRuntime() {
  const runtime = fixtureRuntime(
    fixtureInstance({
      customObjects: [{ type: 'FixtureSettings', key: 'mode', custom: { value: 'fast' } }],
      sites: [{ id: 'SiteA', orders: [{ orderNo: 'A1' }], customObjects: [{ type: 'FixtureJournal', key: 'op-1' }] }],
    }),
  );
  runtime.core.enterSite('SiteA');
  return {
    runtime,
    transactions: runtime.core.transactions,
    Mgr: dw(runtime, 'dw/object/CustomObjectMgr'),
    Transaction: dw(runtime, 'dw/system/Transaction'),
  };
}

describe('local runtime: counters of what a run costs', () => {
  it('counts each custom object once per committed transaction, however often it was written', () => {
    const { transactions, Mgr, Transaction } = journalRuntime();
    Transaction.wrap(() => {
      const created = Mgr.createCustomObject('FixtureJournal', 'op-2');
      created.custom.state = 'planned';
      created.custom.orderNo = 'A1';
      const existing = Mgr.getCustomObject('FixtureJournal', 'op-1');
      existing.custom.state = 'planned';
      existing.custom.state = 'succeeded';
    });
    expect(transactions).to.include({ commits: 1, rollbacks: 0, customObjectWrites: 2 });
    Transaction.wrap(() => (Mgr.getCustomObject('FixtureJournal', 'op-1').custom.orderNo = 'A1'));
    expect(transactions).to.include({ commits: 2, customObjectWrites: 3 });
  });

  it('counts removals, objects of every scope, and only at the outermost commit', () => {
    const { transactions, Mgr, Transaction } = journalRuntime();
    Transaction.begin();
    Transaction.wrap(() => Mgr.remove(Mgr.getCustomObject('FixtureJournal', 'op-1')));
    expect(transactions).to.include({ commits: 0, customObjectWrites: 0 });
    Mgr.getCustomObject('FixtureSettings', 'mode').custom.value = 'careful';
    Transaction.commit();
    expect(transactions).to.include({ commits: 1, customObjectWrites: 2 });
  });

  it('does not count what was rolled back, nor order writes', () => {
    const { runtime, transactions, Mgr, Transaction } = journalRuntime();
    expect(() =>
      Transaction.wrap(() => {
        Mgr.createCustomObject('FixtureJournal', 'op-2');
        throw new Error('rolled back');
      }),
    ).to.throw('rolled back');
    Transaction.begin();
    Mgr.getCustomObject('FixtureJournal', 'op-1').custom.state = 'planned';
    Transaction.rollback();
    Transaction.wrap(() => (dw(runtime, 'dw/order/OrderMgr').getOrder('A1').custom.fixtureReason = 'x'));
    expect(transactions).to.include({ commits: 1, rollbacks: 2, customObjectWrites: 0 });
  });

  it('counts the transaction a job step left open, committed when the step ends', () => {
    const { transactions, Mgr, Transaction } = journalRuntime();
    Transaction.begin();
    Mgr.createCustomObject('FixtureJournal', 'op-2');
    expect(transactions.finishStep(false)).to.equal('committed');
    expect(transactions).to.include({ commits: 1, customObjectWrites: 1 });
  });

  it('the run report carries the counters and the number of custom objects that exist', () => {
    const { runtime, Mgr, Transaction } = journalRuntime();
    expect(runtime.core.customObjectCount()).to.equal(2);
    Transaction.wrap(() => {
      Mgr.createCustomObject('FixtureJournal', 'op-2');
      Mgr.createCustomObject('FixtureJournal', 'op-3');
    });
    const report = runReport(runtime.core, []);
    expect(report.transactions).to.deep.equal({ commits: 1, rollbacks: 0, customObjectWrites: 2 });
    expect(report.customObjects).to.deep.equal({ count: 4 });
  });
});
