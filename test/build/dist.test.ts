import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { checkShippedCode, listJsFiles } from '../../tools/build/shippedCode';
import { checkManifests } from '../../tools/build/manifests';
import { CARTRIDGE_NAME, PATHS } from '../../tools/build/paths';
import { ensureBuilt } from '../helpers/built';

const SOURCE = path.join(PATHS.cartridgesSrc, CARTRIDGE_NAME);
const BUILT = path.join(PATHS.distCartridges, CARTRIDGE_NAME);

function tsSources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsSources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

describe('build: dist/cartridges/int_payment_operations is upload-ready', function () {
  this.timeout(120000);
  before(() => ensureBuilt());

  it('has the cartridge files BM and sfcc-ci expect', () => {
    for (const file of [
      '.project',
      'package.json',
      'hooks.json',
      'steptypes.json',
      `cartridge/${CARTRIDGE_NAME}.properties`,
    ]) {
      expect(fs.existsSync(path.join(BUILT, file)), file).to.equal(true);
    }
    expect(JSON.parse(fs.readFileSync(path.join(BUILT, 'package.json'), 'utf8'))).to.deep.equal({
      hooks: './hooks.json',
    });
    expect(fs.readFileSync(path.join(BUILT, '.project'), 'utf8')).to.contain(
      'com.demandware.studio.core.beehiveNature',
    );
    expect(fs.readFileSync(path.join(BUILT, `cartridge/${CARTRIDGE_NAME}.properties`), 'utf8')).to.contain(
      `demandware.cartridges.${CARTRIDGE_NAME}.id=${CARTRIDGE_NAME}`,
    );
  });

  it('keeps each module at its own path (hooks and */cartridge overrides depend on it), with no TypeScript left', () => {
    const expected = tsSources(SOURCE)
      .map((f) => path.relative(SOURCE, f).replace(/\.ts$/, '.js'))
      .sort();
    const shipped = listJsFiles(BUILT)
      .map((f) => path.relative(BUILT, f))
      .sort();
    expect(shipped).to.deep.equal(expected);
    expect(shipped).to.include('cartridge/scripts/jobs/checkConfiguration.js');
  });

  it('ships ES5 syntax only, without Promise, timers, Node globals, Node built-ins or tslib', () => {
    expect(checkShippedCode(PATHS.distCartridges)).to.deep.equal([]);
  });

  it('emits CommonJS with named exports for job steps', () => {
    const step = fs.readFileSync(path.join(BUILT, 'cartridge/scripts/jobs/checkConfiguration.js'), 'utf8');
    expect(step).to.contain('exports.execute = execute;');
    expect(step).to.contain('require("dw/system/Status")');
    expect(step).not.to.match(/exports\.default|^import |^export /m);
  });

  it('resolves every steptypes.json module and hooks.json script to a shipped file exporting the named functions', () => {
    expect(checkManifests(PATHS.distCartridges)).to.deep.equal([]);
  });
});
