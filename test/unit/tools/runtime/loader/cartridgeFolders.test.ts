// A developer's own cartridges beside ours (LocalRuntimeOptions.cartridges, CLI --cartridges). On the
// platform every cartridge is a top-level folder of one code version and the site's cartridge path
// orders them; require() follows TopLevel.global#require (platform.md §1.3): `*/` along the path,
// first hit wins; `~/` in the current cartridge; `./` and `../` relative to the module, never above
// the cartridges directory ("Reaching into other cartridges this way is allowed"); a bare name is
// a top-level cartridge folder, then `modules`. Hooks run along the same path (platform.md §11.1).
import { expect } from 'chai';
import path from 'node:path';
import { CartridgeSet, CartridgeSetupError } from '../../../../../tools/runtime/loader/cartridgeFolders';
import { tmpDir, writeTree } from '../../../../helpers/tmp';
import { FIXTURES, fixtureInstance, fixtureRuntime, MERCHANT_FOLDER, SINGLE_CARTRIDGE_FOLDER } from '../fixtureRuntime';

const COMPILED = path.join(FIXTURES, 'cartridges');

function runtimeOn(cartridgePath: string[], cartridges: string[] = [MERCHANT_FOLDER]) {
  const runtime = fixtureRuntime(fixtureInstance({ cartridgePath }), { cartridges });
  runtime.core.enterSite('SiteA');
  return runtime;
}

