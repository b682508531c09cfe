/**
 * Every Monext answer (the table in providers/monext/monextResults.ts) to a capture, through the
 * job monextHandleOrders in the local runtime against the Monext sandbox over loopback HTTP, as a
 * merchant sees it: the order's payopsCaptureStatus and payopsReason, the job's exit code, exactly
 * which requests reached Monext, and how many captures (or refunds) Monext holds in the end. Then
 * a capture that timed out after Monext applied it, and the job killed between Monext's answer and
 * the write, for a capture and for a refund.
 */
import { expect } from 'chai';
import type { JobResult } from '../../tools/runtime/jobs/jobRunner';
import type { Fault, JsonValue } from '../../tools/sandboxes/core/faults';
import type { MonextSession } from '../../tools/sandboxes/monext/model';
import { type AlmaScenario, describeResult } from './almaScenario';
import {
  MONEXT_JOB,
  MONEXT_TIMEOUT_MS as TIMEOUT_MS,
  MonextHost,
  SITE,
  transactionOf,
  type MonextSpec,
} from './monextScenario';

const JOB = MONEXT_JOB;
/** Beyond the InFlight grace (service timeout + the cartridge's 1,000 ms margin): the next run may read. */
const GRACE_MS = TIMEOUT_MS + 1000 + 1;

/** What a merchant would tell a Monext answer class by. */
type AnswerClass = 'refused' | 'invalid' | 'unauthorized' | 'unknown' | 'pending' | 'transient';

interface Row {
  answer: string;
  class: AnswerClass;
  fault: Fault;
  /** What payopsReason quotes of Monext's answer. */
  quoted: string;
}

const result = (code: string, title: string, detail: string) => ({ result: { code, title, detail } });
const reply = (json: JsonValue, apply = false): Fault => ({
  kind: 'reply',
  route: 'capture',
  status: 200,
  json,
  ...(apply ? { apply } : {}),
});
const status = (code: number): Fault => ({ kind: 'status', route: 'capture', status: code });

const ROWS: Row[] = [
  {
    answer: 'HTTP 200 REFUSED 01100',
    class: 'refused',
    fault: reply(result('01100', 'REFUSED', 'Transaction refused')),
    quoted: 'HTTP 200, REFUSED 01100: Transaction refused',
  },
  {
    answer: 'HTTP 200 CANCELLED 02319',
    class: 'refused',
    fault: reply(result('02319', 'CANCELLED', 'Payment cancelled by the buyer')),
    quoted: 'HTTP 200, CANCELLED 02319: Payment cancelled by the buyer',
  },
  {
    answer: 'HTTP 200 fraud code 04003',
    class: 'refused',
    fault: reply(result('04003', 'REFUSED', 'Fraud suspected')),
    quoted: 'HTTP 200, REFUSED 04003: Fraud suspected',
  },
  { answer: 'HTTP 409', class: 'refused', fault: status(409), quoted: 'HTTP 409, Conflict' },
  { answer: 'HTTP 400', class: 'invalid', fault: status(400), quoted: 'HTTP 400, Bad Request' },
  { answer: 'HTTP 404', class: 'invalid', fault: status(404), quoted: 'HTTP 404, Not Found' },
  {
    answer: 'HTTP 200 {title: Unauthorized}',
    class: 'unauthorized',
    fault: reply({ title: 'Unauthorized', detail: 'Bad credentials' }),
    quoted: 'HTTP 200, Unauthorized: Bad credentials',
  },
  { answer: 'HTTP 401', class: 'unauthorized', fault: status(401), quoted: 'HTTP 401, Unauthorized' },
  { answer: 'HTTP 403', class: 'unauthorized', fault: status(403), quoted: 'HTTP 403, Forbidden' },
  ...[false, true].flatMap((apply): Row[] => {
    const applied = apply ? ', applied by Monext' : ', not applied';
    return [
      {
        answer: 'HTTP 200 duplicate 01913' + applied,
        class: 'unknown',
        fault: reply(result('01913', 'REFUSED', 'Duplicate transaction'), apply),
        quoted: 'HTTP 200, REFUSED 01913: Duplicate transaction',
      },
      {
        answer: 'HTTP 200 duplicate 02001' + applied,
        class: 'unknown',
        fault: reply(result('02001', 'REFUSED', 'Duplicate request'), apply),
        quoted: 'HTTP 200, REFUSED 02001: Duplicate request',
      },
      {
        answer: 'HTTP 200 ERROR 02101' + applied,
        class: 'unknown',
        fault: reply(result('02101', 'ERROR', 'Internal error'), apply),
        quoted: 'HTTP 200, ERROR 02101: Internal error',
      },
      {
        answer: 'HTTP 200 with no result' + applied,
        class: 'unknown',
        fault: reply({ transaction: { id: '1' } }, apply),
        quoted: 'HTTP 200: no result in the answer',
      },
    ];
  }),
  ...(
    [
      ['INPROGRESS', '02306', 'Transaction in progress'],
      ['ONHOLD_PARTNER', '02000', 'Transaction in progress at the partner'],
      ['PENDING_RISK', '02005', 'Transaction pending risk analysis'],
    ] as const
  ).map(([title, code, detail]): Row => ({
    answer: `HTTP 200 ${title} ${code}, applied by Monext`,
    class: 'pending',
    fault: reply(result(code, title, detail), true),
    quoted: `HTTP 200, ${title} ${code}: ${detail}`,
  })),
  {
    answer: 'HTTP 429',
    class: 'transient',
    fault: status(429),
    quoted: 'HTTP 429, Too Many Requests: Too Many Requests',
  },
  { answer: 'HTTP 503', class: 'transient', fault: status(503), quoted: 'HTTP 503: Service Unavailable' },
];

