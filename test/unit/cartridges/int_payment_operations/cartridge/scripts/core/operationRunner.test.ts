import { expect } from 'chai';
import sinon from 'sinon';
import {
  runOperation,
  startOperation,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/operationRunner';
import {
  findOperation,
  type JournalEntry,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/operationJournal';
import type {
  ProviderAdapter,
  ProviderAnswer,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/operation';
import {
  CustomObjectMgr,
  defineMetadata,
  LocalServiceRegistry,
  OrderMgr,
  resetDwMocks,
  Transaction,
  type OrderMock,
  type RecordedServiceRequest,
  type ServiceMockAnswer,
} from '../../../../../../helpers/dwMocks';
import { seedOperation } from '../../../../../../helpers/paymentHistory';

const SERVICE = 'paymentoperations.test';
const ID = 'alma:capture:00001234:1';
const RUN_STARTED = new Date();
/** An hour before the run: beyond the in-flight grace, within the 24 hours before an unknown outcome escalates. */
const EARLIER = new Date(RUN_STARTED.getTime() - 3600000);
/** The service timeout (20 s) plus the step's margin: how long another run may still await its answer. */
const GRACE = 21000;

function parsed(answer: ProviderAnswer): { [key: string]: unknown } | null {
  if (answer.kind !== 'answered') return null;
  try {
    return JSON.parse(answer.text) as { [key: string]: unknown };
  } catch {
    return null;
  }
}

/**
 * A provider that answers sends (POST) with { id, amount } on 2xx, and reads (GET) with
 * { applied: true, id, amount } or { applied: false }. 4xx refuse, 429 and "not sent" are
 * transient, 5xx and "no answer" unknown; 401 refuses our credentials (sends and reads).
 */
function adapter(supportsIdempotency = false): ProviderAdapter {
  return {
    provider: 'alma',
    label: 'Alma',
    serviceId: SERVICE,
    supportsIdempotency,
    supportsPartialCaptures: false,
    ...(supportsIdempotency ? { idempotencyWindowMillis: 24 * 3600000 } : {}),
    supports: () => true,
    authenticate: (svc, credential) => {
      svc.setAuthentication('NONE');
      svc.addHeader('Authorization', 'Token ' + credential.password);
    },
    buildRequest: (operation) => ({
      method: 'POST',
      path: '/payments/' + operation.paymentReference + '/' + operation.type,
      body: { amount: operation.amountMinor },
    }),
    classify: (_operation, answer) => {
      const body = parsed(answer);
      if (answer.kind !== 'answered') {
        return answer.kind === 'notSent'
          ? { outcome: 'transient', detail: 'not sent (' + answer.reason + ')' }
          : { outcome: 'unknown', detail: 'no answer: ' + answer.reason };
      }
      if (answer.status === 429) return { outcome: 'transient', detail: 'HTTP 429' };
      if (answer.status === 401) return { outcome: 'blocked', detail: 'HTTP 401, fix the key' };
      if (answer.status >= 500) return { outcome: 'unknown', detail: 'HTTP ' + answer.status };
      if (answer.status >= 400) return { outcome: 'rejected', detail: 'HTTP ' + answer.status + ' ' + answer.text };
      return {
        outcome: 'success',
        providerReference: body && typeof body.id === 'string' ? body.id : null,
        amountMinor: body && typeof body.amount === 'number' ? body.amount : null,
        detail: 'HTTP ' + answer.status,
      };
    },
    buildTruthRequest: (operation) => ({ method: 'GET', path: '/payments/' + operation.paymentReference, body: null }),
    interpretTruth: (_operation, answer) => {
      if (answer.kind === 'answered' && answer.status === 401)
        return { applied: null, blocked: true, detail: 'HTTP 401, fix the key' };
      const body = parsed(answer);
      if (!body || answer.kind !== 'answered' || answer.status !== 200)
        return { applied: null, detail: answer.kind === 'answered' ? 'HTTP ' + answer.status : answer.kind };
      if (body.applied === true)
        return {
          applied: true,
          providerReference: (body.id as string) || null,
          amountMinor: typeof body.amount === 'number' ? body.amount : null,
          detail: 'applied',
        };
      return { applied: false, detail: 'not applied' };
    },
  };
}

interface CallRecord {
  method: string;
  path: string;
  depth: number;
  /** The journal record as committed when the request left. */
  state: string;
  attempts: number;
}

let calls: CallRecord[];
let projected: Array<{ state: string; depth: number }>;

/** Answers reads with `reads` and sends with `sends`, in order; records each call. */
function provider(answers: { reads?: ServiceMockAnswer[]; sends?: ServiceMockAnswer[] }): void {
  const reads = (answers.reads || []).slice();
  const sends = (answers.sends || []).slice();
  LocalServiceRegistry.__configure(SERVICE, {
    credential: { ID: 'c', URL: 'https://provider.test/v1/', user: '', password: 'sk_secret' },
    profile: { ID: 'p', timeoutMillis: 1000 },
    respond: (request: RecordedServiceRequest) => {
      Transaction.__events.push('call');
      const entry = findOperation(order, ID)!;
      calls.push({
        method: request.method,
        path: request.url.replace('https://provider.test/v1', ''),
        depth: Transaction.__depth(),
        state: entry.state,
        attempts: entry.attempts,
      });
      const queue = request.method === 'GET' ? reads : sends;
      const answer = queue.shift();
      if (!answer) throw new Error('unexpected ' + request.method + ' ' + request.url);
      return answer;
    },
  });
}

let order: OrderMock;

/**
 * An operation as an earlier run left it: in the order's payment history and, unless final, in
 * the work queue (a PaymentOperation custom object).
 */
function seed(values: { [name: string]: unknown } = {}): void {
  seedOperation(order, ID, {
    amountMinor: 1999,
    paymentReference: 'pay_1',
    merchantReference: '00001234-capture-1',
    idempotencyKey: 'key-1',
    createdAt: EARLIER,
    // An operation attempted before was sent, unless the values say otherwise.
    sent: Boolean(values.attempts),
    ...values,
  });
}

/** The work-queue object of the operation, or null. */
function queued() {
  return CustomObjectMgr.getCustomObject('PaymentOperation', ID);
}

function run(
  options: {
    maxAttempts?: number;
    withdrawReason?: string | null;
    idempotent?: boolean;
    runStartedAt?: Date;
    expectedMinor?: number;
  } = {},
) {
  return runOperation(order, ID, {
    adapter: adapter(options.idempotent),
    runStartedAt: options.runStartedAt ?? RUN_STARTED,
    maxAttempts: options.maxAttempts ?? 3,
    inFlightGraceMillis: GRACE,
    withdrawReason: options.withdrawReason,
    expectedMinor: options.expectedMinor,
    project: (entry: JournalEntry) => projected.push({ state: entry.state, depth: Transaction.__depth() }),
  });
}

const ok = (body: object): ServiceMockAnswer => ({ statusCode: 200, text: JSON.stringify(body) });

describe('core/operationRunner', () => {
  beforeEach(() => {
    resetDwMocks();
    defineMetadata();
    order = OrderMgr.__add({ orderNo: '00001234' });
    calls = [];
    projected = [];
  });

  afterEach(() => {
    for (const call of calls) expect(call.depth, 'a provider call inside a transaction').to.equal(0);
  });

  describe('a planned operation', () => {
    it('commits the intent (InFlight, attempt 1) before the call, calls outside any transaction, then records success', () => {
      seed();
      provider({ sends: [ok({ id: 'cap_1', amount: 1999 })] });
      const result = run();
      expect(result.result).to.equal('succeeded');
      expect(result.calls).to.equal(1);
      expect(calls).to.deep.equal([
        { method: 'POST', path: '/payments/pay_1/capture', depth: 0, state: 'InFlight', attempts: 1 },
      ]);
      expect(Transaction.__events).to.deep.equal(['begin', 'commit', 'call', 'begin', 'commit']);
      expect(result.entry).to.include({
        state: 'Succeeded',
        attempts: 1,
        providerReference: 'cap_1',
        amountMinor: 1999,
        reason: 'Capture of 19.99 EUR succeeded at Alma (Alma reference cap_1).',
      });
      expect(result.entry.completedAt).to.be.instanceOf(Date);
      expect(result.entry.lastAttemptAt).to.be.instanceOf(Date);
      expect(result.entry.interactions).to.have.length(1);
      expect(result.entry.interactions[0]).to.include({ type: 'capture', status: 200 });
      expect(result.entry.interactions[0].request).to.equal('POST /payments/pay_1/capture {"amount":1999}');
      expect(projected).to.deep.equal([{ state: 'Succeeded', depth: 1 }]);
      expect(findOperation(order, ID)!.state).to.equal('Succeeded');
      expect(queued(), 'a final operation leaves the work queue').to.equal(null);
    });

    it('never overwrites the planned amount with the provider figure, which the reason shows when it differs', () => {
      seed({ amountMinor: null });
      provider({ sends: [ok({ id: 'cap_1', amount: 4242 })] });
      const full = run();
      // Null stays null: the full amount was asked (Alma reports only the first instalment).
      expect(full.entry.amountMinor).to.equal(null);
      expect(full.entry.reason).to.equal('Capture succeeded at Alma (Alma reference cap_1, Alma reports 42.42 EUR).');

      resetDwMocks();
      defineMetadata();
      order = OrderMgr.__add({ orderNo: '00001234' });
      seed({ amountMinor: 1999 });
      provider({ sends: [ok({ id: 'cap_2', amount: 3333 })] });
      const partial = run();
      expect(partial.entry.amountMinor).to.equal(1999);
      expect(partial.entry.reason).to.equal(
        'Capture of 19.99 EUR succeeded at Alma (Alma reference cap_2, Alma reports 33.33 EUR).',
      );

      resetDwMocks();
      defineMetadata();
      order = OrderMgr.__add({ orderNo: '00001234' });
      seed({ amountMinor: 1999 });
      provider({ sends: [ok({ amount: 1999 })] });
      expect(run().entry.reason).to.equal('Capture of 19.99 EUR succeeded at Alma.');
    });

    it('records a refusal as Rejected (final) with the provider detail', () => {
      seed();
      provider({ sends: [{ statusCode: 400, text: 'already captured' }] });
      const result = run();
      expect(result.result).to.equal('rejected');
      expect(result.entry.state).to.equal('Rejected');
      expect(result.entry.reason).to.equal('Alma refused the capture of 19.99 EUR: HTTP 400 already captured.');
      expect(result.entry.completedAt).to.be.instanceOf(Date);
      expect(projected.map((p) => p.state)).to.deep.equal(['Rejected']);
    });

    it('puts a transient failure (429) back to Planned for the next run, counting the attempt', () => {
      seed();
      provider({ sends: [{ statusCode: 429, text: '' }] });
      const result = run();
      expect(result.result).to.equal('pending');
      expect(result.entry).to.include({
        state: 'Planned',
        attempts: 1,
        reason: 'Capture not done yet (attempt 1 of 3): HTTP 429; it is retried on the next run.',
      });
      expect(result.entry.completedAt).to.equal(null);
    });

    it('does not count a request the platform never sent (circuit breaker, rate limiter) as an attempt', () => {
      seed();
      provider({ sends: [{ unavailable: 'CIRCUIT_BROKEN' }] });
      const result = run();
      expect(result).to.include({ result: 'pending', calls: 1 });
      expect(result.entry).to.include({ state: 'Planned', attempts: 0, sent: false });
      expect(result.entry.reason).to.match(
        /^Capture not sent, nothing reached Alma: CIRCUIT_BROKEN.*; it is tried again on the next run, and no attempt is counted\.$/,
      );
      expect(result.entry.interactions[0]).to.include({ status: null });
      expect(queued(), 'still queued for the next run').to.not.equal(null);
    });

    it('gives up only after maxAttempts sends that reached the provider, however often the platform held one back', () => {
      seed({ state: 'Planned', attempts: 2, lastAttemptAt: EARLIER });
      provider({ reads: [ok({ applied: false })], sends: [{ unavailable: 'CIRCUIT_BROKEN' }] });
      expect(run({ maxAttempts: 3 }).entry).to.include({ state: 'Planned', attempts: 2 });
      provider({ reads: [ok({ applied: false })], sends: [ok({ id: 'cap_1', amount: 1999 })] });
      const later = run({ maxAttempts: 3, runStartedAt: new Date(Date.now() + 1000) });
      expect(later.entry).to.include({ state: 'Succeeded', attempts: 3 });
    });

    it('leaves an operation refused for our credentials Planned, without counting the attempt (blocked)', () => {
      seed();
      provider({ sends: [{ statusCode: 401, text: '' }] });
      const result = run();
      expect(result).to.include({ result: 'blocked', calls: 1 });
      expect(result.entry).to.include({
        state: 'Planned',
        attempts: 0,
        reason: 'Not done, Alma refused our credentials: HTTP 401, fix the key.',
      });
      expect(result.entry.completedAt).to.equal(null);
      expect(projected.map((p) => p.state)).to.deep.equal(['Planned']);
    });

    it('leaves an unknown outcome (5xx, timeout) InFlight, to be read before any retry', () => {
      seed();
      provider({ sends: [{ statusCode: 503, text: '' }] });
      const result = run();
      expect(result.result).to.equal('pending');
      expect(result.entry.state).to.equal('InFlight');
      expect(result.entry.reason).to.equal(
        'Outcome of the capture unknown (HTTP 503); the next run reads Alma before any retry, so it is never applied twice.',
      );

      resetDwMocks();
      defineMetadata();
      order = OrderMgr.__add({ orderNo: '00001234' });
      seed();
      provider({ sends: [{ unavailable: 'TIMEOUT' }] });
      expect(run().entry.state).to.equal('InFlight');
    });
  });

  describe('a final operation', () => {
    for (const [state, result] of [
      ['Succeeded', 'succeeded'],
      ['Rejected', 'rejected'],
      ['Failed', 'failed'],
    ]) {
      it(`is never sent again (${state})`, () => {
        seed({ state, attempts: 1 });
        provider({});
        const run1 = run();
        expect(run1).to.include({ result, calls: 0 });
        expect(run1.entry.state).to.equal(state);
        expect(calls).to.deep.equal([]);
        expect(projected).to.deep.equal([]);
        expect(Transaction.__events).to.deep.equal([]);
      });
    }
  });

  describe('an operation whose outcome is unknown (InFlight)', () => {
    it('is read first; when the provider applied it, it succeeds without a second send', () => {
      seed({ state: 'InFlight', attempts: 1, lastAttemptAt: EARLIER });
      provider({ reads: [ok({ applied: true, id: 'cap_9', amount: 1999 })] });
      const result = run();
      expect(result).to.include({ result: 'succeeded', calls: 1 });
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(result.entry).to.include({ state: 'Succeeded', attempts: 1, providerReference: 'cap_9' });
      expect(result.entry.reason).to.equal(
        'Capture of 19.99 EUR succeeded at Alma (Alma reference cap_9), found when reading Alma after an earlier ' +
          'attempt whose outcome was unknown.',
      );
      expect(result.entry.interactions.map((i) => i.type)).to.deep.equal(['read']);
    });

    it('is sent again when the read says the provider did not apply it', () => {
      seed({ state: 'InFlight', attempts: 1, lastAttemptAt: EARLIER });
      provider({ reads: [ok({ applied: false })], sends: [ok({ id: 'cap_2' })] });
      const result = run();
      expect(result).to.include({ result: 'succeeded', calls: 2 });
      expect(calls).to.deep.equal([
        { method: 'GET', path: '/payments/pay_1', depth: 0, state: 'InFlight', attempts: 1 },
        { method: 'POST', path: '/payments/pay_1/capture', depth: 0, state: 'InFlight', attempts: 2 },
      ]);
      expect(result.entry.attempts).to.equal(2);
      expect(result.entry.interactions.map((i) => i.type)).to.deep.equal(['read', 'capture']);
    });

    it('stays InFlight, without any send, when the read is not conclusive', () => {
      seed({ state: 'InFlight', attempts: 1, lastAttemptAt: EARLIER });
      provider({ reads: [{ statusCode: 500, text: '' }] });
      const result = run();
      expect(result).to.include({ result: 'pending', calls: 1 });
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(result.entry.state).to.equal('InFlight');
      expect(result.entry.reason).to.equal(
        'Outcome of the capture unknown and Alma could not be read (HTTP 500); the next run reads it again before ' +
          'anything is sent.',
      );
      expect(projected.map((p) => p.state)).to.deep.equal(['InFlight']);
    });
  });

  describe('retries', () => {
    it('reads before resending a Planned operation that was attempted (provider without idempotency)', () => {
      seed({ state: 'Planned', attempts: 1, lastAttemptAt: EARLIER });
      provider({ reads: [ok({ applied: false })], sends: [ok({ id: 'cap_3' })] });
      const result = run();
      expect(calls.map((c) => c.method)).to.deep.equal(['GET', 'POST']);
      expect(result.entry.attempts).to.equal(2);
    });

    it('resends directly when the provider de-duplicates on the idempotency key', () => {
      seed({ state: 'Planned', attempts: 1, lastAttemptAt: EARLIER });
      provider({ sends: [ok({ id: 'cap_3' })] });
      const result = run({ idempotent: true });
      expect(calls.map((c) => c.method)).to.deep.equal(['POST']);
      expect(result.result).to.equal('succeeded');
    });

    it('reads first when the idempotency key is older than the provider replays it (24 h, less 1 h of margin)', () => {
      seed({ state: 'Planned', attempts: 1, lastAttemptAt: EARLIER, createdAt: new Date(Date.now() - 23.5 * 3600000) });
      provider({ reads: [ok({ applied: true, id: 'cap_9' })] });
      const result = run({ idempotent: true });
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(result.entry).to.include({ state: 'Succeeded', providerReference: 'cap_9' });
    });

    it('resends an InFlight operation (killed before its outcome was written) with its key, without a read, when the provider replays keys', () => {
      seed({ state: 'InFlight', attempts: 1, lastAttemptAt: EARLIER });
      provider({ sends: [ok({ id: 'cap_5' })] });
      const result = run({ idempotent: true });
      expect(calls.map((c) => c.method)).to.deep.equal(['POST']);
      expect(result.entry).to.include({ state: 'Succeeded', providerReference: 'cap_5' });
    });

    it('reads before giving up even when the provider replays keys: Failed says nothing was applied, so it must be known', () => {
      seed({ state: 'Planned', attempts: 3, lastAttemptAt: EARLIER, reason: 'HTTP 503' });
      provider({ reads: [ok({ applied: true, id: 'cap_7' })] });
      const result = run({ maxAttempts: 3, idempotent: true });
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(result.entry).to.include({ state: 'Succeeded', providerReference: 'cap_7' });
    });

    it('gives up as Failed after maxAttempts sends the provider did not apply, without sending again', () => {
      seed({
        state: 'Planned',
        attempts: 3,
        lastAttemptAt: EARLIER,
        reason: 'Capture not done yet (attempt 3 of 3): HTTP 429; it is retried on the next run.',
      });
      provider({ reads: [ok({ applied: false })] });
      const result = run({ maxAttempts: 3 });
      expect(result).to.include({ result: 'failed', calls: 1 });
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(result.entry.state).to.equal('Failed');
      expect(result.entry.reason).to.equal(
        'Gave up the capture after 3 attempts; Alma has not applied it. Last error: Capture not done yet ' +
          '(attempt 3 of 3): HTTP 429; it is retried on the next run. Fix the cause, then request it again.',
      );
      expect(result.entry.completedAt).to.be.instanceOf(Date);
    });

    it('still records success when the read at maxAttempts finds the movement applied', () => {
      seed({ state: 'Planned', attempts: 3, lastAttemptAt: EARLIER });
      provider({ reads: [ok({ applied: true, id: 'cap_late' })] });
      const result = run({ maxAttempts: 3 });
      expect(result.result).to.equal('succeeded');
      expect(result.entry.providerReference).to.equal('cap_late');
    });

    it('does not attempt an operation again in the run that already attempted it', () => {
      seed({ state: 'Planned', attempts: 1, lastAttemptAt: new Date(RUN_STARTED.getTime()) });
      provider({});
      const result = run();
      expect(result).to.include({ result: 'pending', calls: 0 });
      expect(calls).to.deep.equal([]);
      expect(Transaction.__events).to.deep.equal([]);
    });
  });

  describe('withdrawReason', () => {
    it('withdraws a planned operation without sending it: final, but nothing to fix, the order left as it is', () => {
      seed();
      provider({});
      const result = run({ withdrawReason: 'the order was cancelled' });
      expect(result).to.include({ result: 'withdrawn', calls: 0 });
      expect(result.entry.reason).to.equal('The capture was withdrawn, never sent: the order was cancelled.');
      expect(result.entry.state).to.equal('Failed');
      expect(result.entry.completedAt).to.be.instanceOf(Date);
      expect(projected).to.deep.equal([]);
    });

    it('still settles an unknown outcome by reading: applied → Succeeded', () => {
      seed({ state: 'InFlight', attempts: 1, lastAttemptAt: EARLIER });
      provider({ reads: [ok({ applied: true, id: 'cap_1' })] });
      const result = run({ withdrawReason: 'the order was cancelled' });
      expect(result.result).to.equal('succeeded');
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
    });

    it('reads an unknown outcome and, when not applied, withdraws it instead of resending', () => {
      seed({ state: 'InFlight', attempts: 1, lastAttemptAt: EARLIER });
      provider({ reads: [ok({ applied: false })] });
      const result = run({ withdrawReason: 'the order was cancelled' });
      expect(result).to.include({ result: 'withdrawn', calls: 1 });
      expect(result.entry.state).to.equal('Failed');
      expect(result.entry.reason).to.equal(
        'The capture was withdrawn (Alma had not applied it): the order was cancelled.',
      );
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
    });

    it('says Alma had not applied it for a retry sent before, and "never sent" only when nothing was', () => {
      seed({ state: 'Planned', attempts: 1, lastAttemptAt: EARLIER });
      provider({ reads: [ok({ applied: false })] });
      const retry = run({ withdrawReason: 'the order was cancelled' });
      expect(retry).to.include({ result: 'withdrawn', calls: 1 });
      expect(retry.entry.reason).to.equal(
        'The capture was withdrawn (Alma had not applied it): the order was cancelled.',
      );

      resetDwMocks();
      defineMetadata();
      order = OrderMgr.__add({ orderNo: '00001234' });
      seed({ state: 'Planned', attempts: 0 });
      provider({});
      const never = run({ withdrawReason: 'the order was cancelled' });
      expect(never).to.include({ result: 'withdrawn', calls: 0 });
      expect(never.entry.reason).to.equal('The capture was withdrawn, never sent: the order was cancelled.');
    });
  });

  describe('an InFlight operation another run may still be waiting for (inFlightGraceMillis)', () => {
    it('is left alone, without any call or write, while its last attempt is within the grace', () => {
      const now = Date.now();
      seed({ state: 'InFlight', attempts: 1, lastAttemptAt: new Date(now - 5000) });
      provider({});
      const result = run({ runStartedAt: new Date(now) });
      expect(result).to.include({ result: 'pending', calls: 0 });
      expect(result.entry).to.include({ state: 'InFlight', attempts: 1 });
      expect(calls).to.deep.equal([]);
      expect(Transaction.__events).to.deep.equal([]);
      expect(findOperation(order, ID)!.interactions).to.deep.equal([]);
    });

    it('is read back once the grace has passed', () => {
      const now = Date.now();
      seed({ state: 'InFlight', attempts: 1, lastAttemptAt: new Date(now - GRACE - 5000) });
      provider({ reads: [ok({ applied: true, id: 'cap_9' })] });
      const result = run({ runStartedAt: new Date(now) });
      expect(result).to.include({ result: 'succeeded', calls: 1 });
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
    });

    it('does not hold back a Planned retry attempted as recently (its last call ended: not applied)', () => {
      const now = Date.now();
      seed({ state: 'Planned', attempts: 1, lastAttemptAt: new Date(now - 5000) });
      provider({ sends: [ok({ id: 'cap_3' })] });
      const result = run({ runStartedAt: new Date(now), idempotent: true });
      expect(result.result).to.equal('succeeded');
      expect(calls.map((c) => c.method)).to.deep.equal(['POST']);
    });
  });

  describe('an operation sent before and re-armed by an operator (attempts 0, sent kept)', () => {
    const earlierCall = {
      type: 'capture',
      at: '2025-05-30T10:00:00.000Z',
      request: 'POST /payments/pay_1/capture {"amount":1999}',
      status: 503,
      response: '',
    };

    it('is read first for a provider without idempotency keys, then sent when not applied', () => {
      seed({ state: 'Planned', attempts: 0, sent: true, interactions: [earlierCall] });
      provider({ reads: [ok({ applied: false })], sends: [ok({ id: 'cap_4' })] });
      const result = run();
      expect(result).to.include({ result: 'succeeded', calls: 2 });
      expect(calls.map((c) => [c.method, c.state, c.attempts])).to.deep.equal([
        ['GET', 'Planned', 0],
        ['POST', 'InFlight', 1],
      ]);
      expect(result.entry.interactions.map((i) => i.type)).to.deep.equal(['capture', 'read', 'capture']);
    });

    it('succeeds without a second send when the read finds the earlier attempt applied', () => {
      seed({ state: 'Planned', attempts: 0, sent: true, interactions: [earlierCall] });
      provider({ reads: [ok({ applied: true, id: 'cap_old', amount: 1999 })] });
      const result = run();
      expect(result).to.include({ result: 'succeeded', calls: 1 });
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(result.entry).to.include({ state: 'Succeeded', providerReference: 'cap_old', attempts: 0 });
    });

    it('is sent directly when the provider de-duplicates on the idempotency key', () => {
      seed({ state: 'Planned', attempts: 0, sent: true, interactions: [earlierCall] });
      provider({ sends: [ok({ id: 'cap_5' })] });
      expect(run({ idempotent: true }).result).to.equal('succeeded');
      expect(calls.map((c) => c.method)).to.deep.equal(['POST']);
    });
  });

  describe('a read that does not settle the operation', () => {
    it('credentials refused on the read: blocked, left InFlight, nothing sent', () => {
      seed({ state: 'InFlight', attempts: 1, lastAttemptAt: EARLIER });
      provider({ reads: [{ statusCode: 401, text: '' }] });
      const result = run();
      expect(result).to.include({ result: 'blocked', calls: 1 });
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(result.entry).to.include({
        state: 'InFlight',
        attempts: 1,
        reason:
          'Not done, Alma refused our credentials (HTTP 401, fix the key); the next run reads it again before ' +
          'anything is sent.',
      });
      expect(projected.map((p) => p.state)).to.deep.equal(['InFlight']);
    });

    it('credentials refused on the read before a retry: blocked, left Planned, nothing sent', () => {
      seed({ state: 'Planned', attempts: 1, lastAttemptAt: EARLIER });
      provider({ reads: [{ statusCode: 401, text: '' }] });
      const result = run();
      expect(result).to.include({ result: 'blocked', calls: 1 });
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(result.entry).to.include({ state: 'Planned', attempts: 1 });
    });

    it('a retry whose read cannot tell stays Planned (not InFlight), saying the provider could not be read', () => {
      seed({
        state: 'Planned',
        attempts: 1,
        lastAttemptAt: EARLIER,
        reason: 'Capture not done yet (attempt 1 of 3): HTTP 429; it is retried on the next run.',
      });
      provider({ reads: [{ statusCode: 500, text: '' }] });
      const result = run();
      expect(result).to.include({ result: 'pending', calls: 1 });
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(result.entry).to.include({
        state: 'Planned',
        attempts: 1,
        reason:
          'Before retrying the capture, Alma could not be read (HTTP 500); the next run reads it again before ' +
          'anything is sent.',
      });
      expect(projected.map((p) => p.state)).to.deep.equal(['Planned']);
    });
  });

  it('leaves an operation to the overlapping run that claimed it after this run read it', () => {
    seed();
    provider({});
    const wrap = Transaction.wrap;
    let first = true;
    const stub = sinon.stub(Transaction, 'wrap').callsFake(<T>(fn: () => T): T => {
      if (first) {
        first = false;
        // Another job run sends the operation between this run's read and its claim.
        const [record] = JSON.parse(String(order.__values.payopsHistory)) as Array<{ state: string; attempts: number }>;
        record.state = 'InFlight';
        record.attempts = 1;
        order.__values.payopsHistory = JSON.stringify([record]);
      }
      return wrap(fn);
    });
    try {
      const result = run();
      expect(result).to.include({ result: 'pending', calls: 0 });
      expect(result.entry).to.include({ state: 'InFlight', attempts: 1 });
      expect(calls).to.deep.equal([]);
    } finally {
      stub.restore();
    }
  });

  it('throws for an operation that is not in the payment history of the order', () => {
    expect(() => run()).to.throw(
      'Payment operation alma:capture:00001234:1 is not in the payment history of order 00001234',
    );
  });

  it('keeps the committed intent when recording the outcome fails: the next run reads before resending', () => {
    seed();
    provider({ sends: [ok({ id: 'cap_1' })] });
    expect(() =>
      runOperation(order, ID, {
        adapter: adapter(),
        runStartedAt: RUN_STARTED,
        maxAttempts: 3,
        inFlightGraceMillis: GRACE,
        project: () => {
          throw new Error('order locked');
        },
      }),
    ).to.throw('order locked');
    expect(Transaction.__events).to.deep.equal(['begin', 'commit', 'call', 'begin', 'rollback']);
    const entry = findOperation(order, ID)!;
    expect(entry).to.include({ state: 'InFlight', attempts: 1, providerReference: null });
    expect(entry.interactions).to.deep.equal([]);
  });
  describe('startOperation: a new operation', () => {
    const plan = {
      provider: 'alma' as const,
      type: 'capture' as const,
      sequence: 1,
      amountMinor: 1999,
      currencyCode: 'EUR',
      paymentReference: 'pay_1',
      merchantReference: '00001234-capture-1',
      idempotencyKey: 'key-1',
    };
    const settings = (
      project = (entry: JournalEntry) => projected.push({ state: entry.state, depth: Transaction.__depth() }),
    ) => ({
      adapter: adapter(),
      runStartedAt: RUN_STARTED,
      maxAttempts: 3,
      inFlightGraceMillis: GRACE,
      project,
    });

    it('costs two commits on success: planning with the intent (and prepare), then the outcome', () => {
      provider({ sends: [ok({ id: 'cap_1', amount: 1999 })] });
      let prepared = 0;
      const result = startOperation(order, plan, settings(), () => {
        prepared++;
        Transaction.__events.push('prepare');
      });
      expect(result).to.include({ result: 'succeeded', calls: 1 });
      expect(prepared).to.equal(1);
      expect(Transaction.__events).to.deep.equal(['begin', 'prepare', 'commit', 'call', 'begin', 'commit']);
      expect(calls).to.deep.equal([
        { method: 'POST', path: '/payments/pay_1/capture', depth: 0, state: 'InFlight', attempts: 1 },
      ]);
      expect(result.entry).to.include({ state: 'Succeeded', attempts: 1, sent: true });
      expect(queued(), 'created with the intent, removed with the outcome').to.equal(null);
    });

    it('leaves the queued intent behind when the process dies after the call: the next run finds it', () => {
      provider({ sends: [ok({ id: 'cap_1', amount: 1999 })] });
      expect(() =>
        startOperation(
          order,
          plan,
          settings(() => {
            throw new Error('killed');
          }),
        ),
      ).to.throw('killed');
      expect(findOperation(order, ID)).to.include({ state: 'InFlight', attempts: 1, sent: true });
      expect(queued()).to.not.equal(null);
    });

    it('resumes instead of planning twice when the operation exists', () => {
      seed({ state: 'InFlight', attempts: 1, lastAttemptAt: EARLIER });
      provider({ reads: [ok({ applied: true, id: 'cap_9', amount: 1999 })] });
      let prepared = 0;
      const result = startOperation(order, plan, settings(), () => prepared++);
      expect(result).to.include({ result: 'succeeded', calls: 1 });
      expect(prepared, 'nothing planned, nothing prepared').to.equal(0);
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(JSON.parse(String(order.__values.payopsHistory))).to.have.length(1);
    });
  });

  describe('an unknown outcome that stays unknown', () => {
    it('escalates after 24 hours without a conclusive read: still InFlight, nothing sent, the order named', () => {
      seed({ state: 'InFlight', attempts: 1, lastAttemptAt: new Date(Date.now() - 25 * 3600000) });
      provider({ reads: [{ statusCode: 500, text: '' }] });
      const result = run();
      expect(result).to.include({ result: 'escalated', calls: 1 });
      expect(result.entry).to.include({ state: 'InFlight', attempts: 1, reads: 1 });
      expect(result.entry.reason).to.equal(
        'Outcome of the capture unknown for more than 24 hours, and Alma could not be read (HTTP 500). Nothing is ' +
          'sent again: check the payment at Alma and fix what keeps it from being read; every run reads it again.',
      );
      expect(calls.map((c) => c.method)).to.deep.equal(['GET']);
      expect(queued()).to.not.equal(null);
    });

    it('does not escalate before 24 hours', () => {
      seed({ state: 'InFlight', attempts: 1, lastAttemptAt: new Date(Date.now() - 23 * 3600000) });
      provider({ reads: [{ statusCode: 500, text: '' }] });
      expect(run().result).to.equal('pending');
    });
  });

  describe('amounts the provider reports', () => {
    it('keeps what the provider moved and settles beside the planned amount', () => {
      seed({ amountMinor: null });
      provider({
        sends: [ok({ id: 'cap_1', amount: 4000 })],
        reads: [ok({ applied: true, id: 'cap_1', amount: 4000 })],
      });
      const result = run({ expectedMinor: 12000 });
      // Another amount than the 120.00 expected, without a settled figure: the provider is read once.
      expect(calls.map((c) => c.method)).to.deep.equal(['POST', 'GET']);
      expect(result).to.include({ result: 'succeeded', calls: 2 });
      expect(result.entry).to.include({ amountMinor: null, movedMinor: 4000 });
      expect(result.entry.interactions.map((i) => i.type)).to.deep.equal(['capture', 'read']);
    });

    it('makes no extra read when the provider moved what was expected', () => {
      seed({ amountMinor: null });
      provider({ sends: [ok({ id: 'cap_1', amount: 12000 })] });
      const result = run({ expectedMinor: 12000 });
      expect(result).to.include({ result: 'succeeded', calls: 1 });
      expect(result.entry.movedMinor).to.equal(12000);
    });
  });
});
