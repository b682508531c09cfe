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

  // Platform rule (platform.md §11.1; SFRA guide, "SFRA Hooks"): "If you call multiple modules, only the
  // last hook returns a value. All modules are called, regardless of whether any of them return a value."
  describe('HookMgr: every registration is called, the last one decides', () => {
    type HookMgr = { callHook(n: string, f: string, v: string): unknown; hasHook(n: string): boolean };
    function hooksOn(cartridgePath: string[]) {
      const runtime = fixtureRuntime(fixtureInstance({ cartridgePath }));
      runtime.core.enterSite('SiteA');
      const hookMgr = runtime.require('dw/system/HookMgr') as HookMgr;
      const calls = () => runtime.core.logs.filter((l) => l.category === 'hooks').map((l) => l.message);
      return { hookMgr, calls };
    }

    it('returns the value of the last cartridge on the path that registers the extension point', () => {
      expect(probe(['app_fixture'])).to.include({ hook: 'base:x', hasHook: true, noHook: false });
      expect(probe(['app_overlay', 'app_fixture'])).to.include({ hook: 'base:x' });
      expect(probe(['app_fixture', 'app_overlay'])).to.include({ hook: 'overlay:x' });
    });

    it('calls every registration left to right, including those whose answer is thrown away', () => {
      const { hookMgr, calls } = hooksOn(['app_overlay', 'app_fixture']);
      expect(hookMgr.callHook('fixture.decide', 'decide', 'x')).to.equal('base:x');
      expect(calls()).to.deep.equal(['app_overlay decide x', 'app_fixture decide x']);
    });

    it('returns undefined when the last registration returns nothing, throwing the earlier answer away', () => {
      const { hookMgr, calls } = hooksOn(['app_fixture', 'app_overlay']);
      expect(hookMgr.callHook('fixture.decide', 'decide', 'skip')).to.equal(undefined);
      expect(calls()).to.deep.equal(['app_fixture decide skip', 'app_overlay decide skip']);
    });

    // Our choice (the platform does not document it): a registration whose script lacks the function
    // is skipped: it neither runs nor decides, even when its cartridge comes last on the path.
    it('skips a registration whose script does not export the function', () => {
      // app_overlay registers decide.js, then other.js (no decide()): decide.js answers.
      expect(hooksOn(['app_fixture', 'app_overlay']).hookMgr.callHook('fixture.decide', 'decide', 'y')).to.equal(
        'overlay:y',
      );
      // Only other.js exports somethingElse(): app_fixture, last on the path, is skipped.
      expect(hooksOn(['app_overlay', 'app_fixture']).hookMgr.callHook('fixture.decide', 'somethingElse', 'y')).to.equal(
        'other.js',
      );
    });

    // Script API, HookMgr.hasHook: "Checks whether a hook is registered".
    it('hasHook is true when any cartridge on the path registers the name', () => {
      expect(hooksOn(['app_overlay']).hookMgr.hasHook('fixture.decide')).to.equal(true);
      expect(hooksOn(['app_overlay', 'app_fixture']).hookMgr.hasHook('fixture.none')).to.equal(false);
    });
  });

  it('names a dw module the runtime does not emulate instead of returning undefined', () => {
    const runtime = fixtureRuntime();
    runtime.core.enterSite('SiteA');
    expect(() => runtime.require('dw/catalog/ProductMgr')).to.throw(/dw\/catalog\/ProductMgr is not emulated/);
    expect(() => runtime.require('./../../../outside')).to.throw(/cannot leave the cartridges folder/);
  });
});
