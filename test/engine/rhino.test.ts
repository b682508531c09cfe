/**
 * Engine check: the compiled cartridge loads and runs in Mozilla Rhino through a loader that
 * follows SFCC's require rules. Needs the Debian package rhino (.ci/run installs it). Outside CI
 * a missing rhino skips these tests with a loud notice; with CI=true it fails.
 */
import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { listJsFiles } from '../../tools/build/shippedCode';
import { CARTRIDGE_NAME, PATHS } from '../../tools/build/paths';
import { ensureBuilt } from '../helpers/built';
import { rhinoCommand, runInRhino, type ModuleReport } from './rhinoRunner';

const MOCKS = path.join(__dirname, '..', 'mocks');

function requireRhino(context: Mocha.Context): void {
  if (rhinoCommand()) return;
  if (process.env.CI === 'true')
    throw new Error('CI=true but rhino is not installed: .ci/run must apt-get install rhino');
  console.warn('\n  !!! ENGINE CHECK SKIPPED: rhino is not installed (apt-get install -y rhino). CI runs it. !!!\n');
  context.skip();
}

function calls(report: ModuleReport): { [fn: string]: unknown } {
  return Object.fromEntries(report.calls.map((c) => [c.fn, c.result]));
}

describe('engine: the compiled cartridge in Mozilla Rhino', function () {
  this.timeout(120000);
  let reports: ModuleReport[] = [];
  const byModule = (name: string): ModuleReport => reports.find((r) => r.module.endsWith(name))!;

  before(function () {
    requireRhino(this);
    ensureBuilt();
    const cartridgeDir = path.join(PATHS.distCartridges, CARTRIDGE_NAME);
    const modules = listJsFiles(path.join(cartridgeDir, 'cartridge')).map(
      (f) => `${CARTRIDGE_NAME}/${path.relative(cartridgeDir, f).replace(/\.js$/, '').split(path.sep).join('/')}`,
    );
    reports = runInRhino({
      cartridgesRoot: PATHS.distCartridges,
      cartridgePath: [CARTRIDGE_NAME],
      dwRoot: MOCKS,
      scenarios: path.join(__dirname, 'rhino', 'scenarios.js'),
      modules,
    });
  });

  it('loads every shipped module (runs its top level) without error', () => {
    expect(reports.length).to.be.greaterThan(3);
    for (const report of reports) expect(report.error, report.module).to.equal(null);
    expect(reports.every((r) => r.loaded)).to.equal(true);
  });

  it('calls at least one exported function of every module that exports functions', () => {
    for (const report of reports.filter((r) => r.functions.length)) {
      expect(
        report.calls.length,
        `${report.module} needs a scenario in test/engine/rhino/scenarios.js`,
      ).to.be.greaterThan(0);
    }
  });

  it('finds in Rhino the functions steptypes.json names', () => {
    const steptypes = JSON.parse(
      fs.readFileSync(path.join(PATHS.distCartridges, CARTRIDGE_NAME, 'steptypes.json'), 'utf8'),
    );
    for (const step of steptypes['step-types']['script-module-step'] as Array<{ module: string; function?: string }>) {
      const report = reports.find((r) => `${r.module}.js` === step.module);
      expect(report, step.module).to.not.equal(undefined);
      expect(report!.functions).to.include(step.function ?? 'execute');
    }
  });

  it('runs the CheckConfiguration job step: OK on a complete instance, a provider without a key skipped, ERROR when none is configured, on a missing user or a bad parameter', () => {
    const results = calls(byModule('jobs/checkConfiguration'));
    expect(results['execute(all)']).to.deep.equal({
      status: 0,
      code: 'OK',
      message: 'Site RefArch: configuration complete for Alma, Monext, KOMOJU, PayZen/Lyra',
    });
    // Since fce4528 a credential without a key means "not configured, skipped", and ERROR only when none is configured.
    expect(results['execute(komoju without key)']).to.deep.equal({
      status: 1,
      code: 'ERROR',
      message:
        'Site RefArch: no provider is configured: set the API key in the password field of the credential of the ' +
        'services you use (paymentoperations.komoju); not configured, skipped: KOMOJU',
    });
    expect(results['execute(alma, komoju without key)']).to.deep.equal({
      status: 0,
      code: 'OK',
      message: 'Site RefArch: configuration complete for Alma; not configured, skipped: KOMOJU',
    });
    expect(results['execute(monext without user)']).to.deep.equal({
      status: 1,
      code: 'ERROR',
      message:
        'Site RefArch: 1 error(s), 0 warning(s): Monext (error): Credential m: set the user field to the Monext merchant ID.',
    });
    expect((results['execute(unknown provider)'] as { message: string }).message).to.equal(
      'Parameter Providers: Unknown provider "paypal"; expected one or more of: alma, monext, komoju, payzen',
    );
  });

  it('keeps an emoji whole or drops it whole at every cut, and this Rhino would catch half of one', () => {
    const report = byModule('core/text');
    expect(report.error, 'the scenario checks every cut with same(); see its error').to.equal(null);
    const results = calls(report);
    // Facts of the engine: half an emoji makes encodeURIComponent throw, and JSON.stringify does not escape it.
    const facts = results['Rhino facts'] as { [fact: string]: string };
    expect(facts['encodeURIComponent(\\ud83d)']).to.match(/^URIError/);
    expect(facts['encodeURIComponent(\\udcb4)']).to.match(/^URIError/);
    expect(facts['JSON.stringify(\\ud83d)']).to.equal('left unescaped');
    expect(facts['the cut before the fix (substring(0, 1000) + …)']).to.match(/^URIError/);
    // A provider answer of 999 ASCII characters and an emoji, as an interaction excerpt of 1,000 characters.
    const fate = (map: unknown) =>
      Object.fromEntries(Object.entries(map as { [k: string]: { emoji: string } }).map(([k, v]) => [k, v.emoji]));
    const expected = {
      '999 ASCII + emoji': 'kept',
      '999 ASCII + emoji + "}': 'dropped',
      '998 ASCII + emoji + "}': 'kept',
      '1000 ASCII + emoji': 'dropped',
    };
    expect(fate(results.excerpt)).to.deep.equal(expected);
    for (const excerpt of Object.values(results.excerpt as { [k: string]: { length: number } }))
      expect(excerpt.length).to.be.at.most(1001);
    // Stored through the journal in the order's payment history: the same fate, within the bounds.
    expect(fate(results['stored in the history'])).to.deep.equal(expected);
    expect((results.bounded as { bytes: number }).bytes).to.be.at.most(9000);
    // Alma's non-JSON error body is quoted up to 200 characters: an emoji across the cut goes whole
    // (199 ASCII, the emoji, more text), never half of it as U+FFFD.
    expect(results['almaError detail at 200 characters']).to.deep.equal({ emoji: 'dropped', safe: true });
    // A reason ending with emojis at the 4,000-character limit.
    expect(results['cutText at 4,000']).to.deep.equal({
      '3997 ASCII + emojis': { length: 4000, emojis: 1 },
      '3998 ASCII + emojis': { length: 3999, emojis: 0 },
    });
    const vetoed = results.vetoed as {
      [offset: string]: { result: number; refundState: string; refundReason: number };
    };
    expect([vetoed['offset 0'].result, vetoed['offset 1'].result].sort()).to.deep.equal([3999, 4000]);
    for (const outcome of Object.values(vetoed)) {
      expect(outcome.refundState).to.equal('Failed');
      expect(outcome.refundReason).to.be.at.most(1000);
    }
  });

  it('reads the texts written on orders from the payops bundles: English, French (fr_FR) and Japanese', () => {
    const results = calls(byModule('core/messages'));
    expect(results['message(en)']).to.deep.equal([
      'Unknown currency "XYZ"',
      'Capture Status is empty, not ToCapture',
      'Capture not possible: no payment ID.',
      'Amount 12345678.125 is too large',
    ]);
    expect(results['message(fr_FR)']).to.deep.equal([
      'Devise inconnue « XYZ »',
      'le Statut de capture est vide, pas ToCapture',
      'Capture impossible : no payment ID.',
      'Le montant 12345678.125 est trop grand',
    ]);
    expect(results['message(ja_JP)']).to.equal('空');
    expect(calls(byModule('jobs/almaDeferredCapture'))['French reason']).to.match(/^Capture : réussite chez Alma/);
  });

  it("runs the capture step on the order's payment history: a lost answer is read back, never captured twice", () => {
    const results = calls(byModule('jobs/almaDeferredCapture'));
    expect(results.history).to.deep.equal({
      id: 'alma:capture:1:1',
      state: 'Succeeded',
      attempts: 1,
      interactions: ['capture null', 'read 200'],
      reason:
        'Capture succeeded at Alma (Alma reference capture_payment_1, Alma reports 100.00 EUR), found when reading ' +
        'Alma after an earlier attempt whose outcome was unknown.',
    });
    expect(results['work queue']).to.deep.equal([]);
    expect((results['run 2'] as { code: string }).code).to.equal('OK');
    expect(calls(byModule('jobs/refundPayments'))['Alma still holds']).to.match(
      /Alma still holds 30\.00 EUR captured and not refunded, so Refund Status stays PartiallyRefunded\.$/,
    );
  });

  it('runs the configuration check and the provider table with the same results as in Node', () => {
    expect(calls(byModule('core/configurationCheck'))).to.deep.equal({
      'checkProvider(alma)': [],
      'checkService(alma without key)': [
        {
          provider: 'Alma',
          severity: 'error',
          message: 'Credential c: set the password field to the Alma API key (sk_live_… or sk_test_…).',
        },
      ],
      'valueTypeCode(enum-of-string)': 33,
    });
    expect(calls(byModule('core/providers'))['parseProviderList']).to.deep.equal(['alma', 'komoju']);
  });
});

