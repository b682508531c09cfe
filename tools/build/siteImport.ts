/**
 * Assembles the site-import archive's files from metadata/ and jobs/:
 *   meta/…, services.xml, jobs.xml (all of jobs/*.xml, scoped to the packaged sites) and
 *   sites/<SiteID>/… (from metadata/site_template/) for every site given.
 * Upgrade mode leaves out what merchants own after the first install: service credentials
 * (URLs, user IDs) and site preference values.
 */
import fs from 'node:fs';
import path from 'node:path';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { PATHS } from './paths';

export interface ArchiveFile {
  /** Path inside the archive's top folder, with forward slashes. */
  path: string;
  contents: Buffer;
}

export interface SiteImportOptions {
  sites: string[];
  upgrade: boolean;
  metadataDir?: string;
  siteTemplateDir?: string;
  jobsDir?: string;
}

/** Files of the site template that hold merchant-owned values, left out in upgrade mode. */
export const MERCHANT_OWNED_SITE_FILES = ['preferences.xml'];

const JOBS_NAMESPACE = 'http://www.demandware.com/xml/impex/jobs/2015-07-01';
const ORGANIZATION_CONTEXT = 'Sites';

const XML_OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  commentPropName: '#comment',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
} as const;

type XmlNode = { [key: string]: unknown };

const parser = new XMLParser(XML_OPTIONS);
const builder = new XMLBuilder({ ...XML_OPTIONS, format: true, indentBy: '    ', suppressEmptyNode: true });

function elementName(node: XmlNode): string | null {
  return Object.keys(node).find((k) => k !== ':@' && k !== '#text' && k !== '#comment' && k !== '?xml') ?? null;
}

function childNodes(node: XmlNode): XmlNode[] {
  const name = elementName(node);
  return name && Array.isArray(node[name]) ? (node[name] as XmlNode[]) : [];
}

function attribute(node: XmlNode, name: string): string | undefined {
  const attributes = node[':@'] as { [key: string]: string } | undefined;
  return attributes ? attributes['@_' + name] : undefined;
}

function serialize(root: XmlNode): string {
  return builder.build([{ '?xml': [{ '#text': '' }], ':@': { '@_version': '1.0', '@_encoding': 'UTF-8' } }, root]);
}

/** Site IDs as BM uses them in import archives and job contexts (RefArch, not Sites-RefArch-Site). */
export function validateSiteIds(sites: string[]): string[] {
  if (!sites.length) throw new Error('At least one site ID is needed (e.g. --site RefArch)');
  for (const site of sites) {
    if (/^Sites-.+-Site$/.test(site)) {
      throw new Error(`Site ID "${site}" is the storefront name; use the site ID (${site.slice(6, -5)})`);
    }
    if (!/^[A-Za-z0-9_-]{1,32}$/.test(site) || site === ORGANIZATION_CONTEXT) {
      throw new Error(`Site ID "${site}" is not valid: 1–32 letters, digits, "-" or "_"`);
    }
  }
  return Array.from(new Set(sites));
}

/** Replaces every <all-storefront-sites/> with one <context site-id> per site; refuses fixed sites. */
function scopeToSites(nodes: XmlNode[], sites: string[], file: string): XmlNode[] {
  const result: XmlNode[] = [];
  for (const node of nodes) {
    const name = elementName(node);
    if (name === 'all-storefront-sites') {
      for (const site of sites) result.push({ context: [], ':@': { '@_site-id': site } });
      continue;
    }
    if (name === 'context' && attribute(node, 'site-id') !== ORGANIZATION_CONTEXT) {
      throw new Error(
        `${file}: <context site-id="${attribute(node, 'site-id')}"> fixes a site in the sources; use <all-storefront-sites/> inside <contexts> (replaced by the packaged sites) or site-id="Sites" for organization scope`,
      );
    }
    if (name) node[name] = scopeToSites(childNodes(node), sites, file);
    result.push(node);
  }
  return result;
}

export function mergeJobs(jobsDir: string, sites: string[]): string {
  const jobs: XmlNode[] = [];
  const seen = new Map<string, string>();
  const files = fs
    .readdirSync(jobsDir)
    .filter((f) => f.endsWith('.xml'))
    .sort();
  for (const file of files) {
    const document = parser.parse(fs.readFileSync(path.join(jobsDir, file), 'utf8')) as XmlNode[];
    const root = document.find((n) => elementName(n) === 'jobs');
    if (!root) throw new Error(`jobs/${file}: root element <jobs> is missing`);
    for (const job of childNodes(root).filter((n) => elementName(n) === 'job')) {
      const id = attribute(job, 'job-id') ?? '';
      if (seen.has(id)) throw new Error(`Job ${id} is defined in both jobs/${seen.get(id)} and jobs/${file}`);
      seen.set(id, file);
      jobs.push(...scopeToSites([job], sites, `jobs/${file}`));
    }
  }
  return serialize({ jobs, ':@': { '@_xmlns': JOBS_NAMESPACE } });
}

export function withoutCredentials(servicesXml: string): string {
  const document = parser.parse(servicesXml) as XmlNode[];
  const root = document.find((n) => elementName(n) === 'services');
  if (!root) throw new Error('services.xml: root element <services> is missing');
  root.services = childNodes(root).filter((n) => elementName(n) !== 'service-credential');
  return serialize(root);
}

function listFiles(dir: string, prefix = ''): Array<{ relative: string; full: string }> {
  if (!fs.existsSync(dir)) return [];
  const files: Array<{ relative: string; full: string }> = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...listFiles(full, relative));
    else files.push({ relative, full });
  }
  return files.sort((a, b) => a.relative.localeCompare(b.relative));
}

export function siteImportFiles(options: SiteImportOptions): ArchiveFile[] {
  const sites = validateSiteIds(options.sites);
  const metadataDir = options.metadataDir ?? PATHS.metadata;
  const siteTemplateDir = options.siteTemplateDir ?? PATHS.siteTemplate;
  const jobsDir = options.jobsDir ?? PATHS.jobs;
  const files: ArchiveFile[] = [];
  for (const { relative, full } of listFiles(metadataDir)) {
    if (relative.startsWith('sites/') || relative === 'jobs.xml') {
      throw new Error(
        `metadata/site_import/${relative}: site folders and jobs.xml are generated; put them in metadata/site_template/ and jobs/`,
      );
    }
    let contents = fs.readFileSync(full);
    if (relative === 'services.xml' && options.upgrade)
      contents = Buffer.from(withoutCredentials(contents.toString('utf8')));
    files.push({ path: relative, contents });
  }
  files.push({ path: 'jobs.xml', contents: Buffer.from(mergeJobs(jobsDir, sites)) });
  for (const site of sites) {
    for (const { relative, full } of listFiles(siteTemplateDir)) {
      if (options.upgrade && MERCHANT_OWNED_SITE_FILES.includes(relative)) continue;
      files.push({ path: `sites/${site}/${relative}`, contents: fs.readFileSync(full) });
    }
  }
  return files;
}