function thrownBy(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('local runtime: cartridges from several folders', () => {
  describe('finding cartridges', () => {
    it('reads a folder of cartridges (with its modules folder) and a folder that is one cartridge', () => {
      const set = CartridgeSet.discover(COMPILED, [MERCHANT_FOLDER, SINGLE_CARTRIDGE_FOLDER]);
      expect(set.names()).to.deep.equal(['app_fixture', 'app_merchant', 'app_overlay', 'app_single']);
      expect(set.directory('app_merchant')).to.equal(path.join(MERCHANT_FOLDER, 'app_merchant'));
      expect(set.directory('app_single')).to.equal(SINGLE_CARTRIDGE_FOLDER);
      expect(set.moduleFolders).to.deep.equal([path.join(MERCHANT_FOLDER, 'modules')]);
    });

    it('refuses a cartridge name found twice, a missing folder and a folder without cartridges', () => {
      const twice = writeTree(tmpDir(), { 'app_fixture/cartridge/scripts/x.js': '' });
      expect(() => CartridgeSet.discover(COMPILED, [twice]))
        .to.throw(CartridgeSetupError)
        .with.property('message')
        .that.matches(/^Cartridge 'app_fixture' is found twice: in .*fixtures\/cartridges\/app_fixture and in /);
      expect(() => CartridgeSet.discover(COMPILED, [MERCHANT_FOLDER, path.join(MERCHANT_FOLDER, 'app_merchant')]))
        .to.throw(CartridgeSetupError)
        .with.property('message')
        .that.matches(/Cartridge 'app_merchant' is found twice/);
      expect(() => CartridgeSet.discover(COMPILED, [path.join(FIXTURES, 'nowhere')])).to.throw(
        CartridgeSetupError,
        /nowhere does not exist/,
      );
      expect(() => CartridgeSet.discover(COMPILED, [path.join(FIXTURES, 'jobs')])).to.throw(
        CartridgeSetupError,
        /holds no cartridge: a cartridge is a folder with a cartridge\/ subfolder/,
      );
    });

    it('refuses a step type declared in two cartridges, wherever they live', () => {
      const folder = writeTree(tmpDir(), {
        'app_copy/cartridge/scripts/task.js': '',
        'app_copy/steptypes.json': JSON.stringify({
          'step-types': { 'script-module-step': [{ '@type-id': 'custom.Fixture.Task', module: 'app_copy/x.js' }] },
        }),
      });
      const error = thrownBy(() => runtimeOn(['app_fixture'], [folder]));
      expect(error).to.be.an.instanceOf(CartridgeSetupError);
      expect(error.message).to.match(
        /^Step type custom\.Fixture\.Task is declared twice: in .*app_copy\/steptypes\.json and in .*app_fixture\/steptypes\.json$/,
      );
    });
  });

  describe('the cartridge path orders cartridges of every folder', () => {
    it('*/ takes the first cartridge on the path that has the file, in either order', () => {
      expect(runtimeOn(['app_merchant', 'app_fixture']).require('*/cartridge/scripts/lib/greeting')).to.include({
        greeting: 'merchant',
      });
      expect(runtimeOn(['app_fixture', 'app_merchant']).require('*/cartridge/scripts/lib/greeting')).to.include({
        greeting: 'base',
      });
    });

    it('~/, ./, ../ into another folder, bare cartridge names, modules/ and resource bundles resolve by name', () => {
      const lookups = runtimeOn(['app_merchant', 'app_fixture']).require('~/cartridge/scripts/lib/lookups') as {
        seen(): Record<string, string>;
      };
      expect(lookups.seen()).to.deep.equal({
        star: 'merchant',
        tilde: 'merchant',
        relative: 'merchant',
        relativeIntoOtherCartridge: 'base',
        bareCartridgeName: 'base',
        modulesFolder: "merchantTool from the merchant folder's modules",
        resource: 'Hello from app_merchant',
      });
    });

    it('a cartridge given as its own folder reaches the others by relative path and by name', () => {
      const single = runtimeOn(['app_single', 'app_fixture'], [MERCHANT_FOLDER, SINGLE_CARTRIDGE_FOLDER]);
      expect(single.require('~/cartridge/scripts/lib/greeting')).to.include({
        greeting: 'single',
        base: 'base',
        merchant: 'merchant',
      });
    });

    it('relative paths never go above the cartridges folder', () => {
      const lookups = runtimeOn(['app_merchant', 'app_fixture']).require('~/cartridge/scripts/lib/lookups') as {
        leave(): unknown;
      };
      expect(() => lookups.leave()).to.throw(
        "Cannot find module '../../../../../outside' required from app_merchant/cartridge/scripts/lib/lookups.js (relative paths cannot leave the cartridges folder)",
      );
    });

    it('HookMgr reads hooks.json of every folder: the last registration on the path decides, in both orders', () => {
      type HookMgr = { callHook(n: string, f: string, v: string): unknown };
      const merchantFirst = runtimeOn(['app_merchant', 'app_fixture']);
      expect(
        (merchantFirst.require('dw/system/HookMgr') as HookMgr).callHook('fixture.decide', 'decide', 'x'),
      ).to.equal('base:x');
      expect(merchantFirst.core.logs.map((l) => l.message)).to.deep.equal([
        'app_merchant decide x',
        'app_fixture decide x',
      ]);
      const merchantLast = runtimeOn(['app_fixture', 'app_merchant']);
      expect((merchantLast.require('dw/system/HookMgr') as HookMgr).callHook('fixture.decide', 'decide', 'x')).to.equal(
        'merchant:x',
      );
    });

    it('runs a job whose step type and module come from the other folder', () => {
      const runtime = runtimeOn(['app_merchant', 'app_fixture']);
      expect(runtime.stepTypes.get('custom.Merchant.Probe')).to.include({ cartridge: 'app_merchant' });
      const result = runtime.runJob('Fixture-Merchant');
      expect(result.status, result.steps[0].message ?? '').to.equal('OK');
      expect(JSON.parse(result.steps[0].message ?? '{}')).to.include({ star: 'merchant', bareCartridgeName: 'base' });
    });
  });

  // The code version has one modules folder; two folders offering the same module would collide there.
  it('refuses a module found in two modules folders', () => {
    const folder = writeTree(tmpDir(), {
      'app_other/cartridge/scripts/x.js': '',
      'modules/merchantTool.js': "exports.name = 'the other one';",
    });
    const runtime = runtimeOn(['app_merchant', 'app_fixture'], [MERCHANT_FOLDER, folder]);
    expect(() => runtime.require('merchantTool')).to.throw(
      /'modules\/merchantTool' is ambiguous: it is in several modules folders/,
    );
  });

  describe('a cartridge on the path that no folder holds', () => {
    it('stops LocalRuntime with a clear error listing the cartridges it knows', () => {
      const error = thrownBy(() => fixtureRuntime(fixtureInstance({ cartridgePath: ['app_merchant', 'app_fixture'] })));
      expect(error).to.be.an.instanceOf(CartridgeSetupError);
      expect(error.message).to.equal(
        `The cartridge path of the instance file (app_merchant:app_fixture) names 'app_merchant', which is in none of the cartridge folders (${COMPILED}). Known cartridges: app_fixture, app_overlay`,
      );
    });

    it("checks each site's own cartridge path too", () => {
      const instance = fixtureInstance();
      instance.sites[1].cartridgePath = ['app_missing', 'app_other_missing', 'app_fixture'];
      expect(() => fixtureRuntime(instance, { cartridges: [MERCHANT_FOLDER] })).to.throw(
        CartridgeSetupError,
        `The cartridge path of site SiteB (app_missing:app_other_missing:app_fixture) names 'app_missing', 'app_other_missing', which are in none of the cartridge folders (${COMPILED}, ${MERCHANT_FOLDER}). Known cartridges: app_fixture, app_merchant, app_overlay`,
      );
    });
  });

  it('a runtime given only cartridgesRoot works as before', () => {
    const runtime = fixtureRuntime(fixtureInstance({ cartridgePath: ['app_overlay', 'app_fixture'] }));
    runtime.core.enterSite('SiteA');
    expect(runtime.core.cartridges.names()).to.deep.equal(['app_fixture', 'app_overlay']);
    expect(runtime.require('*/cartridge/scripts/lib/greeting')).to.include({ greeting: 'overlay' });
  });
});
