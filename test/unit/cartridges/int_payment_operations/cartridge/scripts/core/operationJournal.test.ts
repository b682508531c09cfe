import { expect } from 'chai';
import {
  boundedInteractions,
  findOperation,
  isFinal,
  JOURNAL_TYPE,
  MAX_INTERACTIONS,
  MAX_INTERACTIONS_TEXT,
  operationId,
  operationsOfOrder,
  orderNoOf,
  pendingOperations,
  planOperation,
  updateOperation,
  utf8Length,
  type OperationPlan,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/operationJournal';
import type { Interaction } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/providerCall';
import {
  CustomObjectMgr,
  defineMetadata,
  resetDwMocks,
  Transaction,
  type CustomObjectMock,
} from '../../../../../../helpers/dwMocks';

function plan(overrides: Partial<OperationPlan> = {}): OperationPlan {
  return {
    provider: 'alma',
    type: 'capture',
    orderNo: '00001234',
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

describe('core/operationJournal', () => {
  beforeEach(() => {
    resetDwMocks();
    defineMetadata();
  });

  it('builds a deterministic operation ID from provider, type, order number and sequence', () => {
    expect(operationId('alma', 'capture', '00001234', 1)).to.equal('alma:capture:00001234:1');
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
    it('creates a Planned PaymentOperation keyed by the operation ID, with the plan recorded', () => {
      const { entry, created } = Transaction.wrap(() => planOperation(plan()));
      expect(created).to.equal(true);
      expect(entry).to.include({
        id: 'alma:capture:00001234:1',
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
        providerReference: null,
        reason: null,
        lastAttemptAt: null,
        completedAt: null,
      });
      expect(entry.interactions).to.deep.equal([]);
      const [object] = CustomObjectMgr.__objects(JOURNAL_TYPE);
      expect(object.__key).to.equal('alma:capture:00001234:1');
      expect(object.__values).to.include({ state: 'Planned', provider: 'alma', operationType: 'capture', attempts: 0 });
    });

    it('planned twice gives one object: the second call returns the first, unchanged', () => {
      const first = Transaction.wrap(() => planOperation(plan()));
      const second = Transaction.wrap(() => planOperation(plan({ amountMinor: 500, merchantReference: 'other' })));
      expect(second.created).to.equal(false);
      expect(second.entry.id).to.equal(first.entry.id);
      expect(second.entry.amountMinor).to.equal(1999);
      expect(second.entry.merchantReference).to.equal('00001234-capture-1');
      expect(CustomObjectMgr.__objects(JOURNAL_TYPE)).to.have.length(1);
    });

    it('keeps a null amount (an operation on the whole payment, e.g. a cancel)', () => {
      const { entry } = Transaction.wrap(() => planOperation(plan({ type: 'cancel', amountMinor: null })));
      expect(entry.amountMinor).to.equal(null);
      expect(entry.id).to.equal('alma:cancel:00001234:1');
    });

    it('cannot write outside a transaction (the platform refuses it too)', () => {
      expect(() => planOperation(plan())).to.throw('can only be modified inside a transaction');
    });

    it('leaves nothing behind when the transaction that planned it rolls back', () => {
      expect(() =>
        Transaction.wrap(() => {
          planOperation(plan());
          throw new Error('crash after planning');
        }),
      ).to.throw('crash after planning');
      expect(CustomObjectMgr.__objects(JOURNAL_TYPE)).to.have.length(0);
      expect(findOperation('alma:capture:00001234:1')).to.equal(null);
    });
  });

  describe('findOperation', () => {
    it('returns null for an unknown ID, and the entry with its dates for a known one', () => {
      expect(findOperation('alma:capture:nope:1')).to.equal(null);
      const created = new Date('2025-03-01T08:00:00Z');
      CustomObjectMgr.__setClock(() => created);
      Transaction.wrap(() => planOperation(plan()));
      const entry = findOperation('alma:capture:00001234:1')!;
      expect(entry.createdAt.getTime()).to.equal(created.getTime());
      expect(entry.state).to.equal('Planned');
    });
  });

  describe('updateOperation', () => {
    beforeEach(() => Transaction.wrap(() => planOperation(plan())));

    it('changes only the given fields and returns the new record', () => {
      const at = new Date('2025-03-01T09:00:00Z');
      const entry = Transaction.wrap(() =>
        updateOperation('alma:capture:00001234:1', {
          state: 'Succeeded',
          attempts: 1,
          providerReference: 'capture_1',
          reason: 'Capture of 19.99 EUR succeeded at Alma.',
          lastAttemptAt: at,
          completedAt: at,
        }),
      );
      expect(entry).to.include({
        state: 'Succeeded',
        attempts: 1,
        providerReference: 'capture_1',
        reason: 'Capture of 19.99 EUR succeeded at Alma.',
        amountMinor: 1999,
        merchantReference: '00001234-capture-1',
      });
      expect(entry.lastAttemptAt!.getTime()).to.equal(at.getTime());
      expect(entry.completedAt!.getTime()).to.equal(at.getTime());
      const cleared = Transaction.wrap(() =>
        updateOperation('alma:capture:00001234:1', { completedAt: null, providerReference: null, amountMinor: null }),
      );
      expect(cleared).to.include({ completedAt: null, providerReference: null, amountMinor: null, state: 'Succeeded' });
    });

    it('throws for an operation that is not in the journal', () => {
      expect(() => Transaction.wrap(() => updateOperation('alma:capture:missing:1', { state: 'Failed' }))).to.throw(
        'Payment operation alma:capture:missing:1 is not in the journal',
      );
    });

    it('refuses a state the journal attribute does not define', () => {
      expect(() =>
        Transaction.wrap(() => updateOperation('alma:capture:00001234:1', { state: 'Done' as never })),
      ).to.throw("custom attribute 'state' takes one of Planned, InFlight, Succeeded, Rejected, Failed");
      expect(findOperation('alma:capture:00001234:1')!.state).to.equal('Planned');
    });

    it('appends each interaction, oldest first', () => {
      Transaction.wrap(() => updateOperation('alma:capture:00001234:1', { interaction: interaction(1) }));
      const entry = Transaction.wrap(() =>
        updateOperation('alma:capture:00001234:1', { interaction: interaction(2), state: 'InFlight' }),
      );
      expect(entry.interactions).to.deep.equal([interaction(1), interaction(2)]);
      expect(entry.state).to.equal('InFlight');
    });

    it('keeps only the last 10 interactions', () => {
      for (let n = 1; n <= 13; n++) {
        Transaction.wrap(() => updateOperation('alma:capture:00001234:1', { interaction: interaction(n) }));
      }
      const entry = findOperation('alma:capture:00001234:1')!;
      expect(MAX_INTERACTIONS).to.equal(10);
      expect(entry.interactions).to.have.length(10);
      expect(entry.interactions[0].request).to.match(/#4$/);
      expect(entry.interactions[9].request).to.match(/#13$/);
    });

    it('keeps the stored text within 9000 characters by dropping the oldest interactions', () => {
      for (let n = 1; n <= 10; n++) {
        Transaction.wrap(() => updateOperation('alma:capture:00001234:1', { interaction: interaction(n, 1000) }));
      }
      const [object] = CustomObjectMgr.__objects(JOURNAL_TYPE) as CustomObjectMock[];
      const text = object.__values.interactions as string;
      expect(MAX_INTERACTIONS_TEXT).to.equal(9000);
      expect(text.length).to.be.at.most(9000);
      const kept = JSON.parse(text) as Interaction[];
      expect(kept.length).to.be.within(7, 9);
      expect(kept[kept.length - 1].request).to.match(/#10$/);
      expect(findOperation('alma:capture:00001234:1')!.interactions).to.deep.equal(kept);
    });

    it('bounds the stored text in UTF-8 bytes, so multi-byte reasons (Japanese) stay within 9000 bytes', () => {
      // 300 three-byte characters: about 900 bytes per interaction, but only about 300 characters.
      const japanese = (n: number): Interaction => ({ ...interaction(n), response: '決済が拒否されました'.repeat(30) });
      for (let n = 1; n <= 10; n++) {
        Transaction.wrap(() => updateOperation('alma:capture:00001234:1', { interaction: japanese(n) }));
      }
      const [object] = CustomObjectMgr.__objects(JOURNAL_TYPE) as CustomObjectMock[];
      const text = object.__values.interactions as string;
      expect(text.length).to.be.below(MAX_INTERACTIONS_TEXT / 2);
      expect(utf8Length(text)).to.be.at.most(MAX_INTERACTIONS_TEXT);
      expect(Buffer.byteLength(text, 'utf8')).to.equal(utf8Length(text));
      const kept = JSON.parse(text) as Interaction[];
      expect(kept.length).to.be.within(7, 9);
      expect(kept[kept.length - 1].request).to.match(/#10$/);
    });

    it('reads a damaged interaction list as empty and starts it again', () => {
      const [object] = CustomObjectMgr.__objects(JOURNAL_TYPE);
      object.__values.interactions = '{not json';
      expect(findOperation('alma:capture:00001234:1')!.interactions).to.deep.equal([]);
      const entry = Transaction.wrap(() => updateOperation('alma:capture:00001234:1', { interaction: interaction(1) }));
      expect(entry.interactions).to.deep.equal([interaction(1)]);
    });
  });

  describe('utf8Length', () => {
    it('counts UTF-8 bytes: 1 for ASCII, 2 for é, 3 for Japanese, 4 for a character beyond the BMP', () => {
      expect(utf8Length('')).to.equal(0);
      expect(utf8Length('Capture refused')).to.equal(15);
      expect(utf8Length('é')).to.equal(2);
      expect(utf8Length('決済')).to.equal(6);
      expect(utf8Length('💴')).to.equal(4);
      const mixed = 'Alma: 決済が拒否されました — 100 €';
      expect(utf8Length(mixed)).to.equal(Buffer.byteLength(mixed, 'utf8'));
    });
  });

  describe('boundedInteractions', () => {
    it('keeps at least the newest one (providerCall cuts each text to 1000 characters, so it fits)', () => {
      const huge = interaction(1, 12000);
      expect(JSON.parse(boundedInteractions([interaction(0), huge]))).to.deep.equal([huge]);
      expect(boundedInteractions([])).to.equal('[]');
    });
  });

  describe('pendingOperations', () => {
    it('queries Planned or InFlight operations of one provider and type, oldest first', () => {
      const iterator = pendingOperations('alma', 'refund');
      iterator.close();
      expect(CustomObjectMgr.__queries).to.deep.equal([
        {
          type: 'PaymentOperation',
          query: 'custom.provider = {0} AND custom.operationType = {1} AND (custom.state = {2} OR custom.state = {3})',
          sortString: 'creationDate asc',
          args: ['alma', 'refund', 'Planned', 'InFlight'],
        },
      ]);
    });

    it('finds exactly the unfinished ones, oldest first', () => {
      let minute = 0;
      CustomObjectMgr.__setClock(() => new Date(Date.UTC(2025, 0, 1, 0, minute++)));
      const states: Array<[string, 'capture' | 'refund', string]> = [
        ['A', 'capture', 'InFlight'],
        ['B', 'capture', 'Succeeded'],
        ['C', 'refund', 'Planned'],
        ['D', 'capture', 'Planned'],
        ['E', 'capture', 'Failed'],
        ['F', 'capture', 'Rejected'],
      ];
      for (const [orderNo, type, state] of states) {
        Transaction.wrap(() => {
          const { entry } = planOperation(plan({ orderNo, type }));
          updateOperation(entry.id, { state: state as never });
        });
      }
      Transaction.wrap(() => planOperation(plan({ orderNo: 'G', provider: 'komoju' })));
      const iterator = pendingOperations('alma', 'capture');
      const found: string[] = [];
      while (iterator.hasNext()) found.push(orderNoOf(iterator.next()));
      iterator.close();
      expect(found).to.deep.equal(['A', 'D']);
    });
  });

  describe('operationsOfOrder', () => {
    it('lists sequences 1, 2, … of an order until the first gap', () => {
      Transaction.wrap(() => {
        planOperation(plan({ type: 'refund', sequence: 1, amountMinor: 100 }));
        planOperation(plan({ type: 'refund', sequence: 2, amountMinor: 200 }));
        planOperation(plan({ type: 'refund', sequence: 4, amountMinor: 400 }));
        planOperation(plan({ type: 'refund', orderNo: 'other', sequence: 3 }));
      });
      expect(operationsOfOrder('alma', 'refund', '00001234').map((e) => [e.id, e.amountMinor])).to.deep.equal([
        ['alma:refund:00001234:1', 100],
        ['alma:refund:00001234:2', 200],
      ]);
      expect(operationsOfOrder('alma', 'capture', '00001234')).to.deep.equal([]);
    });
  });
});
