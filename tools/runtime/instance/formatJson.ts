/**
 * JSON text as the repository's Prettier configuration lays it out, so a written instance file
 * passes `prettier --check` and a run's output diffs line by line. Prettier runs in a worker
 * thread and the caller waits for it (synckit), because the runtime writes files synchronously.
 */
import path from 'node:path';
import { createSyncFn } from 'synckit';

/**
 * Above this size the text is written as JSON.stringify lays it out (two-space indentation), which
 * Prettier would only change in where short arrays break: formatting an instance of many thousand
 * orders would cost more than the run.
 */
export const PRETTIER_MAX_BYTES = 2 * 2 ** 20;

const WORKER_PATH = path.join(__dirname, 'prettierWorker.mjs');

let formatSynchronously: ((text: string, filepath: string) => string) | undefined;

/** `value` as JSON text ending in a newline, laid out for the file `filepath` (its Prettier options). */
export function formatJson(value: unknown, filepath: string): string {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (text.length > PRETTIER_MAX_BYTES) return text;
  formatSynchronously ??= createSyncFn<(text: string, filepath: string) => Promise<string>>(WORKER_PATH);
  return formatSynchronously(text, path.resolve(filepath));
}
