import { expect } from 'chai';
import { mergeJobs, siteImportFiles, validateSiteIds, withoutCredentials } from '../../../../tools/build/siteImport';
import { PATHS } from '../../../../tools/build/paths';
import { tmpDir, writeTree } from '../../../helpers/tmp';

const JOB = (id: string, context: string): string => `<?xml version="1.0" encoding="UTF-8"?>
<jobs xmlns="http://www.demandware.com/xml/impex/jobs/2015-07-01">
  <job job-id="${id}">
    <flow>${context}<step step-id="s" type="custom.X"/></flow>
    <triggers><run-once enabled="false"><date>2026-01-01Z</date><time>00:00:00.000Z</time></run-once></triggers>
  </job>
</jobs>`;

function text(files: Array<{ path: string; contents: Buffer }>, name: string): string {
  const file = files.find((f) => f.path === name);
  if (!file) throw new Error(`${name} is not in the archive`);
  return file.contents.toString('utf8');
}

describe('tools/build/siteImport: the site-import archive contents', () => {
  it('holds meta/, services.xml, jobs.xml and one sites/<SiteID>/ folder per packaged site', () => {
    const files = siteImportFiles({ sites: ['RefArch', 'RefArchGlobal'], upgrade: false });
    expect(files.map((f) => f.path)).to.deep.equal([
      'meta/custom-objecttype-definitions.xml',
      'meta/system-objecttype-extensions.xml',
      'services.xml',
      'jobs.xml',
      'sites/RefArch/preferences.xml',
      'sites/RefArchGlobal/preferences.xml',
    ]);
    const jobs = text(files, 'jobs.xml');
    expect(jobs).to.contain('<context site-id="RefArch"/>');
    expect(jobs).to.contain('<context site-id="RefArchGlobal"/>');
    expect(jobs).not.to.contain('all-storefront-sites');
    expect(text(files, 'services.xml')).to.contain(
      '<service-credential service-credential-id="paymentoperations.alma.credentials">',
    );
  });

  it('in upgrade mode leaves out credentials and preference values, and keeps services and profiles', () => {
    const files = siteImportFiles({ sites: ['RefArch'], upgrade: true });
    expect(files.map((f) => f.path)).to.deep.equal([
      'meta/custom-objecttype-definitions.xml',
      'meta/system-objecttype-extensions.xml',
      'services.xml',
      'jobs.xml',
    ]);
    const services = text(files, 'services.xml');
    expect(services).not.to.contain('service-credential');
    expect(services.match(/<service service-id=/g)).to.have.length(4);
    expect(services.match(/<service-profile service-profile-id=/g)).to.have.length(4);
    expect(services).to.contain('<credential-id>paymentoperations.alma.credentials</credential-id>');
  });

  it('keeps sources free of site IDs: a job that fixes a site is refused', () => {
    const jobsDir = writeTree(tmpDir(), { 'a.xml': JOB('A', '<context site-id="RefArch"/>') });
    expect(() => mergeJobs(jobsDir, ['RefArch'])).to.throw(
      'jobs/a.xml: <context site-id="RefArch"> fixes a site in the sources',
    );
  });

  it('accepts organization-scope flows (site-id="Sites") unchanged', () => {
    const jobsDir = writeTree(tmpDir(), { 'a.xml': JOB('A', '<context site-id="Sites"/>') });
    expect(mergeJobs(jobsDir, ['RefArch'])).to.contain('<context site-id="Sites"/>');
  });

  it('merges every jobs/*.xml into one jobs.xml and refuses a job ID defined twice', () => {
    const jobsDir = writeTree(tmpDir(), { 'a.xml': JOB('A', ''), 'b.xml': JOB('B', '') });
    const merged = mergeJobs(jobsDir, ['RefArch']);
    expect(merged.match(/<job job-id="/g)).to.have.length(2);
    writeTree(jobsDir, { 'c.xml': JOB('A', '') });
    expect(() => mergeJobs(jobsDir, ['RefArch'])).to.throw('Job A is defined in both jobs/a.xml and jobs/c.xml');
  });

  it('refuses site IDs BM would not accept, and explains the storefront-name mistake', () => {
    expect(validateSiteIds(['RefArch', 'RefArch', 'Site_2'])).to.deep.equal(['RefArch', 'Site_2']);
    expect(() => validateSiteIds(['Sites-RefArch-Site'])).to.throw(
      'Site ID "Sites-RefArch-Site" is the storefront name; use the site ID (RefArch)',
    );
    expect(() => validateSiteIds(['Ref Arch'])).to.throw('Site ID "Ref Arch" is not valid');
    expect(() => validateSiteIds(['Sites'])).to.throw('Site ID "Sites" is not valid');
    expect(() => validateSiteIds([])).to.throw('At least one site ID is needed');
  });

  it('refuses hand-written site folders in metadata/site_import (they are generated)', () => {
    const metadataDir = writeTree(tmpDir(), { 'sites/RefArch/preferences.xml': '<preferences/>' });
    expect(() => siteImportFiles({ sites: ['RefArch'], upgrade: false, metadataDir, jobsDir: PATHS.jobs })).to.throw(
      'metadata/site_import/sites/RefArch/preferences.xml: site folders and jobs.xml are generated',
    );
  });

  it('strips credentials without touching the rest of services.xml', () => {
    const xml =
      '<?xml version="1.0"?><services xmlns="http://www.demandware.com/xml/impex/services/2014-09-26"><service-credential service-credential-id="c"><url>https://x</url></service-credential><service service-id="s"><service-type>HTTP</service-type></service></services>';
    const stripped = withoutCredentials(xml);
    expect(stripped).not.to.contain('service-credential');
    expect(stripped).to.contain('<service service-id="s">');
  });
});
