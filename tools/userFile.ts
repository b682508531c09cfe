/**
 * Files a user names on a command line (an instance file, a seed file): why one cannot be read,
 * in words rather than a raw ENOENT, so each CLI can print one clear line and exit 2.
 */
import fs from 'node:fs';

/** 'no such file', 'is a folder, not a file', … for an error thrown by a read of `file`. */
export function readProblem(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file';
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES' || code === 'EPERM') return 'cannot be read (permission denied)';
  return `cannot be read (${error instanceof Error ? error.message : String(error)})`;
}

/** Why `file` cannot be read as a file, or null when it can. */
export function fileProblem(file: string): string | null {
  try {
    if (fs.statSync(file).isDirectory()) return 'is a folder, not a file';
    fs.accessSync(file, fs.constants.R_OK);
    return null;
  } catch (error) {
    return readProblem(error);
  }
}

export class UserFileError extends Error {}

/** The text of a file the user named; throws UserFileError "<what> <file>: no such file" and the like. */
export function readUserFile(file: string, what: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    throw new UserFileError(`${what} ${file}: ${readProblem(error)}`);
  }
}
