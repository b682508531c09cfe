/**
 * npm run build: metadata typings → tsc (ES5/CommonJS) → cartridge assets → checks.
 * Produces dist/cartridges/<cartridge>/, upload-ready. Fails on any rule the engine would
 * break at run time (syntax beyond ES5, Promise/timers/Node APIs, unresolved manifests).
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { generateMetadataTypes } from './generateMetadataTypes';
import { checkShippedCode, formatViolations } from './shippedCode';
import { checkManifests } from './manifests';
import { PATHS } from './paths';

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

export function compileCartridges(): void {
  const tsc = require.resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-p', PATHS.cartridgeTsconfig], { stdio: 'inherit', cwd: PATHS.root });
}

export function build(): void {
  generateMetadataTypes();
  fs.rmSync(PATHS.distCartridges, { recursive: true, force: true });
  compileCartridges();
  const assets = copyAssets(PATHS.cartridgesSrc, PATHS.distCartridges);

  const violations = checkShippedCode(PATHS.distCartridges);
  if (violations.length) {
    throw new Error(`Shipped code breaks the engine rules:\n${formatViolations(violations, PATHS.root)}`);
  }
  const problems = checkManifests(PATHS.distCartridges);
  if (problems.length) {
    throw new Error(`Manifest problems:\n${problems.map((p) => `${p.cartridge}: ${p.message}`).join('\n')}`);
  }
  const cartridges = fs.readdirSync(PATHS.distCartridges);
  console.log(
    `built ${cartridges.join(', ')} into ${path.relative(PATHS.root, PATHS.distCartridges)}/ (${assets} assets copied; ES5 and manifest checks passed)`,
  );
}

if (require.main === module) {
  try {
    build();
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
}
