import { expect } from 'chai';
import { dw, fixtureInstance, fixtureRuntime } from '../../fixtureRuntime';

describe('local runtime: Site, Logger and Status', () => {
  it('reads site preferences typed by metadata and flags undefined ones', () => {
    const rt = fixtureRuntime(
      fixtureInstance({
        sites: [{ id: 'SiteA', currency: 'JPY', preferences: { fixtureEnabled: true, fixtureMode: 'careful' } }],
      }),
    );
    rt.core.enterSite('SiteA');
    const site = dw(rt, 'dw/system/Site').getCurrent();
    expect(site.getID()).to.equal('SiteA');
    expect(site.getDefaultCurrency()).to.equal('JPY');
    expect(site.getCustomPreferenceValue('fixtureEnabled')).to.equal(true);
    expect(site.getCustomPreferenceValue('fixtureMode').value).to.equal('careful');
    expect(site.getCustomPreferenceValue('ALMA_Deferred_Capture_Activation')).to.equal(null);
    expect(rt.core.warnings.map((w) => w.code)).to.include('UNKNOWN_PREFERENCE');
  });

  it('enforces the log prefix rule and formats {0} placeholders', () => {
    const rt = fixtureRuntime();
    const Logger = dw(rt, 'dw/system/Logger');
    expect(() => Logger.getLogger('x', 'c')).to.throw(/invalid file prefix/);
    Logger.getLogger('payops', 'capture').warn('Order {0}: {1}', '0001', 'declined');
    expect(rt.core.logs[0]).to.include({
      prefix: 'payops',
      category: 'capture',
      level: 'warn',
      message: 'Order 0001: declined',
    });
    Logger.getLogger('payops', 'capture').info('{0} orders captured', 1234);
    expect(rt.core.logs[1].message).to.equal('1,234 orders captured');
  });

  it('Status keeps custom codes and formats its message', () => {
    const Status = dw<any>(fixtureRuntime(), 'dw/system/Status');
    const status = new Status(Status.OK, 'PARTIAL', '{0} of {1} captured', 3, 4);
    expect(status).to.include({ status: 0, code: 'PARTIAL', message: '3 of 4 captured', error: false });
    expect(new Status(Status.ERROR).code).to.equal('ERROR');
  });
});
