/** dw.system.Transaction over the runtime's TransactionManager. */
import type { TransactionManager } from '../../state/transactions';

export function createTransactionModule(transactions: TransactionManager): unknown {
  return {
    begin: () => transactions.begin(),
    commit: () => transactions.commit(),
    rollback: () => transactions.rollback(),
    wrap: <T>(fn: () => T): T => {
      if (typeof fn !== 'function') throw new TypeError('Transaction.wrap() needs a function');
      return transactions.wrap(fn);
    },
  };
}
