/**
 * npm run build: metadata typings → tsc (ES5/CommonJS) → cartridge assets → checks.
 * Produces dist/cartridges/<cartridge>/, upload-ready. Fails on any rule the engine would
 * break at run time (syntax beyond ES5, Promise/timers/Node APIs, unresolved manifests).
 *
 * The output is built in a folder beside dist/cartridges and swapped in when complete, so a test
 * process or a long run reading dist/cartridges never sees it half-written. `build({ ifChanged })`
 * (the tests' `ensureBuilt`) skips the work when the inputs' fingerprint is the one recorded by
 * the last build, so `npm test` compiles the cartridge once, not once per suite.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { generateMetadataTypes } from './generateMetadataTypes';
import { checkShippedCode, formatViolations } from './shippedCode';
import { checkManifests } from './manifests';
import { PATHS } from './paths';

/** Fingerprint of the last complete build, beside (not inside) the upload-ready cartridges. */
export const BUILD_STAMP = path.join(PATHS.dist, 'cartridges.fingerprint');

function copyAssets(sourceDir: string, targetDir: string): number {
  let copied = 0;
  for (const entry of fs.readdirSync(sourceDir, { withFileTypes: true })) {
    const source = path.join(sourceDir, entry.name);
    const target = path.join(targetDir, entry.name);
    if (entry.isDirectory()) {
      copied += copyAssets(source, target);
    } else if (!entry.name.endsWith('.ts')) {
      fs.mkdirSync(targetDir, { recursive: true });
      fs.copyFileSync(source, target);
      copied++;
    }
  }
  return copied;
}

export function compileCartridges(outDir: string = PATHS.distCartridges): void {
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', PATHS.cartridgeTsconfig, '--outDir', outDir], {
    stdio: 'inherit',
    cwd: PATHS.root,
  });
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

/** Everything the output depends on: cartridge sources, generated typings, compiler settings, the build tools. */
export function buildFingerprint(): string {
  const hash = crypto.createHash('sha256');
  const inputs = [
    ...filesUnder(PATHS.cartridgesSrc),
    ...filesUnder(path.dirname(PATHS.generatedTypings)),
    ...filesUnder(__dirname),
    PATHS.cartridgeTsconfig,
    require.resolve('typescript/package.json'),
  ];
  for (const file of inputs) {
    hash.update(path.relative(PATHS.root, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

export interface BuildOptions {
  /** Skip when the inputs are those of the last complete build (dist/cartridges is then current). */
  ifChanged?: boolean;
}

/** Builds dist/cartridges; returns false when `ifChanged` found it current and did nothing. */
export function build(options: BuildOptions = {}): boolean {
  generateMetadataTypes();
  const fingerprint = buildFingerprint();
  if (
    options.ifChanged &&
    fs.existsSync(PATHS.distCartridges) &&
    fs.existsSync(BUILD_STAMP) &&
    fs.readFileSync(BUILD_STAMP, 'utf8') === fingerprint
  ) {
    return false;
  }
  const staging = path.join(PATHS.dist, `.cartridges-${process.pid}-${Date.now()}`);
  try {
    compileCartridges(staging);
    const assets = copyAssets(PATHS.cartridgesSrc, staging);
    const violations = checkShippedCode(staging);
    if (violations.length) {
      throw new Error(`Shipped code breaks the engine rules:\n${formatViolations(violations, PATHS.root)}`);
    }
    const problems = checkManifests(staging);
    if (problems.length) {
      throw new Error(`Manifest problems:\n${problems.map((p) => `${p.cartridge}: ${p.message}`).join('\n')}`);
    }
    swapIn(staging);
    fs.writeFileSync(BUILD_STAMP, fingerprint);
    const cartridges = fs.readdirSync(PATHS.distCartridges);
    console.log(
      `built ${cartridges.join(', ')} into ${path.relative(PATHS.root, PATHS.distCartridges)}/ (${assets} assets; ES5 and manifest checks passed)`,
    );
    return true;
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** Replaces dist/cartridges with the complete staging folder: two renames, never a half-written tree. */
function swapIn(staging: string): void {
  const previous = `${staging}-previous`;
  const hadPrevious = fs.existsSync(PATHS.distCartridges);
  fs.rmSync(BUILD_STAMP, { force: true });
  if (hadPrevious) fs.renameSync(PATHS.distCartridges, previous);
  fs.renameSync(staging, PATHS.distCartridges);
  if (hadPrevious) fs.rmSync(previous, { recursive: true, force: true });
}

if (require.main === module) {
  try {
    build();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
