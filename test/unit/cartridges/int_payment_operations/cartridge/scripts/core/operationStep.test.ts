import { expect } from 'chai';
import {
  createOperationStep,
  DEFAULT_MAX_ATTEMPTS,
  IN_FLIGHT_MARGIN_MILLIS,
  type StepDefinition,
  type StepItem,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/operationStep';
import type { OrderRunSettings } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/orderOperations';
import {
  readJobSummary,
  verdict,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/jobSummary';
import { almaLifecycle } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/alma/almaLifecycle';
import {
  CustomObjectMgr,
  defineMetadata,
  LocalServiceRegistry,
  Logger,
  OrderMgr,
  resetDwMocks,
  SeekableIterator,
  Site,
} from '../../../../../../helpers/dwMocks';
import { ALMA_KEY, ALMA_URL, almaAnswers, PAYMENT } from '../providers/alma/almaHarness';

interface Handled {
  orderNo: string;
  fromJournal: boolean;
  settings: OrderRunSettings;
}

let handled: Handled[];

/** A capture step for Alma whose handler records each order (and runs `also`, which may throw). */
function step(also?: (orderNo: string, settings: OrderRunSettings) => void) {
  const definition: StepDefinition = {
    type: 'capture',
    label: 'Test capture',
    providers: ['alma'],
    lifecycle: () => almaLifecycle,
    // Switched off by the site preference, as Alma's deferred capture step.
    selection: (lifecycle) => (lifecycle.capture!.isActivated() ? lifecycle.capture!.selection : null),
    deactivatedLabel: (lifecycle) => lifecycle.capture!.deactivatedLabel,
    handle: (orderNo, settings, fromJournal) => {
      handled.push({ orderNo, fromJournal, settings });
      if (also) also(orderNo, settings);
    },
  };
  return createOperationStep(definition);
}

type Step = ReturnType<typeof step>;

function stepExecution(): dw.job.JobStepExecution {
  const values: { [key: string]: unknown } = {};
  return {
    jobExecution: {
      context: {
        get: (key: string) => (key in values ? values[key] : null),
        put: (key: string, value: unknown) => {
          values[key] = value;
        },
      },
    },
  } as unknown as dw.job.JobStepExecution;
}

/** Reads every item (as a chunk would, ahead of processing). */
function readAll(s: Step): StepItem[] {
  const items: StepItem[] = [];
  for (let item = s.read(); item !== undefined; item = s.read()) items.push(item);
  return items;
}

/** Runs the step as the job framework does, with chunks of `chunkSize`. */
function runStep(s: Step, execution = stepExecution(), chunkSize = 10): dw.job.JobStepExecution {
  s.beforeStep({});
  s.getTotalCount();
  for (;;) {
    const chunk: StepItem[] = [];
    while (chunk.length < chunkSize) {
      const item = s.read();
      if (item === undefined) break;
      chunk.push(item);
    }
    if (!chunk.length) break;
    for (const item of chunk) s.process(item);
    s.write(); // every outcome was written by process
  }
  s.afterStep(true, {}, execution);
  return execution;
}

function addOrder(orderNo: string, day: number): void {
  OrderMgr.__add({
    orderNo,
    creationDate: new Date(Date.UTC(2025, 0, day)),
    custom: { almaPaymentId: PAYMENT, ALMA_Deferred_Capture: 'ToCapture' },
  });
}

/** An unfinished operation in the work queue (only Planned and InFlight operations have an object there). */
function addOperation(id: string, state: 'Planned' | 'InFlight'): void {
  const [provider, type, orderNo] = id.split(':');
  CustomObjectMgr.__insert('PaymentOperation', id, { orderNo, provider, operationType: type, state, attempts: 1 });
}

/** Alma's credential as a merchant left it: no key in its password field. */
function almaWithoutKey(): void {
  LocalServiceRegistry.__configure('paymentoperations.alma', {
    credential: { ID: 'paymentoperations.alma.credentials', URL: ALMA_URL, user: '', password: '' },
    profile: { ID: 'alma.profile', timeoutMillis: 20000 },
    respond: () => {
      throw new Error('Alma must not be called without a key');
    },
  });
}

describe('core/operationStep', () => {
  beforeEach(() => {
    resetDwMocks();
    defineMetadata();
    Site.__setCurrent('RefArch', { ALMA_Deferred_Capture_Activation: true });
    almaAnswers({});
    handled = [];
    addOrder('A', 1);
    addOrder('B', 2);
  });

  it('reads the work queue’s unfinished operations of its type first, then the orders of the selection', () => {
    addOperation('alma:capture:J:1', 'InFlight');
    addOperation('alma:refund:R:1', 'Planned');
    const s = step();
    s.beforeStep({});
    expect(s.getTotalCount()).to.equal(3);
    OrderMgr.__searches.length = 0; // the count searched; reading starts now
    const first = s.read();
    expect(first).to.deep.equal({ provider: 'alma', orderNo: 'J', fromJournal: true, operationId: 'alma:capture:J:1' });
    // The order search has not run yet: the work queue comes first.
    expect(OrderMgr.__searches).to.deep.equal([]);
    expect(readAll(s)).to.deep.equal([
      { provider: 'alma', orderNo: 'A', fromJournal: false },
      { provider: 'alma', orderNo: 'B', fromJournal: false },
    ]);
    s.afterStep(true, {}, stepExecution());
  });

  describe('afterStep', () => {
    it('closes the work-queue iterator of a step stopped early', () => {
      addOperation('alma:capture:J:1', 'Planned');
      const s = step();
      s.beforeStep({});
      s.getTotalCount();
      s.read();
      expect(SeekableIterator.__unclosed()).to.have.length(1);
      s.afterStep(false, {}, stepExecution());
      expect(SeekableIterator.__unclosed()).to.deep.equal([]);
    });

    it('closes the order search page of a step stopped early', () => {
      const s = step();
      s.beforeStep({});
      expect(s.read()).to.include({ orderNo: 'A' });
      expect(SeekableIterator.__unclosed()).to.have.length(1);
      s.afterStep(false, {}, stepExecution());
      expect(SeekableIterator.__unclosed()).to.deep.equal([]);
      expect(() => s.read()).to.throw('Test capture: beforeStep did not run');
    });

    it('counts a step that broke off (afterStep(false)) as a step error, so the job cannot end OK', () => {
      const s = step();
      s.beforeStep({});
      s.process(s.read()!);
      const execution = stepExecution();
      s.afterStep(false, {}, execution);
      const summary = readJobSummary(execution);
      expect(summary).to.include({ selected: 1, stepErrors: 1 });
      expect(verdict(summary)).to.include({ status: 'ERROR', code: 'STEP_FAILED' });
    });

    it('counts a step error when beforeStep itself failed (afterStep(false) without a run)', () => {
      const s = step();
      const execution = stepExecution();
      s.afterStep(false, {}, execution);
      expect(readJobSummary(execution)).to.include({ selected: 0, stepErrors: 1 });
      expect(verdict(readJobSummary(execution)).code).to.equal('STEP_FAILED');
    });

    it('counts no step error when the step ran to its end', () => {
      const execution = runStep(step());
      expect(readJobSummary(execution)).to.include({ selected: 2, stepErrors: 0 });
      expect(verdict(readJobSummary(execution)).status).to.equal('OK');
    });
  });

  describe('a provider whose credential has no key', () => {
    it('is blocked before any call: nothing read from it, nothing handled, the job names the credential', () => {
      almaWithoutKey();
      addOperation('alma:capture:J:1', 'InFlight');
      const s = step();
      s.beforeStep({});
      expect(s.getTotalCount()).to.equal(0);
      expect(s.read()).to.equal(undefined);
      expect(SeekableIterator.__unclosed()).to.deep.equal([]);
      const execution = stepExecution();
      s.afterStep(true, {}, execution);
      expect(handled).to.deep.equal([]);
      expect(LocalServiceRegistry.__calls).to.deep.equal([]);
      const summary = readJobSummary(execution);
      const why =
        'Alma: credential paymentoperations.alma.credentials has no key: set its password field to the Alma API key ' +
        '(sk_live_… or sk_test_…)';
      expect(summary.unconfigured).to.deep.equal([why]);
      expect(summary).to.include({ selected: 0, pending: 0 });
      expect(verdict(summary)).to.include({ status: 'ERROR', code: 'CREDENTIALS_MISSING' });
      expect(verdict(summary).message).to.match(/^Alma: credential paymentoperations\.alma\.credentials has no key/);
      expect(Logger.__messages.filter((m) => m.level === 'error').map((m) => m.message)).to.deep.equal([
        'Test capture: Alma is not called: credential paymentoperations.alma.credentials has no key: set its ' +
          'password field to the Alma API key (sk_live_… or sk_test_…)',
      ]);
      // Its orders and its work queue stay as they were for the run after the key is set.
      expect(OrderMgr.getOrder('A')!.__values.ALMA_Deferred_Capture).to.equal('ToCapture');
      expect(CustomObjectMgr.__objects('PaymentOperation').map((o) => o.__key)).to.deep.equal(['alma:capture:J:1']);
    });

    it('is blocked when only its work queue has work (its step switched off)', () => {
      Site.__setCurrent('RefArch', { ALMA_Deferred_Capture_Activation: false });
      almaWithoutKey();
      addOperation('alma:capture:J:1', 'Planned');
      const execution = runStep(step());
      expect(handled).to.deep.equal([]);
      expect(readJobSummary(execution).unconfigured).to.have.length(1);
    });

    it('is not reported when the step has nothing to do for it (switched off, empty work queue)', () => {
      Site.__setCurrent('RefArch', { ALMA_Deferred_Capture_Activation: false });
      almaWithoutKey();
      const execution = runStep(step());
      expect(readJobSummary(execution).unconfigured).to.deep.equal([]);
      expect(handled).to.deep.equal([]);
      expect(verdict(readJobSummary(execution)).code).to.equal('DEACTIVATED');
    });

    it('is blocked as well when its service has no credential at all', () => {
      LocalServiceRegistry.__configure('paymentoperations.alma', { credential: null, profile: null });
      const execution = runStep(step());
      expect(handled).to.deep.equal([]);
      expect(readJobSummary(execution).unconfigured).to.deep.equal([
        'Alma: service paymentoperations.alma has no credential',
      ]);
    });
  });

  describe('the language of the reasons', () => {
    const global = globalThis as unknown as { request?: { setLocale(locale: string): void } };
    afterEach(() => delete global.request);

    it('is the site’s default locale: beforeStep makes it the request locale', () => {
      const locales: string[] = [];
      global.request = { setLocale: (locale: string) => locales.push(locale) };
      const site = Site.__setCurrent('RefArchFR', { ALMA_Deferred_Capture_Activation: true }) as unknown as {
        defaultLocale: string;
      };
      site.defaultLocale = 'fr_FR';
      const s = step();
      s.beforeStep({});
      expect(locales).to.deep.equal(['fr_FR']);
      s.afterStep(true, {}, stepExecution());
    });
  });

  it('counts an order whose handler throws as failed (unexpected error) and goes on with the next', () => {
    const execution = runStep(
      step((orderNo) => {
        if (orderNo === 'A') throw new Error('order locked');
      }),
    );
    expect(handled.map((h) => h.orderNo)).to.deep.equal(['A', 'B']);
    const summary = readJobSummary(execution);
    expect(summary).to.include({ selected: 2, failed: 1 });
    expect(summary.problems).to.deep.equal(['Order A: unexpected error: order locked']);
    expect(Logger.__messages.filter((m) => m.level === 'error').map((m) => m.message)).to.deep.equal([
      'Test capture: order A: unexpected error: order locked',
    ]);
  });

  it('skips the items of a provider that refused our credentials: process gives undefined, read gives no more', () => {
    addOrder('C', 3);
    const s = step((orderNo, settings) => {
      // The first order's call was refused for our credentials.
      if (orderNo === 'A') settings.summary.blocked.push('Alma');
    });
    s.beforeStep({});
    // A chunk reads ahead before processing.
    const chunk = [s.read()!, s.read()!];
    expect(chunk.map((item) => item.orderNo)).to.deep.equal(['A', 'B']);
    expect(s.process(chunk[0])).to.deep.equal(chunk[0]);
    expect(s.process(chunk[1])).to.equal(undefined);
    expect(handled.map((h) => h.orderNo)).to.deep.equal(['A']);
    expect(s.read()).to.equal(undefined);
    expect(SeekableIterator.__unclosed()).to.deep.equal([]);
    const execution = stepExecution();
    s.afterStep(true, {}, execution);
    expect(readJobSummary(execution)).to.include({ selected: 1 });
    expect(readJobSummary(execution).blocked).to.deep.equal(['Alma']);
  });

  it('adds its counts to the job context, per site', () => {
    const execution = stepExecution();
    runStep(step(), execution);
    Site.__setCurrent('SiteB', { ALMA_Deferred_Capture_Activation: true });
    OrderMgr.__reset();
    defineMetadata();
    addOrder('X', 1);
    runStep(step(), execution);
    expect(readJobSummary(execution)).to.include({ selected: 1 });
    Site.__setCurrent('RefArch', { ALMA_Deferred_Capture_Activation: true });
    expect(readJobSummary(execution)).to.include({ selected: 2 });
    const context = (execution.jobExecution.context as unknown as { get(key: string): unknown }).get(
      'PaymentOperations.summary.RefArch',
    );
    expect(JSON.parse(String(context))).to.include({ selected: 2 });
  });

  describe('the settings each order is handled with', () => {
    it('waits for an InFlight operation of another run the service timeout plus 1 s', () => {
      expect(IN_FLIGHT_MARGIN_MILLIS).to.equal(1000);
      runStep(step());
      // The harness configures Alma's profile with a timeout of 20 s.
      expect(handled[0].settings.inFlightGraceMillis).to.equal(21000);
    });

    it('assumes 30 s when the service has no profile', () => {
      LocalServiceRegistry.__configure('paymentoperations.alma', {
        credential: { ID: 'alma.credentials', URL: ALMA_URL, user: '', password: ALMA_KEY },
        profile: null,
      });
      runStep(step());
      expect(handled[0].settings.inFlightGraceMillis).to.equal(31000);
    });

    it('gives every order of a run the same start time and attempts (MaxAttempts, else 5)', () => {
      const before = Date.now();
      runStep(step());
      expect(handled).to.have.length(2);
      expect(handled[0].settings.runStartedAt).to.equal(handled[1].settings.runStartedAt);
      expect(handled[0].settings.runStartedAt.getTime()).to.be.greaterThan(before);
      expect(handled[0].settings.maxAttempts).to.equal(DEFAULT_MAX_ATTEMPTS);
      handled = [];
      const s = step();
      s.beforeStep({ MaxAttempts: 3 });
      s.process(s.read()!);
      expect(handled[0].settings.maxAttempts).to.equal(3);
      s.afterStep(true, {}, stepExecution());
    });
  });
});
