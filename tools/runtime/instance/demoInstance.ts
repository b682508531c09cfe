/**
 * The shipped demo instance (`npm start` runs it; no run may change it) and the git-ignored
 * scratch folder where the README's local-runtime examples keep their copies and outputs.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PATHS } from '../../build/paths';

export const DEMO_INSTANCE = path.join(PATHS.root, 'demo', 'instance.json');

/** Git-ignored (.gitignore) and left out of Prettier's check (.prettierignore). */
export const SCRATCH_FOLDER = '.local';

/** The command that copies the demo into the scratch folder, as the README gives it. */
export const COPY_DEMO_COMMAND = `mkdir -p ${SCRATCH_FOLDER} && cp demo/instance.json ${SCRATCH_FOLDER}/instance.json`;

function canonical(file: string): string {
  const absolute = path.resolve(file);
  try {
    return fs.realpathSync.native(absolute);
  } catch {
    return absolute;
  }
}

/** True when `file` is the shipped demo instance, whatever path (relative, symlinked) names it. */
export function isDemoInstance(file: string): boolean {
  return canonical(file) === canonical(DEMO_INSTANCE);
}
