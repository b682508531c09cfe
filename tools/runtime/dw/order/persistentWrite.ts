/** One place that changes a persistent record: needs a transaction, logs the undo, touches lastModified. */
import type { RuntimeCore } from '../../runtimeCore';

export interface Persistent {
  lastModified: Date;
}

export function writeField<T extends object, K extends keyof T>(
  core: RuntimeCore,
  describe: string,
  record: T,
  field: K,
  value: T[K],
  touchKey?: string,
  owner?: Persistent,
): void {
  const previous = record[field];
  const stamped = owner ?? (record as unknown as Persistent);
  const previousModified = stamped.lastModified;
  core.transactions.recordWrite(
    describe,
    () => {
      record[field] = previous;
      if (previousModified instanceof Date) stamped.lastModified = previousModified;
    },
    touchKey,
  );
  record[field] = value;
  if (previousModified instanceof Date) stamped.lastModified = core.now();
}
