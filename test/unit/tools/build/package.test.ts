import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import AdmZip from 'adm-zip';
import { packageArchives } from '../../../../tools/build/package';
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
});
