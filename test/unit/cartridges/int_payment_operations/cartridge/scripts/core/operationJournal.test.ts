import { expect } from 'chai';
import sinon from 'sinon';
import {
  boundedInteractions,
  dequeue,
  findOperation,
  historyText,
  isFinal,
  isQueued,
  MAX_HISTORY_LENGTH,
  MAX_INTERACTIONS,
  MAX_INTERACTIONS_TEXT,
  MAX_REASON_LENGTH,
  operationId,
  operationsOfOrder,
  orderNoOf,
  pendingOperations,
  planOperation,
  QUEUE_TYPE,
  queuedOperationId,
  updateOperation,
  type OperationPlan,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/operationJournal';
import type { OperationState } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/operation';
import type { Interaction } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/providerCall';
import { utf8Length } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/text';
import {
  CustomObjectMgr,
  defineMetadata,
  OrderMgr,
  resetDwMocks,
  Transaction,
  type OrderMock,
} from '../../../../../../helpers/dwMocks';

const ID = 'alma:capture:00001234:1';

function plan(overrides: Partial<OperationPlan> = {}): OperationPlan {
  return {
    provider: 'alma',
    type: 'capture',
    sequence: 1,
    amountMinor: 1999,
    currencyCode: 'EUR',
    paymentReference: 'payment_11uPRjP4bjr1NDvBd9WgnRXVh7Kb4lhIJ5',
    merchantReference: '00001234-capture-1',
    idempotencyKey: 'uuid-00001234-capture-1',
    ...overrides,
  };
}

function interaction(n: number, size = 10): Interaction {
  return {
    type: 'capture',
    at: '2025-01-0' + ((n % 9) + 1) + 'T10:00:00.000Z',
    request: 'POST /v1/payments/p/captures #' + n,
    status: 200,
    response: 'x'.repeat(size),
  };
}

/** The order's payment history as stored (payopsHistory, JSON text). */
function stored(order: OrderMock): Array<{ [field: string]: unknown }> {
  const text = order.__values.payopsHistory;
  return text ? (JSON.parse(String(text)) as Array<{ [field: string]: unknown }>) : [];
}

/** The work queue: the keys of the PaymentOperation custom objects. */
function queue(): string[] {
  return CustomObjectMgr.__objects(QUEUE_TYPE).map((object) => object.__key);
}

let order: OrderMock;

describe('core/operationJournal', () => {
  beforeEach(() => {
    resetDwMocks();
    defineMetadata();
    order = OrderMgr.__add({ orderNo: '00001234' });
  });

  it('builds a deterministic operation ID from provider, type, order number and sequence', () => {
    expect(operationId('alma', 'capture', '00001234', 1)).to.equal(ID);
    expect(operationId('alma', 'refund', '00001234', 2)).to.equal('alma:refund:00001234:2');
    expect(operationId('komoju', 'cancel', 'A-1', 1)).to.equal(operationId('komoju', 'cancel', 'A-1', 1));
  });

  it('knows the final states', () => {
    expect(['Planned', 'InFlight', 'Succeeded', 'Rejected', 'Failed'].map((s) => isFinal(s as never))).to.deep.equal([
      false,
      false,
      true,
      true,
      true,
    ]);
  });

  describe('planOperation', () => {
    it('records a Planned operation in the order’s payment history, with the plan', () => {
      const { entry, created } = Transaction.wrap(() => planOperation(order, plan()));
      expect(created).to.equal(true);
      expect(entry).to.include({
        id: ID,
        provider: 'alma',
        type: 'capture',
        orderNo: '00001234',
        amountMinor: 1999,
        currencyCode: 'EUR',
        paymentReference: 'payment_11uPRjP4bjr1NDvBd9WgnRXVh7Kb4lhIJ5',
        merchantReference: '00001234-capture-1',
        idempotencyKey: 'uuid-00001234-capture-1',
        state: 'Planned',
        attempts: 0,
        sent: false,
        reads: 0,
        providerReference: null,
        reason: null,
        lastAttemptAt: null,
        completedAt: null,
        movedMinor: null,
        settledMinor: null,
        remainingMinor: null,
      });
      expect(entry.interactions).to.deep.equal([]);
      expect(stored(order)).to.have.length(1);
      expect(stored(order)[0]).to.include({ id: ID, state: 'Planned', amountMinor: 1999, provider: 'alma' });
    });

    it('creates the work-queue object of the unfinished operation: a PaymentOperation keyed by its ID', () => {
      Transaction.wrap(() => planOperation(order, plan()));
      const [object] = CustomObjectMgr.__objects(QUEUE_TYPE);
      expect(object.__key).to.equal(ID);
      expect(object.__values).to.deep.include({
        orderNo: '00001234',
        provider: 'alma',
        operationType: 'capture',
        state: 'Planned',
        attempts: 0,
      });
      expect(isQueued(ID)).to.equal(true);
      expect(queuedOperationId(object as unknown as dw.object.CustomObject)).to.equal(ID);
      expect(orderNoOf(object as unknown as dw.object.CustomObject)).to.equal('00001234');
    });

    it('plans with the intent to send in the same write (InFlight, first attempt), queued as InFlight', () => {
      const at = new Date('2025-03-01T09:00:00Z');
      const { entry } = Transaction.wrap(() =>
        planOperation(order, plan(), { state: 'InFlight', attempts: 1, sent: true, lastAttemptAt: at }),
      );
      expect(entry).to.include({ state: 'InFlight', attempts: 1, sent: true });
      expect(entry.lastAttemptAt!.getTime()).to.equal(at.getTime());
      expect(CustomObjectMgr.__objects(QUEUE_TYPE)[0].__values).to.include({ state: 'InFlight', attempts: 1 });
      expect(Transaction.__counts.commits).to.equal(1);
    });

    it('plans an operation that is final at once (a refund refused before sending) without a work-queue object', () => {
      const { entry } = Transaction.wrap(() =>
        planOperation(order, plan({ type: 'refund', amountMinor: null }), {
          state: 'Failed',
          completedAt: new Date(),
          reason: 'Refund not possible, nothing was sent: no key.',
        }),
      );
      expect(entry).to.include({ id: 'alma:refund:00001234:1', state: 'Failed', sent: false });
      expect(queue()).to.deep.equal([]);
      expect(findOperation(order, 'alma:refund:00001234:1')!.state).to.equal('Failed');
    });

    it('planned twice gives one record: the second call returns the first, unchanged', () => {
      const first = Transaction.wrap(() => planOperation(order, plan()));
      const second = Transaction.wrap(() =>
        planOperation(order, plan({ amountMinor: 500, merchantReference: 'other' }), { state: 'InFlight' }),
      );
      expect(second.created).to.equal(false);
      expect(second.entry.id).to.equal(first.entry.id);
      expect(second.entry).to.include({ amountMinor: 1999, merchantReference: '00001234-capture-1', state: 'Planned' });
      expect(stored(order)).to.have.length(1);
      expect(queue()).to.deep.equal([ID]);
    });

    it('planned twice finds the first in the history when it has left the work queue (final), and changes nothing', () => {
      Transaction.wrap(() => {
        planOperation(order, plan());
        updateOperation(order, ID, { state: 'Succeeded', providerReference: 'capture_1', completedAt: new Date() });
      });
      expect(queue()).to.deep.equal([]);
      const before = order.__values.payopsHistory;
      const again = Transaction.wrap(() => planOperation(order, plan({ amountMinor: 500 })));
      expect(again.created).to.equal(false);
      expect(again.entry).to.include({ state: 'Succeeded', providerReference: 'capture_1', amountMinor: 1999 });
      expect(order.__values.payopsHistory).to.equal(before);
      expect(queue(), 'not queued again').to.deep.equal([]);
    });

    it('planned twice finds the first in the history even when its work-queue object was removed by hand', () => {
      Transaction.wrap(() => planOperation(order, plan(), { state: 'InFlight', attempts: 1, sent: true }));
      Transaction.wrap(() => dequeue(ID));
      const again = Transaction.wrap(() => planOperation(order, plan()));
      expect(again.created).to.equal(false);
      expect(again.entry).to.include({ state: 'InFlight', attempts: 1 });
    });

    it('keeps each order’s history apart: the same sequence on another order is another operation', () => {
      const other = OrderMgr.__add({ orderNo: '00009999' });
      Transaction.wrap(() => planOperation(order, plan()));
      const { entry, created } = Transaction.wrap(() => planOperation(other, plan()));
      expect(created).to.equal(true);
      expect(entry).to.include({ id: 'alma:capture:00009999:1', orderNo: '00009999' });
      expect(stored(order).map((r) => r.id)).to.deep.equal([ID]);
      expect(queue()).to.deep.equal([ID, 'alma:capture:00009999:1']);
    });

    it('keeps a null amount (an operation on the whole payment, e.g. a cancel)', () => {
      const { entry } = Transaction.wrap(() => planOperation(order, plan({ type: 'cancel', amountMinor: null })));
      expect(entry.amountMinor).to.equal(null);
      expect(entry.id).to.equal('alma:cancel:00001234:1');
    });

    it('cannot write outside a transaction (the platform refuses it too)', () => {
      expect(() => planOperation(order, plan())).to.throw('can only be modified inside a transaction');
      expect(order.__values.payopsHistory).to.equal(undefined);
    });

    it('leaves nothing behind, on the order or in the work queue, when the transaction that planned it rolls back', () => {
      expect(() =>
        Transaction.wrap(() => {
          planOperation(order, plan());
          throw new Error('crash after planning');
        }),
      ).to.throw('crash after planning');
      expect(queue()).to.deep.equal([]);
      expect(findOperation(order, ID)).to.equal(null);
      expect(stored(order)).to.deep.equal([]);
    });
  });

  describe('findOperation', () => {
    it('returns null for an unknown ID, and the entry with its dates for a known one', () => {
      expect(findOperation(order, 'alma:capture:nope:1')).to.equal(null);
      const created = new Date('2025-03-01T08:00:00Z');
      const clock = sinon.useFakeTimers({ now: created, toFake: ['Date'] });
      try {
        Transaction.wrap(() => planOperation(order, plan()));
      } finally {
        clock.restore();
      }
      const entry = findOperation(order, ID)!;
      expect(entry.createdAt.getTime()).to.equal(created.getTime());
      expect(stored(order)[0].createdAt).to.equal('2025-03-01T08:00:00.000Z');
      expect(entry.state).to.equal('Planned');
    });

    it('refuses a damaged history (not JSON, not a list) instead of taking it for an empty one', () => {
      // Planning over it as if empty could send a refund a second time under a new reference.
      const refused =
        'The payment history of order 00001234 (Payment Operations History) cannot be read; nothing is sent for ' +
        'this order until it is repaired';
      order.__values.payopsHistory = '{not json';
      expect(() => findOperation(order, ID)).to.throw(refused);
      order.__values.payopsHistory = '{"id":"x"}';
      expect(() => operationsOfOrder(order, 'alma', 'capture')).to.throw(refused);
      expect(() => Transaction.wrap(() => planOperation(order, plan()))).to.throw(refused);
      expect(order.__values.payopsHistory, 'never overwritten').to.equal('{"id":"x"}');
    });

    it('reads a record with fields missing (written by hand) with safe defaults', () => {
      order.__values.payopsHistory = JSON.stringify([
        { id: ID, provider: 'alma', type: 'capture', state: 'Succeeded', currencyCode: 'EUR', interactions: 'oops' },
      ]);
      expect(findOperation(order, ID)).to.deep.include({
        orderNo: '00001234',
        amountMinor: null,
        attempts: 0,
        sent: false,
        reads: 0,
        paymentReference: '',
        providerReference: null,
        reason: null,
        completedAt: null,
        movedMinor: null,
        interactions: [],
      });
    });
  });

  describe('updateOperation', () => {
    beforeEach(() => Transaction.wrap(() => planOperation(order, plan())));

    it('changes only the given fields and returns the new record', () => {
      const at = new Date('2025-03-01T09:00:00Z');
      const entry = Transaction.wrap(() =>
        updateOperation(order, ID, {
          state: 'Succeeded',
          attempts: 1,
          sent: true,
          providerReference: 'capture_1',
          reason: 'Capture of 19.99 EUR succeeded at Alma.',
          lastAttemptAt: at,
          completedAt: at,
          movedMinor: 4000,
          settledMinor: 12000,
          remainingMinor: null,
        }),
      );
      expect(entry).to.include({
        state: 'Succeeded',
        attempts: 1,
        sent: true,
        providerReference: 'capture_1',
        reason: 'Capture of 19.99 EUR succeeded at Alma.',
        amountMinor: 1999,
        merchantReference: '00001234-capture-1',
        movedMinor: 4000,
        settledMinor: 12000,
        remainingMinor: null,
      });
      expect(entry.lastAttemptAt!.getTime()).to.equal(at.getTime());
      expect(entry.completedAt!.getTime()).to.equal(at.getTime());
      expect(findOperation(order, ID)).to.deep.equal(entry);
      const cleared = Transaction.wrap(() =>
        updateOperation(order, ID, { completedAt: null, providerReference: null, amountMinor: null }),
      );
      expect(cleared).to.include({ completedAt: null, providerReference: null, amountMinor: null, state: 'Succeeded' });
    });

    it('throws for an operation that is not in the payment history of the order', () => {
      expect(() =>
        Transaction.wrap(() => updateOperation(order, 'alma:capture:missing:1', { state: 'Failed' })),
      ).to.throw('Payment operation alma:capture:missing:1 is not in the payment history of order 00001234');
    });

    it('refuses a state the work queue does not define, and keeps the record as it was', () => {
      expect(() => Transaction.wrap(() => updateOperation(order, ID, { state: 'Done' as never }))).to.throw(
        "custom attribute 'state' takes one of Planned, InFlight",
      );
      expect(findOperation(order, ID)!.state).to.equal('Planned');
    });

    it('appends each interaction, oldest first', () => {
      Transaction.wrap(() => updateOperation(order, ID, { interactions: [interaction(1)] }));
      const entry = Transaction.wrap(() =>
        updateOperation(order, ID, { interactions: [interaction(2), interaction(3)], state: 'InFlight' }),
      );
      expect(entry.interactions).to.deep.equal([interaction(1), interaction(2), interaction(3)]);
      expect(entry.state).to.equal('InFlight');
    });

    it('keeps only the last 10 interactions', () => {
      for (let n = 1; n <= 13; n++) {
        Transaction.wrap(() => updateOperation(order, ID, { interactions: [interaction(n)] }));
      }
      const entry = findOperation(order, ID)!;
      expect(MAX_INTERACTIONS).to.equal(10);
      expect(entry.interactions).to.have.length(10);
      expect(entry.interactions[0].request).to.match(/#4$/);
      expect(entry.interactions[9].request).to.match(/#13$/);
    });

    it('keeps an operation’s interactions within 9,000 bytes by dropping the oldest', () => {
      for (let n = 1; n <= 10; n++) {
        Transaction.wrap(() => updateOperation(order, ID, { interactions: [interaction(n, 1000)] }));
      }
      const kept = stored(order)[0].interactions as Interaction[];
      expect(MAX_INTERACTIONS_TEXT).to.equal(9000);
      expect(utf8Length(JSON.stringify(kept))).to.be.at.most(9000);
      expect(kept.length).to.be.within(7, 9);
      expect(kept[kept.length - 1].request).to.match(/#10$/);
      expect(findOperation(order, ID)!.interactions).to.deep.equal(kept);
    });

    it('bounds the interactions in UTF-8 bytes, so multi-byte answers (Japanese) stay within 9,000 bytes', () => {
      // 300 three-byte characters: about 900 bytes per interaction, but only about 300 characters.
      const japanese = (n: number): Interaction => ({ ...interaction(n), response: '決済が拒否されました'.repeat(30) });
      for (let n = 1; n <= 10; n++) {
        Transaction.wrap(() => updateOperation(order, ID, { interactions: [japanese(n)] }));
      }
      const text = JSON.stringify(stored(order)[0].interactions);
      expect(text.length).to.be.below(MAX_INTERACTIONS_TEXT / 2);
      expect(utf8Length(text)).to.be.at.most(MAX_INTERACTIONS_TEXT);
      const kept = JSON.parse(text) as Interaction[];
      expect(kept.length).to.be.within(7, 9);
      expect(kept[kept.length - 1].request).to.match(/#10$/);
    });

    it('cuts a long reason to 1,000 characters, never in the middle of an emoji', () => {
      const entry = Transaction.wrap(() =>
        updateOperation(order, ID, { reason: 'Alma refused the capture: ' + '\ud83d\udcb4'.repeat(2500) }),
      );
      expect(MAX_REASON_LENGTH).to.equal(1000);
      expect(entry.reason!.length).to.be.at.most(1000);
      expect(entry.reason!.endsWith('…')).to.equal(true);
      expect(() => encodeURIComponent(entry.reason!)).to.not.throw();
    });

    describe('the work queue follows the state', () => {
      it('mirrors an unfinished operation’s state, attempts and reason on its object', () => {
        Transaction.wrap(() =>
          updateOperation(order, ID, { state: 'InFlight', attempts: 2, reason: 'Outcome of the capture unknown.' }),
        );
        expect(CustomObjectMgr.__objects(QUEUE_TYPE)[0].__values).to.deep.include({
          state: 'InFlight',
          attempts: 2,
          reason: 'Outcome of the capture unknown.',
        });
      });

      for (const state of ['Succeeded', 'Rejected', 'Failed'] as OperationState[]) {
        it(`removes the object in the transaction that records the final outcome (${state})`, () => {
          Transaction.__events.length = 0;
          Transaction.wrap(() => updateOperation(order, ID, { state, completedAt: new Date() }));
          expect(queue()).to.deep.equal([]);
          expect(isQueued(ID)).to.equal(false);
          expect(Transaction.__events).to.deep.equal(['begin', 'commit']);
          // The lasting record stays on the order.
          expect(findOperation(order, ID)!.state).to.equal(state);
        });
      }

      it('keeps the object when the transaction recording the outcome rolls back', () => {
        expect(() =>
          Transaction.wrap(() => {
            updateOperation(order, ID, { state: 'Succeeded' });
            throw new Error('order locked');
          }),
        ).to.throw('order locked');
        expect(queue()).to.deep.equal([ID]);
        expect(findOperation(order, ID)!.state).to.equal('Planned');
      });

      it('queues an operation again when it is set back to Planned (re-armed by an operator)', () => {
        Transaction.wrap(() => updateOperation(order, ID, { state: 'Failed', completedAt: new Date() }));
        expect(queue()).to.deep.equal([]);
        Transaction.wrap(() => updateOperation(order, ID, { state: 'Planned', attempts: 0, completedAt: null }));
        expect(queue()).to.deep.equal([ID]);
        expect(CustomObjectMgr.__objects(QUEUE_TYPE)[0].__values).to.include({ state: 'Planned', attempts: 0 });
      });

      it('dequeue removes an object (an order that no longer exists) and ignores one that is not there', () => {
        Transaction.wrap(() => dequeue(ID));
        expect(queue()).to.deep.equal([]);
        expect(() => Transaction.wrap(() => dequeue(ID))).to.not.throw();
        expect(findOperation(order, ID), 'the history is the order’s').to.not.equal(null);
      });
    });
  });

  describe('boundedInteractions', () => {
    it('keeps at least the newest one (providerCall cuts each text to 1,000 characters, so it fits)', () => {
      const huge = interaction(1, 12000);
      expect(boundedInteractions([interaction(0), huge])).to.deep.equal([huge]);
      expect(boundedInteractions([])).to.deep.equal([]);
    });
  });

  describe('the payment history’s length (MAX_HISTORY_LENGTH)', () => {
    /** Eight interactions of about 1,100 characters: close to the 9,000 bytes an operation keeps. */
    const eight = (sequence: number) =>
      Array.from({ length: 8 }, (_, n) => ({ ...interaction(n, 1000), request: 'refund ' + sequence + ' #' + n }));
    const refundId = (sequence: number) => operationId('alma', 'refund', '00001234', sequence);

    it('drops the interactions of the oldest finished operations first, never their summaries', () => {
      expect(MAX_HISTORY_LENGTH).to.equal(32000);
      Transaction.wrap(() => {
        for (let sequence = 1; sequence <= 5; sequence++) {
          planOperation(order, plan({ type: 'refund', sequence, amountMinor: 100 * sequence }));
        }
      });
      // The oldest is still unfinished; the four after it succeeded.
      for (let sequence = 1; sequence <= 5; sequence++) {
        Transaction.wrap(() =>
          updateOperation(order, refundId(sequence), {
            state: sequence === 1 ? 'InFlight' : 'Succeeded',
            reason: 'Refund ' + sequence + ' reason.',
            providerReference: sequence === 1 ? null : 'refund_' + sequence,
            interactions: eight(sequence),
          }),
        );
      }
      const text = String(order.__values.payopsHistory);
      expect(text.length).to.be.at.most(MAX_HISTORY_LENGTH);
      const history = stored(order);
      expect(history.map((r) => [r.id, (r.interactions as Interaction[]).length, r.interactionsDropped])).to.deep.equal(
        [
          [refundId(1), 8, undefined], // unfinished: its exchanges are what the next run reconciles from
          [refundId(2), 0, 8],
          [refundId(3), 0, 8],
          [refundId(4), 8, undefined],
          [refundId(5), 8, undefined],
        ],
      );
      // Every summary is there: nothing is ever planned twice.
      for (let sequence = 1; sequence <= 5; sequence++) {
        expect(findOperation(order, refundId(sequence))).to.include({
          amountMinor: 100 * sequence,
          reason: 'Refund ' + sequence + ' reason.',
          state: sequence === 1 ? 'InFlight' : 'Succeeded',
        });
      }
    });

    it('keeps every summary even when the summaries alone are longer (a text attribute holds them)', () => {
      const long = 'r'.repeat(MAX_REASON_LENGTH);
      Transaction.wrap(() => {
        for (let sequence = 1; sequence <= 40; sequence++) {
          planOperation(order, plan({ type: 'refund', sequence }), {
            state: 'Failed',
            reason: long,
            interactions: [interaction(sequence, 200)],
          });
        }
      });
      const history = stored(order);
      expect(String(order.__values.payopsHistory).length).to.be.greaterThan(MAX_HISTORY_LENGTH);
      expect(history).to.have.length(40);
      expect(history.every((r) => r.reason === long)).to.equal(true);
      expect(history.every((r) => (r.interactions as Interaction[]).length === 0)).to.equal(true);
      expect(operationsOfOrder(order, 'alma', 'refund')).to.have.length(40);
    });

    it('historyText leaves a history within the bound as it is, and counts what it drops', () => {
      type Stored = Parameters<typeof historyText>[0][number];
      const record = (id: string, state: string, size: number): Stored =>
        ({ id, state, reason: null, interactions: [interaction(1, size)] }) as unknown as Stored;
      const small = [record('a', 'Succeeded', 10)];
      expect(historyText(small)).to.equal(JSON.stringify(small));
      const big = [record('a', 'Succeeded', 20000), record('b', 'Planned', 20000), record('c', 'Failed', 5000)];
      const text = historyText(big);
      expect(text.length).to.be.at.most(MAX_HISTORY_LENGTH);
      expect(
        (JSON.parse(text) as Stored[]).map((r) => [r.id, r.interactions.length, r.interactionsDropped]),
      ).to.deep.equal([
        ['a', 0, 1],
        ['b', 1, undefined],
        ['c', 1, undefined],
      ]);
    });
  });

  describe('pendingOperations', () => {
    it('queries the work queue of one provider and type, oldest first', () => {
      const iterator = pendingOperations('alma', 'refund');
      iterator.close();
      expect(CustomObjectMgr.__queries).to.deep.equal([
        {
          type: 'PaymentOperation',
          query: 'custom.provider = {0} AND custom.operationType = {1}',
          sortString: 'creationDate asc',
          args: ['alma', 'refund'],
        },
      ]);
    });

    it('finds exactly the unfinished ones, oldest first: final operations left the work queue', () => {
      let minute = 0;
      CustomObjectMgr.__setClock(() => new Date(Date.UTC(2025, 0, 1, 0, minute++)));
      const states: Array<[string, 'capture' | 'refund', OperationState]> = [
        ['A', 'capture', 'InFlight'],
        ['B', 'capture', 'Succeeded'],
        ['C', 'refund', 'Planned'],
        ['D', 'capture', 'Planned'],
        ['E', 'capture', 'Failed'],
        ['F', 'capture', 'Rejected'],
      ];
      for (const [orderNo, type, state] of states) {
        const each = OrderMgr.__add({ orderNo });
        Transaction.wrap(() => {
          const { entry } = planOperation(each, plan({ type }));
          updateOperation(each, entry.id, { state });
        });
      }
      Transaction.wrap(() => planOperation(OrderMgr.__add({ orderNo: 'G' }), plan({ provider: 'komoju' })));
      const iterator = pendingOperations('alma', 'capture');
      const found: string[] = [];
      while (iterator.hasNext()) {
        const object = iterator.next();
        found.push(orderNoOf(object) + ' ' + queuedOperationId(object));
      }
      iterator.close();
      expect(found).to.deep.equal(['A alma:capture:A:1', 'D alma:capture:D:1']);
      expect(queue()).to.have.length(4);
    });
  });

  describe('operationsOfOrder', () => {
    it('lists an order’s operations of one provider and type from its history, by sequence', () => {
      Transaction.wrap(() => {
        planOperation(order, plan({ type: 'refund', sequence: 10, amountMinor: 1000 }));
        planOperation(order, plan({ type: 'refund', sequence: 2, amountMinor: 200 }));
        planOperation(order, plan({ type: 'refund', sequence: 1, amountMinor: 100 }));
        planOperation(order, plan({ type: 'refund', sequence: 4, amountMinor: 400 }));
        planOperation(order, plan({ type: 'refund', sequence: 3, provider: 'komoju' }));
        planOperation(order, plan({ type: 'capture', sequence: 1 }));
        planOperation(OrderMgr.__add({ orderNo: 'other' }), plan({ type: 'refund', sequence: 3 }));
      });
      expect(operationsOfOrder(order, 'alma', 'refund').map((e) => [e.id, e.amountMinor])).to.deep.equal([
        ['alma:refund:00001234:1', 100],
        ['alma:refund:00001234:2', 200],
        ['alma:refund:00001234:4', 400],
        ['alma:refund:00001234:10', 1000],
      ]);
      expect(operationsOfOrder(order, 'alma', 'cancel')).to.deep.equal([]);
      expect(operationsOfOrder(OrderMgr.__add({ orderNo: 'empty' }), 'alma', 'refund')).to.deep.equal([]);
    });
  });
});
