import { expect } from 'chai';
import fs from 'node:fs';
import path from 'node:path';
import { validateXmlDocument, validateXmlDocuments } from '../../tools/build/xmlSchemas';
import { siteImportFiles } from '../../tools/build/siteImport';
import { PATHS } from '../../tools/build/paths';

function xmlFilesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return xmlFilesUnder(full);
    return entry.name.endsWith('.xml') ? [full] : [];
  });
}

const SOURCES = [PATHS.metadata, PATHS.siteTemplate, PATHS.jobs].flatMap(xmlFilesUnder).sort();

describe('metadata: every XML file validates against the official XSDs (../shared/sfcc-xsd)', function () {
  this.timeout(120000);

  it('finds the XML sources', () => {
    expect(SOURCES.map((f) => path.relative(PATHS.root, f))).to.include.members([
      'metadata/site_import/meta/custom-objecttype-definitions.xml',
      'metadata/site_import/meta/system-objecttype-extensions.xml',
      'metadata/site_import/services.xml',
      'metadata/site_template/preferences.xml',
      'jobs/PaymentOperations-CheckConfiguration.xml',
    ]);
  });

  for (const file of SOURCES) {
    it(path.relative(PATHS.root, file), async () => {
      const result = await validateXmlDocument({ name: file, contents: fs.readFileSync(file, 'utf8') });
      expect(result.schema, 'no schema matched').to.be.a('string');
      expect(result.errors).to.deep.equal([]);
    });
  }

  for (const upgrade of [false, true]) {
    it(`the generated site import for two sites${upgrade ? ' (upgrade mode)' : ''}`, async () => {
      const files = siteImportFiles({ sites: ['RefArch', 'RefArchGlobal'], upgrade });
      const results = await validateXmlDocuments(
        files.map((f) => ({ name: f.path, contents: f.contents.toString('utf8') })),
      );
      expect(results.filter((r) => r.errors.length)).to.deep.equal([]);
    });
  }

  it('fails on what the schema forbids (default-value before the flags) so a pass means something', async () => {
    const broken = fs
      .readFileSync(PATHS.systemObjectExtensions, 'utf8')
      .replace(
        '<type>boolean</type>\n                <mandatory-flag>false</mandatory-flag>',
        '<type>boolean</type>\n                <default-value>false</default-value>\n                <mandatory-flag>false</mandatory-flag>',
      );
    const result = await validateXmlDocument({ name: 'broken.xml', contents: broken });
    expect(result.errors.join('\n')).to.match(/mandatory-flag.*This element is not expected/);
  });

  it('refuses a document whose namespace has no official schema', async () => {
    const result = await validateXmlDocument({ name: 'x.xml', contents: '<x xmlns="urn:other"/>' });
    expect(result.errors).to.deep.equal(['no official schema for the root namespace urn:other']);
  });
});
