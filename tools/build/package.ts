/**
 * npm run package [-- --site <SiteID>]… [--code-version <name>] [--upgrade] [--no-build]
 *
 * A site given twice is packaged once; an empty --site is refused. Exit code 2 when the command
 * or dw.json is wrong (nothing written), 1 when packaging fails.
 *
 *   dist/<codeVersion>.zip   <codeVersion>/<cartridge>/…   (sfcc-ci code:deploy)
 *   dist/site_import.zip     site_import/{meta/, sites/<SiteID>/, services.xml, jobs.xml}
 *                                                           (sfcc-ci instance:import)
 * Every XML file of the site import is validated against the official XSDs before writing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import AdmZip from 'adm-zip';
import { build } from './build';
import { readDwJson, resolveCodeVersion, resolveSites } from './config';
import { siteImportFiles, validateSiteIds, type ArchiveFile, type SiteImportOptions } from './siteImport';
import { failedValidations, validateXmlDocuments } from './xmlSchemas';
import { PATHS } from './paths';

export const SITE_IMPORT_NAME = 'site_import';

/** Fixed entry times make archives byte-identical for identical inputs. */
const ENTRY_TIME = new Date(2026, 0, 1, 0, 0, 0);

export interface PackageOptions {
  sites: string[];
  codeVersion: string;
  upgrade: boolean;
  outDir?: string;
  cartridgesDir?: string;
  /** Other metadata/jobs folders than the repository's (tests). */
  sources?: Pick<SiteImportOptions, 'metadataDir' | 'siteTemplateDir' | 'jobsDir'>;
}

export interface PackageResult {
  codeZip: string;
  siteImportZip: string;
  codeEntries: string[];
  siteImportEntries: string[];
}

function writeZip(file: string, topFolder: string, files: ArchiveFile[]): string[] {
  const zip = new AdmZip();
  const directories = new Set<string>([`${topFolder}/`]);
  for (const f of files) {
    const parts = f.path.split('/');
    for (let i = 1; i < parts.length; i++) directories.add(`${topFolder}/${parts.slice(0, i).join('/')}/`);
  }
  const entries = [...Array.from(directories).sort(), ...files.map((f) => `${topFolder}/${f.path}`)];
  for (const directory of Array.from(directories).sort()) zip.addFile(directory, Buffer.alloc(0));
  for (const f of files) zip.addFile(`${topFolder}/${f.path}`, f.contents);
  for (const entry of zip.getEntries()) entry.header.time = ENTRY_TIME;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  zip.writeZip(file);
  return entries;
}

function cartridgeFiles(cartridgesDir: string): ArchiveFile[] {
  const files: ArchiveFile[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(dir, entry.name);
      const relative = `${prefix}/${entry.name}`;
      if (entry.isDirectory()) walk(full, relative);
      else files.push({ path: relative, contents: fs.readFileSync(full) });
    }
  };
  if (!fs.existsSync(cartridgesDir)) throw new Error(`${cartridgesDir} does not exist: run npm run build first`);
  for (const cartridge of fs.readdirSync(cartridgesDir).sort()) {
    if (fs.existsSync(path.join(cartridgesDir, cartridge, '.project')))
      walk(path.join(cartridgesDir, cartridge), cartridge);
  }
  if (!files.length) throw new Error(`No cartridge (folder with a .project) in ${cartridgesDir}`);
  return files;
}

export async function packageArchives(options: PackageOptions): Promise<PackageResult> {
  const outDir = options.outDir ?? PATHS.dist;
  const siteFiles = siteImportFiles({ ...options.sources, sites: options.sites, upgrade: options.upgrade });
  const xmlFiles = siteFiles.filter((f) => f.path.endsWith('.xml'));
  const validations = await validateXmlDocuments(
    xmlFiles.map((f) => ({ name: `${SITE_IMPORT_NAME}/${f.path}`, contents: f.contents.toString('utf8') })),
  );
  const failures = failedValidations(validations);
  if (failures) throw new Error(`The site import would not import:\n${failures}`);

  const codeZip = path.join(outDir, `${options.codeVersion}.zip`);
  const siteImportZip = path.join(outDir, `${SITE_IMPORT_NAME}.zip`);
  const codeEntries = writeZip(
    codeZip,
    options.codeVersion,
    cartridgeFiles(options.cartridgesDir ?? PATHS.distCartridges),
  );
  const siteImportEntries = writeZip(siteImportZip, SITE_IMPORT_NAME, siteFiles);
  return { codeZip, siteImportZip, codeEntries, siteImportEntries };
}

export const USAGE = 'usage: npm run package [-- --site <SiteID>]… [--code-version <name>] [--upgrade] [--no-build]';

/** A wrong command line or dw.json: exit code 2, nothing written. */
export class UsageError extends Error {
  constructor(
    message: string,
    /** Print the usage line too (an unknown option, a missing value). */
    readonly showUsage = false,
  ) {
    super(message);
  }
}

export interface PackageCommand {
  sites: string[];
  codeVersion: string;
  upgrade: boolean;
  build: boolean;
}

/** Runs a read of the command line or dw.json; what it throws becomes a UsageError. */
function usage<T>(read: () => T, showUsage = false): T {
  try {
    return read();
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error), showUsage);
  }
}

/** The command line and dw.json read into what to package; throws UsageError when either is wrong. */
export function parsePackageCommand(argv: string[], dwJson = PATHS.dwJson): PackageCommand {
  const { values } = usage(
    () =>
      parseArgs({
        args: argv,
        options: {
          site: { type: 'string', multiple: true },
          'code-version': { type: 'string' },
          upgrade: { type: 'boolean', default: false },
          'no-build': { type: 'boolean', default: false },
        },
        strict: true,
      }),
    true,
  );
  const { config, warnings } = usage(() => readDwJson(dwJson));
  warnings.forEach((w) => console.warn(`warning: ${w}`));
  return {
    sites: usage(() => validateSiteIds(resolveSites(values.site, config))),
    codeVersion: usage(() => resolveCodeVersion(values['code-version'], config)),
    upgrade: values.upgrade ?? false,
    build: !values['no-build'],
  };
}

export async function main(argv: string[], outDir?: string): Promise<void> {
  const { sites, codeVersion, upgrade, build: buildFirst } = parsePackageCommand(argv);
  if (buildFirst) build();
  const result = await packageArchives({ sites, codeVersion, upgrade, outDir });
  const rel = (f: string): string => path.relative(PATHS.root, f);
  console.log(
    `code archive:        ${rel(result.codeZip)} (${result.codeEntries.length} entries, code version ${codeVersion})`,
  );
  console.log(
    `site import archive: ${rel(result.siteImportZip)} (sites ${sites.join(', ')}${upgrade ? '; upgrade mode: credentials and site preference values left out' : ''})`,
  );
  for (const entry of result.siteImportEntries.filter((e) => !e.endsWith('/'))) console.log(`  ${entry}`);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: Error) => {
    if (e instanceof UsageError) {
      console.error(e.showUsage ? `${e.message}\n${USAGE}` : e.message);
      process.exit(2);
    }
    console.error(e.message);
    process.exit(1);
  });
}