describe('integration: every Monext answer to a capture (monextHandleOrders, Monext sandbox)', function () {
  this.timeout(60_000);
  const host = new MonextHost();
  const sandbox = () => host.sandbox;
  before(() => host.start());
  after(() => host.close());
  const scenario = (specs: MonextSpec[]) => host.scenario(specs);
  const custom = (s: AlmaScenario, orderNo: string) =>
    s.runtime.core.state.sites.get(SITE)!.orders.get(orderNo)!.custom;
  /** "POST /transactions/90000000008001/captures 409": method, path after /v1/checkout, status. */
  const lines = async (s: AlmaScenario) =>
    (await s.requests()).map((r) => `${r.method} ${r.path.replace('/v1/checkout', '')} ${r.status}`);
  /** The amounts of the successful operations of a type Monext holds on the order's transaction. */
  const atMonext = async (orderNo: string, type: 'CAPTURE' | 'REFUND') => {
    const { sessions } = (await sandbox().state()) as { sessions: MonextSession[] };
    const session = sessions.find((x) => x.sessionId === 'session-' + orderNo)!;
    return session.operations.filter((o) => o.type === type && o.status === 'OK').map((o) => o.amount);
  };
  const report = (run: JobResult) => String(run.steps.find((step) => step.stepId === 'Report')?.message);

  describe('a capture of a shipped order (00008001, 50.00 EUR), with a second shipped order (00008002, 20.00 EUR) after it', () => {
    const A = '00008001';
    const B = '00008002';
    const session = (no: string) => `GET /payments/sessions/session-${no} 200`;
    const capture = (no: string, code: number | null) => `POST /transactions/${transactionOf(no)}/captures ${code}`;
    const read = (no: string) => `GET /transactions/${transactionOf(no)} 200`;

    for (const row of ROWS) {
      const applied = row.fault.kind === 'reply' && row.fault.apply === true;
      it(`${row.answer} → ${row.class}`, async () => {
        const s = await scenario([
          { orderNo: A, total: '50.00' },
          { orderNo: B, total: '20.00' },
        ]);
        await sandbox().addFault(row.fault);
        const answered = row.fault.kind === 'status' ? row.fault.status : 200;

        const first = s.run(JOB, { site: SITE });
        const afterFirst = await lines(s);
        const orderA = { ...custom(s, A) };
        const entryA = s.operation(`monext:capture:${A}:1`);
        s.letTimePass(GRACE_MS);
        const second = s.run(JOB, { site: SITE });
        const all = await lines(s);
        const secondRun = all.slice(afterFirst.length);

        // The other order: captured once, in the first run unless the credentials stopped the run.
        expect(custom(s, B)).to.include({ payopsCaptureStatus: 'Captured', payopsCapturedAmount: 20 });
        expect(await atMonext(B, 'CAPTURE')).to.deep.equal([2000]);
        expect(second.exitCode, describeResult(second)).to.equal('OK');

        switch (row.class) {
          case 'refused':
          case 'invalid': {
            // Final after one POST: Rejected (a business refusal) or Failed (for an operator); never resent.
            const state = row.class === 'refused' ? 'Rejected' : 'Failed';
            expect(first.exitCode, describeResult(first)).to.equal('ERROR');
            expect(report(first)).to.contain('1 order(s) need attention').and.to.contain(row.quoted);
            expect(orderA.payopsCaptureStatus).to.equal(state);
            expect(String(orderA.payopsReason)).to.contain(
              row.class === 'refused'
                ? `Monext refused the capture of 50.00 EUR: ${row.quoted}`
                : `Monext did not accept the capture of 50.00 EUR: ${row.quoted}`,
            );
            expect(entryA).to.include({ state, attempts: 1 });
            expect(afterFirst).to.deep.equal([session(A), capture(A, answered), session(B), capture(B, 200)]);
            expect(secondRun, 'the second run sends nothing').to.deep.equal([]);
            expect(custom(s, A).payopsCaptureStatus).to.equal(state);
            expect(await atMonext(A, 'CAPTURE')).to.deep.equal([]);
            break;
          }
          case 'unauthorized': {
            // Our credentials: nothing more is sent to Monext in that run, not even for the next order.
            expect(first.exitCode, describeResult(first)).to.equal('ERROR');
            expect(report(first)).to.match(
              /^Monext refused our credentials; the run stopped calling it and left the remaining orders as they were/,
            );
            expect(afterFirst).to.deep.equal([session(A), capture(A, answered)]);
            expect(orderA.payopsCaptureStatus ?? null, 'not Captured, nor Rejected or Failed').to.equal(null);
            expect(String(orderA.payopsReason)).to.contain(`Not done, Monext refused our credentials: ${row.quoted}`);
            expect(String(orderA.payopsReason)).to.contain(
              'set the merchant ID (user) and the access key (password) of the credential of service paymentoperations.monext',
            );
            // The refused call used up no attempt: nothing was applied, so it is sent again without a read.
            expect(entryA).to.include({ state: 'Planned', attempts: 0 });
            expect(secondRun).to.deep.equal([capture(A, 200), session(B), capture(B, 200)]);
            expect(custom(s, A)).to.include({ payopsCaptureStatus: 'Captured', payopsCapturedAmount: 50 });
            expect(await atMonext(A, 'CAPTURE')).to.deep.equal([5000]);
            break;
          }
          case 'unknown':
          case 'pending':
          case 'transient': {
            // Waits for the next run, which reads the transaction before anything is sent again.
            expect(first.exitCode, describeResult(first)).to.equal('RETRY_PENDING');
            expect(report(first)).to.contain('1 order(s) continue on the next run').and.to.contain(row.quoted);
            expect(orderA.payopsCaptureStatus ?? null).to.equal(null);
            expect(String(orderA.payopsReason)).to.contain(
              row.class === 'transient'
                ? `Capture not done yet (attempt 1 of 5): ${row.quoted}; it is retried on the next run.`
                : `Outcome of the capture unknown (${row.quoted}); the next run reads Monext before any retry`,
            );
            expect(entryA).to.include({ state: row.class === 'transient' ? 'Planned' : 'InFlight', attempts: 1 });
            expect(afterFirst).to.deep.equal([session(A), capture(A, answered), session(B), capture(B, 200)]);
            // Applied: the read finds the capture and nothing is sent; else the read finds none and it is sent once.
            expect(secondRun).to.deep.equal(applied ? [read(A)] : [read(A), capture(A, 200)]);
            expect(custom(s, A)).to.include({ payopsCaptureStatus: 'Captured', payopsCapturedAmount: 50 });
            if (applied) {
              expect(String(custom(s, A).payopsReason)).to.contain('found when reading Monext');
            }
            expect(await atMonext(A, 'CAPTURE'), 'exactly one capture at Monext').to.deep.equal([5000]);
            break;
          }
        }
        // A third run changes nothing.
        s.letTimePass(GRACE_MS);
        const third = s.run(JOB, { site: SITE });
        expect(third.exitCode, describeResult(third)).to.equal('OK');
        expect(await lines(s)).to.deep.equal(all);
      });
    }

    it('HTTP 200 INPROGRESS, then the read lists the capture still INPROGRESS: nothing is sent again while it is pending', async () => {
      // A capture listed neither OK nor KO may still be accepted: resending it could capture twice.
      const s = await scenario([{ orderNo: A, total: '50.00' }]);
      await sandbox().addFault(reply(result('02306', 'INPROGRESS', 'Transaction in progress')));
      const first = s.run(JOB, { site: SITE });
      expect(first.exitCode, describeResult(first)).to.equal('RETRY_PENDING');
      await sandbox().addFault({
        kind: 'reply',
        route: 'transaction',
        status: 200,
        json: {
          id: transactionOf(A),
          type: 'AUTHORIZATION',
          amount: 5000,
          status: 'OK',
          associatedTransactions: [
            { id: transactionOf(A), type: 'AUTHORIZATION', amount: 5000, status: 'OK' },
            { id: '11112222333344', type: 'CAPTURE', amount: 5000, status: 'INPROGRESS' },
          ],
        },
      });
      s.letTimePass(GRACE_MS);
      const second = s.run(JOB, { site: SITE });
      expect(second.exitCode, describeResult(second)).to.equal('RETRY_PENDING');
      expect(await lines(s)).to.deep.equal([session(A), capture(A, 200), read(A)]);
      expect(custom(s, A).payopsCaptureStatus ?? null).to.equal(null);
      expect(s.operation(`monext:capture:${A}:1`).state).to.equal('InFlight');
    });

    it('a capture that times out after Monext applied it: RETRY_PENDING, then the read finds it: Captured, one capture, no second POST', async () => {
      const s = await scenario([{ orderNo: A, total: '50.00' }]);
      await sandbox().addFault({ kind: 'timeout', route: 'capture', apply: true, ms: TIMEOUT_MS + 1000 });

      const first = s.run(JOB, { site: SITE });
      expect(first.exitCode, describeResult(first)).to.equal('RETRY_PENDING');
      expect(custom(s, A).payopsCaptureStatus ?? null).to.equal(null);
      expect(String(custom(s, A).payopsReason)).to.contain(
        `Outcome of the capture unknown (no answer from Monext: TIMEOUT: Read timed out after ${TIMEOUT_MS} ms`,
      );
      expect(s.operation(`monext:capture:${A}:1`)).to.include({ state: 'InFlight', attempts: 1 });
      expect(await atMonext(A, 'CAPTURE'), 'Monext applied it').to.deep.equal([5000]);

      s.letTimePass(GRACE_MS);
      const second = s.run(JOB, { site: SITE });
      expect(second.exitCode, describeResult(second)).to.equal('OK');
      expect(await lines(s)).to.deep.equal([session(A), capture(A, null), read(A)]);
      expect(custom(s, A)).to.include({ payopsCaptureStatus: 'Captured', payopsCapturedAmount: 50 });
      expect(String(custom(s, A).payopsReason)).to.contain('found when reading Monext');
      expect(await atMonext(A, 'CAPTURE')).to.deep.equal([5000]);
    });

    it('the job killed between Monext’s capture answer and the write: the next run reads it back, Captured, one capture', async () => {
      const s = await scenario([{ orderNo: A, total: '50.00' }]);

      const crashed = s.run(JOB, {
        site: SITE,
        crash: { afterServiceResponse: (call) => call.method === 'POST' && /captures$/.test(call.url) },
      });
      expect(crashed.crash?.message).to.match(/simulated crash after POST .*\/captures answered 200/);
      expect(s.operation(`monext:capture:${A}:1`)).to.include({ state: 'InFlight', attempts: 1 });
      expect(custom(s, A).payopsCaptureStatus ?? null).to.equal(null);

      s.letTimePass(GRACE_MS);
      const next = s.run(JOB, { site: SITE });
      expect(next.exitCode, describeResult(next)).to.equal('OK');
      expect(await lines(s)).to.deep.equal([session(A), capture(A, 200), read(A)]);
      expect(custom(s, A)).to.include({ payopsCaptureStatus: 'Captured', payopsCapturedAmount: 50 });
      expect(await atMonext(A, 'CAPTURE')).to.deep.equal([5000]);
    });
  });

  describe('a refund of an order cancelled after capture (00008301, 50.00 EUR captured)', () => {
    it('the job killed between Monext’s refund answer and the write: the next run reads it back, Refunded, one refund', async () => {
      const no = '00008301';
      const s = await scenario([
        {
          orderNo: no,
          total: '50.00',
          status: 'CANCELLED',
          paymentStatus: 'PAID',
          captured: 5000,
          custom: { payopsCaptureStatus: 'Captured', payopsCapturedAmount: 50, monextTransactionID: transactionOf(no) },
        },
      ]);

      const crashed = s.run(JOB, {
        site: SITE,
        crash: { afterServiceResponse: (call) => call.method === 'POST' && /refunds$/.test(call.url) },
      });
      expect(crashed.crash?.message).to.match(/simulated crash after POST .*\/refunds answered 200/);
      expect(s.operation(`monext:refund:${no}:1`)).to.include({ state: 'InFlight', attempts: 1 });
      expect(custom(s, no).payopsRefundStatus ?? null).to.equal(null);

      s.letTimePass(GRACE_MS);
      const next = s.run(JOB, { site: SITE });
      s.letTimePass(GRACE_MS);
      const again = s.run(JOB, { site: SITE });
      expect(next.exitCode, describeResult(next)).to.equal('OK');
      expect(again.exitCode, describeResult(again)).to.equal('OK');
      expect(await lines(s)).to.deep.equal([
        `POST /transactions/${transactionOf(no)}/refunds 200`,
        `GET /transactions/${transactionOf(no)} 200`,
      ]);
      expect(custom(s, no)).to.include({ payopsRefundStatus: 'Refunded', payopsRefundedAmount: 50 });
      expect(String(custom(s, no).payopsReason)).to.contain('found when reading Monext');
      expect(await atMonext(no, 'REFUND'), 'exactly one refund at Monext').to.deep.equal([5000]);
      expect(await atMonext(no, 'CAPTURE')).to.deep.equal([5000]);
    });
  });
});
