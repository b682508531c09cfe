import { expect } from 'chai';
import { dw, fixtureInstance, fixtureRuntime } from '../../fixtureRuntime';

describe('local runtime: custom objects', () => {
  function runtime() {
    const rt = fixtureRuntime(
      fixtureInstance({
        customObjects: [{ type: 'FixtureSettings', key: 'mode', custom: { value: 'fast' } }],
        sites: [
          {
            id: 'SiteA',
            customObjects: [{ type: 'FixtureJournal', key: 'op-1', custom: { state: 'planned', orderNo: 'A1' } }],
          },
          { id: 'SiteB' },
        ],
      }),
    );
    rt.core.enterSite('SiteA');
    return rt;
  }

  it('creates objects with unique keys per site, inside a transaction', () => {
    const rt = runtime();
    const Mgr = dw(rt, 'dw/object/CustomObjectMgr');
    const Transaction = dw(rt, 'dw/system/Transaction');
    expect(() => Mgr.createCustomObject('FixtureJournal', 'op-2')).to.throw(/outside of a transaction/);
    const created = Transaction.wrap(() => {
      const object = Mgr.createCustomObject('FixtureJournal', 'op-2');
      object.custom.state = 'succeeded';
      return object;
    });
    expect(created.custom.operationId).to.equal('op-2');
    expect(created.custom.state.value).to.equal('succeeded');
    expect(() => Transaction.wrap(() => Mgr.createCustomObject('FixtureJournal', 'op-1'))).to.throw(/already exists/);
    rt.core.enterSite('SiteB');
    expect(Mgr.getCustomObject('FixtureJournal', 'op-1')).to.equal(null);
    expect(Mgr.getCustomObject('FixtureSettings', 'mode').custom.value).to.equal('fast');
  });

  it('queries and removes, and a rolled-back create leaves nothing', () => {
    const rt = runtime();
    const Mgr = dw(rt, 'dw/object/CustomObjectMgr');
    const Transaction = dw(rt, 'dw/system/Transaction');
    Transaction.wrap(() => (Mgr.createCustomObject('FixtureJournal', 'op-3').custom.state = 'planned'));
    const found = Mgr.queryCustomObjects('FixtureJournal', 'custom.state = {0}', 'custom.operationId desc', 'planned');
    expect(found.getCount()).to.equal(2);
    expect(found.next().custom.operationId).to.equal('op-3');
    found.close();
    expect(() =>
      Transaction.wrap(() => {
        Mgr.createCustomObject('FixtureJournal', 'op-4');
        throw new Error('no');
      }),
    ).to.throw('no');
    expect(Mgr.getCustomObject('FixtureJournal', 'op-4')).to.equal(null);
    Transaction.wrap(() => Mgr.remove(Mgr.getCustomObject('FixtureJournal', 'op-1')));
    expect(Mgr.getCustomObject('FixtureJournal', 'op-1')).to.equal(null);
    expect(() => Mgr.queryCustomObjects('FixtureJournal', 'custom.nope = 1', null)).to.throw(/nope/);
  });

  it("refuses to change an object's key", () => {
    const rt = runtime();
    const Mgr = dw(rt, 'dw/object/CustomObjectMgr');
    const Transaction = dw(rt, 'dw/system/Transaction');
    const object = Mgr.getCustomObject('FixtureJournal', 'op-1');
    expect(() => Transaction.wrap(() => (object.custom.operationId = 'op-9'))).to.throw(/key and cannot be changed/);
    expect(Mgr.getCustomObject('FixtureJournal', 'op-1').custom.operationId).to.equal('op-1');
  });
});
