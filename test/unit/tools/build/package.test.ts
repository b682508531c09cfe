import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import sinon from 'sinon';
import { main, packageArchives, parsePackageCommand, UsageError } from '../../../../tools/build/package';
import { PATHS } from '../../../../tools/build/paths';
import { ensureBuilt } from '../../../helpers/built';
import { tmpDir, writeTree } from '../../../helpers/tmp';

function entries(zipFile: string): string[] {
  return new AdmZip(zipFile)
    .getEntries()
    .map((e) => e.entryName)
    .sort();
}

describe('tools/build/package: the archives sfcc-ci uploads', function () {
  this.timeout(120000);
  before(() => ensureBuilt());

  it('lays the code archive out as <codeVersion>/<cartridge>/… with the upload-ready cartridge', async () => {
    const outDir = tmpDir();
    const result = await packageArchives({ sites: ['RefArch'], codeVersion: 'v_test', upgrade: false, outDir });
    expect(result.codeZip).to.equal(path.join(outDir, 'v_test.zip'));
    const names = entries(result.codeZip);
    expect(names.every((n) => n.startsWith('v_test/int_payment_operations/') || n === 'v_test/')).to.equal(true);
    for (const required of [
      'v_test/int_payment_operations/.project',
      'v_test/int_payment_operations/package.json',
      'v_test/int_payment_operations/hooks.json',
      'v_test/int_payment_operations/steptypes.json',
      'v_test/int_payment_operations/cartridge/int_payment_operations.properties',
      'v_test/int_payment_operations/cartridge/scripts/jobs/checkConfiguration.js',
    ]) {
      expect(names).to.include(required);
    }
    expect(names.filter((n) => n.endsWith('.ts'))).to.deep.equal([]);
  });

  it('puts the site import under one top folder named like the zip', async () => {
    const outDir = tmpDir();
    const result = await packageArchives({
      sites: ['RefArch', 'SiteGenesis'],
      codeVersion: 'v',
      upgrade: false,
      outDir,
    });
    expect(path.basename(result.siteImportZip)).to.equal('site_import.zip');
    const names = entries(result.siteImportZip);
    expect(new Set(names.map((n) => n.split('/')[0]))).to.deep.equal(new Set(['site_import']));
    expect(names.filter((n) => !n.endsWith('/'))).to.deep.equal([
      'site_import/jobs.xml',
      'site_import/meta/custom-objecttype-definitions.xml',
      'site_import/meta/system-objecttype-extensions.xml',
      'site_import/services.xml',
      'site_import/sites/RefArch/preferences.xml',
      'site_import/sites/SiteGenesis/preferences.xml',
    ]);
  });

  it('produces byte-identical archives from identical inputs', async () => {
    const [a, b] = [tmpDir(), tmpDir()];
    await packageArchives({ sites: ['RefArch'], codeVersion: 'v', upgrade: false, outDir: a });
    await packageArchives({ sites: ['RefArch'], codeVersion: 'v', upgrade: false, outDir: b });
    expect(
      fs.readFileSync(path.join(a, 'site_import.zip')).equals(fs.readFileSync(path.join(b, 'site_import.zip'))),
    ).to.equal(true);
    expect(fs.readFileSync(path.join(a, 'v.zip')).equals(fs.readFileSync(path.join(b, 'v.zip')))).to.equal(true);
  });

  it('refuses to write a site import that does not validate against the official XSDs', async () => {
    const metadataDir = writeTree(tmpDir(), {
      'meta/system-objecttype-extensions.xml': fs
        .readFileSync(PATHS.systemObjectExtensions, 'utf8')
        .replace('<type>boolean</type>', '<type>yes-no</type>'),
    });
    const outDir = tmpDir();
    let error: Error | null = null;
    try {
      await packageArchives({ sites: ['RefArch'], codeVersion: 'v', upgrade: false, outDir, sources: { metadataDir } });
    } catch (e) {
      error = e as Error;
    }
    expect(error, 'packaging should have failed').not.to.equal(null);
    expect(error!.message).to.match(
      /^The site import would not import:\nsite_import\/meta\/system-objecttype-extensions\.xml \(metadata\.xsd\):/,
    );
    expect(error!.message).to.contain("'yes-no' is not an element of the set");
    expect(fs.readdirSync(outDir)).to.deep.equal([]);
  });

  describe('npm run package: the command line', () => {
    const NO_DW_JSON = path.join(__dirname, 'no-such-dw.json');

    function refusal(argv: string[]): UsageError {
      try {
        parsePackageCommand(argv, NO_DW_JSON);
      } catch (error) {
        expect(error).to.be.instanceOf(UsageError);
        return error as UsageError;
      }
      throw new Error(`${argv.join(' ')} was accepted`);
    }

    it('packages a site given twice once', () => {
      expect(parsePackageCommand(['--site', 'RefArch', '--site', 'RefArch'], NO_DW_JSON).sites).to.deep.equal([
        'RefArch',
      ]);
      expect(
        parsePackageCommand(['--site', 'RefArch,SiteGenesis', '--site', 'RefArch'], NO_DW_JSON).sites,
      ).to.deep.equal(['RefArch', 'SiteGenesis']);
    });

    it('refuses an empty --site instead of falling back to the default site', () => {
      expect(refusal(['--site', '']).message).to.equal(
        '--site "" names no site ID: give one, e.g. --site RefArch (without --site: the sites in dw.json, else RefArch)',
      );
      expect(refusal(['--site', 'RefArch,']).message).to.match(/^--site "RefArch," names no site ID/);
      expect(refusal(['--site', 'Sites-RefArch-Site']).message).to.contain('is the storefront name');
      expect(refusal(['--bogus']).showUsage).to.equal(true);
    });

    it('prints and archives a site given twice once', async () => {
      const outDir = tmpDir();
      const log = sinon.stub(console, 'log');
      try {
        await main(['--site', 'RefArch', '--site', 'RefArch', '--no-build'], outDir);
      } finally {
        log.restore();
      }
      const printed = log.getCalls().map((call) => String(call.args[0]));
      expect(printed.find((line) => line.startsWith('site import archive:'))).to.match(/\(sites RefArch\)$/);
      const siteFolders = entries(path.join(outDir, 'site_import.zip')).filter((n) =>
        /^site_import\/sites\/[^/]+\/$/.test(n),
      );
      expect(siteFolders).to.deep.equal(['site_import/sites/RefArch/']);
    });

    it('exits 2 with one line and builds and writes nothing for an empty --site or an unknown option', () => {
      const run = (args: string[]) =>
        spawnSync(process.execPath, ['--import', 'tsx', path.join(PATHS.root, 'tools/build/package.ts'), ...args], {
          cwd: PATHS.root,
          encoding: 'utf8',
          timeout: 60_000,
        });
      const empty = run(['--site', '']);
      expect(empty.status).to.equal(2);
      expect(empty.stdout).to.equal('');
      expect(empty.stderr).to.equal(
        '--site "" names no site ID: give one, e.g. --site RefArch (without --site: the sites in dw.json, else RefArch)\n',
      );
      const unknown = run(['--sites', 'RefArch']);
      expect(unknown.status).to.equal(2);
      expect(unknown.stderr).to.match(/^Unknown option '--sites'[^\n]*\nusage: npm run package /);
    });
  });
});
