import { expect } from 'chai';
import { fixtureInstance, fixtureRuntime } from '../fixtureRuntime';

function probe(cartridgePath: string[]): Record<string, unknown> {
  const runtime = fixtureRuntime(fixtureInstance({ cartridgePath }));
  const result = runtime.runJob('Fixture-Probe');
  expect(result.status, result.steps[0].message ?? '').to.equal('OK');
  return JSON.parse(result.steps[0].message ?? '{}') as Record<string, unknown>;
}

describe('local runtime: cartridge loader and hooks', () => {
  it('hides Node globals from cartridge code and provides the platform globals empty() and dw', () => {
    const seen = probe(['app_fixture']);
    expect(seen).to.include({ process: 'undefined', setTimeout: 'undefined', Buffer: 'undefined', empty: true });
    expect(seen).to.include({ globalDw: true });
  });

  it('resolves */ along the cartridge path (first wins) and ~/ in the current cartridge', () => {
    expect(probe(['app_fixture'])).to.include({ greeting: 'base', base: 'base' });
    expect(probe(['app_overlay', 'app_fixture'])).to.include({ greeting: 'overlay', base: 'base' });
  });

  it('calls hooks in cartridge-path order; the first registration returning a value wins', () => {
    expect(probe(['app_fixture'])).to.include({ hook: 'base:x', hasHook: true, noHook: false });
    expect(probe(['app_overlay', 'app_fixture'])).to.include({ hook: 'overlay:x' });
    const runtime = fixtureRuntime(fixtureInstance({ cartridgePath: ['app_overlay', 'app_fixture'] }));
    runtime.core.enterSite('SiteA');
    const HookMgr = runtime.require('dw/system/HookMgr') as { callHook(n: string, f: string, v: string): unknown };
    expect(HookMgr.callHook('fixture.decide', 'decide', 'skip')).to.equal('base:skip');
  });

  it('names a dw module the runtime does not emulate instead of returning undefined', () => {
    const runtime = fixtureRuntime();
    runtime.core.enterSite('SiteA');
    expect(() => runtime.require('dw/catalog/ProductMgr')).to.throw(/dw\/catalog\/ProductMgr is not emulated/);
    expect(() => runtime.require('./../../../outside')).to.throw(/cannot leave the cartridges folder/);
  });
});
