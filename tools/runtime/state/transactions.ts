/**
 * dw.system.Transaction semantics over the in-memory state: every persistent write needs an open
 * transaction, nested begin/commit pairs only commit at the outermost level, an exception leaves
 * the transaction rollback-only, and a rollback undoes every write since the outermost begin.
 * After `kill()` (a simulated crash) the open transaction is rolled back and every begin, commit
 * and write throws the crash until `revive()`. It counts what a run costs the database: commits,
 * rollbacks, and the distinct custom objects each committed transaction wrote.
 */

const CUSTOM_OBJECT_TOUCH = 'customObject';

/** The touched key of a custom object (its scope, type and key), for `recordWrite`. */
export function customObjectTouchKey(siteId: string | null, type: string, key: string): string {
  return `${CUSTOM_OBJECT_TOUCH}\u0000${siteId ?? ''}\u0000${type}\u0000${key}`;
}

function countCustomObjects(touched: ReadonlySet<string>): number {
  let count = 0;
  for (const key of touched) if (key.startsWith(`${CUSTOM_OBJECT_TOUCH}\u0000`)) count += 1;
  return count;
}

export class PlatformError extends Error {
  constructor(
    readonly javaName: string,
    message: string,
  ) {
    super(message);
    this.name = javaName;
  }
}

export class TransactionManager {
  private depth = 0;
  private rollbackOnly = false;
  private undoLog: Array<() => void> = [];
  private touched = new Set<string>();
  private readonly commitListeners: Array<(touched: ReadonlySet<string>) => void> = [];
  private killedBy: Error | null = null;
  /** Outermost transactions committed. */
  commits = 0;
  /** Transactions rolled back (explicitly, after an error, or by a simulated crash). */
  rollbacks = 0;
  /** For each committed transaction, the number of distinct custom objects it created, changed or removed. */
  customObjectWrites = 0;

  get active(): boolean {
    return this.depth > 0;
  }

  onCommit(listener: (touched: ReadonlySet<string>) => void): void {
    this.commitListeners.push(listener);
  }

  begin(): void {
    this.assertAlive();
    this.depth += 1;
  }

  commit(): void {
    this.assertAlive();
    if (this.depth === 0)
      throw new PlatformError('IllegalStateException', 'Transaction.commit() without Transaction.begin()');
    if (this.rollbackOnly) {
      this.rollback();
      throw new PlatformError(
        'IllegalStateException',
        'The transaction is marked rollback-only after an error inside it and was rolled back',
      );
    }
    this.depth -= 1;
    if (this.depth > 0) return;
    const touched = this.touched;
    this.undoLog = [];
    this.touched = new Set();
    this.commits += 1;
    this.customObjectWrites += countCustomObjects(touched);
    for (const listener of this.commitListeners) listener(touched);
  }

  rollback(): void {
    if (this.depth === 0) return;
    for (let i = this.undoLog.length - 1; i >= 0; i -= 1) this.undoLog[i]();
    this.undoLog = [];
    this.touched = new Set();
    this.depth = 0;
    this.rollbackOnly = false;
    this.rollbacks += 1;
  }

  markRollbackOnly(): void {
    if (this.depth > 0) this.rollbackOnly = true;
  }

  /** Throws an API error the way the platform does: inside a transaction, it can then only roll back. */
  fail(javaName: string, message: string): never {
    this.markRollbackOnly();
    throw new PlatformError(javaName, message);
  }

  /**
   * The process died (simulated crash): the open transaction is rolled back, never committed, and
   * from now on begin, commit, wrap and every write throw `reason`. Returns whether a transaction
   * was open.
   */
  kill(reason: Error): boolean {
    const open = this.depth > 0;
    this.rollback();
    this.killedBy = reason;
    return open;
  }

  /** A new run starts: transactions work again. */
  revive(): void {
    this.killedBy = null;
  }

  private assertAlive(): void {
    if (this.killedBy) throw this.killedBy;
  }

  wrap<T>(fn: () => T): T {
    this.begin();
    let result: T;
    try {
      result = fn();
    } catch (error) {
      if (this.depth > 1) {
        // Inside an outer transaction: only the outermost level can roll back; it may now only do that.
        this.depth -= 1;
        this.rollbackOnly = true;
      } else this.rollback();
      throw error;
    }
    this.commit();
    return result;
  }

  /**
   * Records a write. `what` names the object for the error a write outside a transaction gets;
   * `touchedKey` names the object written (`orderTouchKey`, `customObjectTouchKey`): commit
   * listeners refresh the search index from it, and the custom-object write count reads it.
   */
  recordWrite(what: string, undo: () => void, touchedKey?: string): void {
    this.assertAlive();
    if (this.depth === 0) {
      throw new PlatformError(
        'ScriptingException',
        `Cannot modify ${what} outside of a transaction: wrap the change in Transaction.wrap() or Transaction.begin()/commit()`,
      );
    }
    this.undoLog.push(undo);
    if (touchedKey) this.touched.add(touchedKey);
  }

  /** Called by the job runner at the end of a step: an open transaction commits, or rolls back after an error. */
  finishStep(failed: boolean): 'none' | 'committed' | 'rolledBack' {
    if (this.depth === 0) return 'none';
    if (failed || this.rollbackOnly || this.killedBy) {
      this.rollback();
      return 'rolledBack';
    }
    this.depth = 1;
    this.commit();
    return 'committed';
  }
}
