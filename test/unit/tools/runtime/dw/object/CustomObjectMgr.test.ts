import { expect } from 'chai';
import type { PlatformError } from '../../../../../../tools/runtime/state/transactions';
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

  // platform.md §8 and §11.2: object quotas are per instance and enforced (an exception); the figure
  // cited for all custom objects together is 400,000.
  describe('custom-object quota (platform.customObjectQuota)', () => {
    /** One organization object and one journal object in each site: 3 objects in all. */
    function runtimeWithQuota(customObjectQuota?: number) {
      const rt = fixtureRuntime(
        fixtureInstance({
          ...(customObjectQuota === undefined ? {} : { platform: { customObjectQuota } }),
          customObjects: [{ type: 'FixtureSettings', key: 'mode', custom: { value: 'fast' } }],
          sites: [
            { id: 'SiteA', customObjects: [{ type: 'FixtureJournal', key: 'a-1' }] },
            { id: 'SiteB', customObjects: [{ type: 'FixtureJournal', key: 'b-1' }] },
          ],
        }),
      );
      rt.core.enterSite('SiteA');
      return rt;
    }

    it('defaults to 400000', () => {
      expect(runtimeWithQuota().core.state.platform.customObjectQuota).to.equal(400000);
    });

    it('counts every type in every site and the organization, and refuses one more with QuotaExceededException', () => {
      const rt = runtimeWithQuota(3);
      const Mgr = dw(rt, 'dw/object/CustomObjectMgr');
      const Transaction = dw(rt, 'dw/system/Transaction');
      expect(rt.core.customObjectCount()).to.equal(3);
      let error: PlatformError | undefined;
      try {
        Transaction.wrap(() => Mgr.createCustomObject('FixtureJournal', 'a-2'));
      } catch (e) {
        error = e as PlatformError;
      }
      expect(error?.javaName).to.equal('QuotaExceededException');
      expect(error?.message).to.equal(
        "Quota object.CustomObjectPO (enforced, limit 3): limit exceeded, actual would be 4 (all custom object types, sites and the organization); createCustomObject(FixtureJournal, 'a-2') refused",
      );
      expect(Mgr.getCustomObject('FixtureJournal', 'a-2')).to.equal(null);
      expect(rt.core.customObjectCount()).to.equal(3);
    });

    // platform.md §7.5: after an exception inside a transaction, it can only be rolled back.
    it('leaves the open transaction rollback-only, so its earlier writes are lost', () => {
      const rt = runtimeWithQuota(3);
      const Mgr = dw(rt, 'dw/object/CustomObjectMgr');
      const Transaction = dw(rt, 'dw/system/Transaction');
      Transaction.begin();
      Mgr.getCustomObject('FixtureJournal', 'a-1').custom.orderNo = 'A1';
      expect(() => Mgr.createCustomObject('FixtureJournal', 'a-2')).to.throw(/limit exceeded/);
      expect(() => Transaction.commit()).to.throw(/rollback-only/);
      expect(Mgr.getCustomObject('FixtureJournal', 'a-1').custom.orderNo).to.equal(null);
    });

    it('frees room when objects are removed, in any site or scope', () => {
      const rt = runtimeWithQuota(3);
      const Mgr = dw(rt, 'dw/object/CustomObjectMgr');
      const Transaction = dw(rt, 'dw/system/Transaction');
      rt.core.enterSite('SiteB');
      Transaction.wrap(() => Mgr.remove(Mgr.getCustomObject('FixtureJournal', 'b-1')));
      rt.core.enterSite('SiteA');
      expect(rt.core.customObjectCount()).to.equal(2);
      Transaction.wrap(() => Mgr.createCustomObject('FixtureJournal', 'a-2'));
      expect(rt.core.customObjectCount()).to.equal(3);
      expect(() => Transaction.wrap(() => Mgr.createCustomObject('FixtureSettings', 'other'))).to.throw(
        /limit exceeded/,
      );
    });

    it('a rolled-back creation gives its room back', () => {
      const rt = runtimeWithQuota(4);
      const Mgr = dw(rt, 'dw/object/CustomObjectMgr');
      const Transaction = dw(rt, 'dw/system/Transaction');
      Transaction.begin();
      Mgr.createCustomObject('FixtureJournal', 'a-2');
      expect(() => Mgr.createCustomObject('FixtureJournal', 'a-3')).to.throw(/limit 4/);
      Transaction.rollback();
      Transaction.wrap(() => Mgr.createCustomObject('FixtureJournal', 'a-3'));
      expect(rt.core.customObjectCount()).to.equal(4);
    });

    it('0 means no limit', () => {
      const rt = runtimeWithQuota(0);
      const Mgr = dw(rt, 'dw/object/CustomObjectMgr');
      const Transaction = dw(rt, 'dw/system/Transaction');
      Transaction.wrap(() => {
        for (let i = 2; i <= 10; i += 1) Mgr.createCustomObject('FixtureJournal', `a-${i}`);
      });
      expect(rt.core.customObjectCount()).to.equal(12);
    });
  });
});