describe("engine: the Rhino loader follows SFCC's require rules", function () {
  this.timeout(60000);
  let results: { [fn: string]: unknown } = {};

  before(function () {
    requireRhino(this);
    const [report] = runInRhino({
      cartridgesRoot: path.join(__dirname, 'fixtures', 'cartridges'),
      cartridgePath: ['app_custom', 'app_base'],
      dwRoot: MOCKS,
      scenarios: path.join(__dirname, 'fixtures', 'scenarios.js'),
      modules: ['app_custom/cartridge/scripts/rules'],
    });
    expect(report.error).to.equal(null);
    results = calls(report);
  });

  it('*/ takes the first cartridge on the path that has the file', () => {
    expect(results.starFirstHit).to.equal('custom over base');
  });
  it('*/ falls through to later cartridges, and ~/ stays in the cartridge of the requiring file', () => {
    expect(results.starFallsThrough).to.equal('app_base data');
    expect(results.tilde).to.equal('custom over base');
  });
  it('./ and ../ are relative to the module; .ds and folders with package.json main resolve', () => {
    expect(results.relativeDs).to.equal('ds');
    expect(results.folder).to.equal('folder via package.json main');
  });
  it('bare names resolve to a cartridge folder, then to modules/', () => {
    expect(results.modulesFolder).to.equal('modules/server');
  });
  it('Node built-ins do not exist, and relative paths cannot leave the cartridges folder', () => {
    expect(results.nodeBuiltin).to.equal('error: Cannot find module "fs"');
    expect(results.aboveCartridges).to.equal('error: Cannot find module "../../../../outside"');
  });
  it('caches modules: two requires give the same instance', () => {
    expect(results.sameInstance).to.equal(true);
  });
});
