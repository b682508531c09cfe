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
import fs from 'node:fs';
import path from 'node:path';
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

    it('applies the defaults when a registration does not export the function (the platform skips it)', () => {
      HookMgr.__register(CAPTURE_AMOUNT_HOOK, { somethingElse: () => 1 });
      HookMgr.__register(BEFORE_OPERATION_HOOK, {});
      expect(captureAmount(order, context)).to.equal(2500);
      expect(beforeOperation(order, proposal)).to.deep.equal({});
    });

    it('registers none of its extension points in this cartridge’s hooks.json: its defaults live in code', () => {
      // The platform calls every registration and returns the last one's value: a do-nothing
      // registration of ours right of a merchant's cartridge would throw the merchant's answer away.
      const hooksJson = path.join(__dirname, '../../../../../../../cartridges/int_payment_operations/hooks.json');
      const { hooks } = JSON.parse(fs.readFileSync(hooksJson, 'utf8')) as { hooks: Array<{ name: string }> };
      const names = hooks.map((hook) => hook.name);
      for (const extensionPoint of [CAPTURE_AMOUNT_HOOK, BEFORE_OPERATION_HOOK, AFTER_OPERATION_HOOK]) {
        expect(names).to.not.include(extensionPoint);
      }
    });
  });

  describe('two registrations along the cartridge path (the platform returns the last one’s value)', () => {
    it('captureAmount: both run, the last one’s amount is used', () => {
      const ran: string[] = [];
      HookMgr.__register(CAPTURE_AMOUNT_HOOK, { captureAmount: () => (ran.push('left'), 4000) });
      HookMgr.__register(CAPTURE_AMOUNT_HOOK, { captureAmount: () => (ran.push('right'), 6000) });
      expect(captureAmount(order, context)).to.equal(6000);
      expect(ran).to.deep.equal(['left', 'right']);
    });

    it('captureAmount: a last registration that returns nothing keeps the proposal, whatever the first chose', () => {
      HookMgr.__register(CAPTURE_AMOUNT_HOOK, { captureAmount: () => 4000 });
      HookMgr.__register(CAPTURE_AMOUNT_HOOK, { captureAmount: () => undefined });
      expect(captureAmount(order, context)).to.equal(2500);
    });

    it('beforeOperation: the last one’s veto or changes count; a last "go ahead" lifts a first veto', () => {
      HookMgr.__register(BEFORE_OPERATION_HOOK, { beforeOperation: () => ({ amountMinor: 1000 }) });
      HookMgr.__register(BEFORE_OPERATION_HOOK, { beforeOperation: () => ({ veto: 'fraud review pending' }) });
      expect(beforeOperation(order, proposal)).to.deep.equal({ veto: 'fraud review pending' });
      HookMgr.__reset();
      HookMgr.__register(BEFORE_OPERATION_HOOK, { beforeOperation: () => ({ veto: 'fraud review pending' }) });
      HookMgr.__register(BEFORE_OPERATION_HOOK, { beforeOperation: () => undefined });
      expect(beforeOperation(order, proposal)).to.deep.equal({});
    });

    it('afterOperation: every registration is told the outcome, in cartridge-path order', () => {
      const told: string[] = [];
      HookMgr.__register(AFTER_OPERATION_HOOK, {
        afterOperation: (_o: dw.order.Order, r: OperationReport) => told.push('left ' + r.state),
      });
      HookMgr.__register(AFTER_OPERATION_HOOK, {
        afterOperation: (_o: dw.order.Order, r: OperationReport) => told.push('right ' + r.state),
      });
      expect(afterOperation(order, report)).to.equal(null);
      expect(told).to.deep.equal(['left Succeeded', 'right Succeeded']);
      expect(HookMgr.__calls).to.have.length(1);
      expect(HookMgr.__calls[0]).to.deep.include({ functionName: 'afterOperation', args: [order, report] });
    });
  });

  describe('captureAmount', () => {
    it('takes the amount a merchant hook chooses, and hands it the order and the context', () => {
      const seen: unknown[] = [];
      HookMgr.__register(CAPTURE_AMOUNT_HOOK, {
        captureAmount: (o: dw.order.Order, c: CaptureAmountContext) => {
          seen.push(o, c);
          return c.authorisedMinor - 100;
        },
      });
      expect(captureAmount(order, context)).to.equal(9900);
      expect(seen).to.deep.equal([order, context]);
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
