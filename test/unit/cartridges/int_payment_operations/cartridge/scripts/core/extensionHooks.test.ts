import { expect } from 'chai';
import {
  AFTER_OPERATION_HOOK,
  afterOperation,
  BEFORE_OPERATION_HOOK,
  beforeOperation,
  CAPTURE_AMOUNT_HOOK,
  captureAmount,
  type CaptureAmountContext,
  type OperationProposal,
  type OperationReport,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/extensionHooks';
import * as defaults from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/hooks/operationHooks';
import { HookMgr, resetDwMocks } from '../../../../../../helpers/dwMocks';

const order = { orderNo: '00001234' } as dw.order.Order;
const context: CaptureAmountContext = {
  provider: 'alma',
  currencyCode: 'EUR',
  authorisedMinor: 10000,
  proposedMinor: 2500,
};
const proposal: OperationProposal = {
  provider: 'alma',
  type: 'capture',
  orderNo: '00001234',
  amountMinor: 2500,
  currencyCode: 'EUR',
  merchantReference: '00001234-capture-1',
  idempotencyKey: 'uuid-capture-1',
};
const report: OperationReport = {
  operationId: 'alma:capture:00001234:1',
  provider: 'alma',
  type: 'capture',
  state: 'Succeeded',
  amountMinor: 2500,
  currencyCode: 'EUR',
  providerReference: 'capture_1',
  reason: 'Capture of 25.00 EUR succeeded at Alma.',
};

describe('core/extensionHooks', () => {
  beforeEach(() => resetDwMocks());

  it('names the three extension points', () => {
    expect([CAPTURE_AMOUNT_HOOK, BEFORE_OPERATION_HOOK, AFTER_OPERATION_HOOK]).to.deep.equal([
      'app.payment.operations.captureAmount',
      'app.payment.operations.beforeOperation',
      'app.payment.operations.afterOperation',
    ]);
  });

  describe('without a merchant hook', () => {
    it('applies the defaults when no hook is registered: proposal kept, no decision, nothing reported', () => {
      expect(captureAmount(order, context)).to.equal(2500);
      expect(captureAmount(order, { ...context, proposedMinor: null })).to.equal(null);
      expect(beforeOperation(order, proposal)).to.deep.equal({});
      expect(afterOperation(order, report)).to.equal(null);
      expect(HookMgr.__calls).to.deep.equal([]);
    });

    it('applies the defaults with only this cartridge’s own registrations (which return nothing)', () => {
      HookMgr.__register(CAPTURE_AMOUNT_HOOK, defaults);
      HookMgr.__register(BEFORE_OPERATION_HOOK, defaults);
      HookMgr.__register(AFTER_OPERATION_HOOK, defaults);
      expect(captureAmount(order, context)).to.equal(2500);
      expect(beforeOperation(order, proposal)).to.deep.equal({});
      expect(afterOperation(order, report)).to.equal(null);
      expect(HookMgr.__calls.map((c) => c.functionName)).to.deep.equal([
        'captureAmount',
        'beforeOperation',
        'afterOperation',
      ]);
      expect(HookMgr.__calls[0].args).to.deep.equal([order, context]);
    });
  });

  describe('captureAmount', () => {
    it('takes the amount a merchant hook chooses, before this cartridge’s default', () => {
      HookMgr.__register(CAPTURE_AMOUNT_HOOK, {
        captureAmount: (_order: dw.order.Order, c: CaptureAmountContext) => c.authorisedMinor - 100,
      });
      HookMgr.__register(CAPTURE_AMOUNT_HOOK, defaults);
      expect(captureAmount(order, context)).to.equal(9900);
    });

    it('takes null from a hook as "the full amount"', () => {
      HookMgr.__register(CAPTURE_AMOUNT_HOOK, { captureAmount: () => null });
      expect(captureAmount(order, context)).to.equal(null);
    });

    it('throws, naming the extension point, when the hook returns something other than a number', () => {
      HookMgr.__register(CAPTURE_AMOUNT_HOOK, { captureAmount: () => '25.00' });
      expect(() => captureAmount(order, context)).to.throw(
        'hook app.payment.operations.captureAmount returned 25.00 instead of an amount in minor units',
      );
    });

    it('throws, naming the extension point, when the hook throws', () => {
      HookMgr.__register(CAPTURE_AMOUNT_HOOK, {
        captureAmount: () => {
          throw new Error('ERP unreachable');
        },
      });
      expect(() => captureAmount(order, context)).to.throw(
        'hook app.payment.operations.captureAmount failed: ERP unreachable',
      );
    });
  });

  describe('beforeOperation', () => {
    it('returns the hook’s veto or changes as they are', () => {
      HookMgr.__register(BEFORE_OPERATION_HOOK, { beforeOperation: () => ({ veto: 'fraud review pending' }) });
      expect(beforeOperation(order, proposal)).to.deep.equal({ veto: 'fraud review pending' });
      HookMgr.__reset();
      HookMgr.__register(BEFORE_OPERATION_HOOK, {
        beforeOperation: (_o: dw.order.Order, p: OperationProposal) => ({
          amountMinor: (p.amountMinor as number) - 500,
          merchantReference: 'ERP-77',
        }),
      });
      expect(beforeOperation(order, proposal)).to.deep.equal({ amountMinor: 2000, merchantReference: 'ERP-77' });
    });

    it('takes null as "go ahead"', () => {
      HookMgr.__register(BEFORE_OPERATION_HOOK, { beforeOperation: () => null });
      expect(beforeOperation(order, proposal)).to.deep.equal({});
    });

    it('throws, naming the extension point, for a non-object answer or a failing hook', () => {
      HookMgr.__register(BEFORE_OPERATION_HOOK, { beforeOperation: () => 'no' });
      expect(() => beforeOperation(order, proposal)).to.throw(
        'hook app.payment.operations.beforeOperation returned no instead of an object',
      );
      HookMgr.__reset();
      HookMgr.__register(BEFORE_OPERATION_HOOK, {
        beforeOperation: () => {
          throw new TypeError('proposal.foo is undefined');
        },
      });
      expect(() => beforeOperation(order, proposal)).to.throw(
        'hook app.payment.operations.beforeOperation failed: proposal.foo is undefined',
      );
    });
  });

  describe('afterOperation', () => {
    it('passes the order and the report to the hook', () => {
      const seen: unknown[] = [];
      HookMgr.__register(AFTER_OPERATION_HOOK, {
        afterOperation: (o: dw.order.Order, r: OperationReport) => {
          seen.push(o, r);
        },
      });
      expect(afterOperation(order, report)).to.equal(null);
      expect(seen).to.deep.equal([order, report]);
    });

    it('returns a failing hook’s error as text instead of throwing', () => {
      HookMgr.__register(AFTER_OPERATION_HOOK, {
        afterOperation: () => {
          throw new Error('mail server down');
        },
      });
      expect(afterOperation(order, report)).to.equal(
        'hook app.payment.operations.afterOperation failed: mail server down',
      );
    });
  });
});
