'use strict';
// dw.system.Transaction: begin/commit/rollback/wrap with nesting (only the outermost commit
// commits), and a rollback that undoes every write since the outermost begin (the persistent-object
// mocks register an undo for each write with Transaction.__recordWrite, which throws outside a
// transaction, as the platform refuses to modify persistent objects outside one).
//
// Test controls:
//   Transaction.__depth()      how many begins are open (0: no transaction)
//   Transaction.__events       'begin' / 'commit' / 'rollback' of the outermost level, in order;
//                              tests may push their own markers (e.g. 'call') to check the order
//   Transaction.__commits / __rollbacks  counts
var depth = 0;
var rollbackOnly = false;
var undo = [];
var events = [];
var counts = { commits: 0, rollbacks: 0 };

function rollback() {
  if (depth === 0) return;
  for (var i = undo.length - 1; i >= 0; i--) undo[i]();
  undo = [];
  depth = 0;
  rollbackOnly = false;
  counts.rollbacks++;
  events.push('rollback');
}

var Transaction = {
  begin: function () {
    if (depth === 0) events.push('begin');
    depth++;
  },
  commit: function () {
    if (depth === 0) throw new Error('IllegalStateException: Transaction.commit() without Transaction.begin()');
    if (rollbackOnly) {
      rollback();
      throw new Error('The transaction is marked rollback-only after an error inside it and was rolled back');
    }
    depth--;
    if (depth > 0) return;
    undo = [];
    counts.commits++;
    events.push('commit');
  },
  rollback: rollback,
  wrap: function (fn) {
    if (typeof fn !== 'function') throw new TypeError('Transaction.wrap() needs a function');
    Transaction.begin();
    var result;
    try {
      result = fn();
    } catch (e) {
      if (depth > 1) {
        depth--;
        rollbackOnly = true;
      } else {
        rollback();
      }
      throw e;
    }
    Transaction.commit();
    return result;
  },
  __depth: function () {
    return depth;
  },
  /** Called by the persistent-object mocks before each write; `restore` undoes it on rollback. */
  __recordWrite: function (what, restore) {
    if (depth === 0) throw new Error(what + ': a persistent object can only be modified inside a transaction');
    undo.push(restore);
  },
  __events: events,
  __counts: counts,
  __reset: function () {
    depth = 0;
    rollbackOnly = false;
    undo = [];
    events.length = 0;
    counts.commits = 0;
    counts.rollbacks = 0;
  },
};
module.exports = Transaction;
