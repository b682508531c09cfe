/**
 * Cancel and refund of PayZen/Lyra orders paid on shipment (providers.md §4.4, the official refund
 * algorithm), through the generic jobs, in the local runtime against the PayZen sandbox: after 1,
 * 2 and 3 shipments, in full or for an Amount to Refund, from the last debit backwards; a debit
 * the bank captured is refunded (REFUND_ONLY), one not captured yet is cancelled
 * (CANCELLATION_ONLY) or lowered (Transaction/Update).
 */
import { expect } from 'chai';
import type { AlmaScenario } from './almaScenario';
import { describeResult } from './almaScenario';
import { CANCEL_JOB, CAPTURE_JOB, PayzenHost, REFUND_JOB, SITE, type PayzenSpec } from './payzenScenario';

/** The seed's example order, its first `shipped` shipments shipped. */
function seedExample(orderNo: string, shipped: number): PayzenSpec {
  const prices = ['35.00', '25.00', '14.12'];
  return {
    orderNo,
    total: '74.12',
    shippingStatus: shipped === 3 ? 'SHIPPED' : shipped === 0 ? 'NOTSHIPPED' : 'PARTSHIPPED',
    shipments: prices.map((price, i) => ({
      id: 'p' + (i + 1),
      price,
      shippingStatus: i < shipped ? ('SHIPPED' as const) : ('NOTSHIPPED' as const),
    })),
  };
}

/** "CancelOrRefund REFUND_ONLY 1412": what the jobs asked PayZen to give back, in order. */
async function givenBack(s: AlmaScenario): Promise<string[]> {
  return (await s.requests())
    .filter((r) => /Transaction\/(CancelOrRefund|Update)$/.test(r.path))
    .map((r) => {
      const body = JSON.parse(r.body) as { resolutionMode?: string; amount?: number; cardUpdate?: { amount: number } };
      return r.path.endsWith('Update')
        ? `Update to ${body.cardUpdate!.amount}`
        : `CancelOrRefund ${body.resolutionMode} ${body.amount}`;
    });
}

function describeCancelAndRefund(host: PayzenHost, captured: boolean): void {
  before(() => host.start());
  after(() => host.close());
  const order = (s: AlmaScenario, orderNo: string) => s.runtime.core.state.sites.get(SITE)!.orders.get(orderNo)!;
  /** The generic jobs, their Providers parameter set to payzen as a PayZen merchant sets it. */
  const forPayzen = (s: AlmaScenario) => {
    for (const id of [CANCEL_JOB, REFUND_JOB]) {
      const job = structuredClone(s.runtime.jobs.get(id)!);
      for (const flow of job.flows)
        for (const step of flow.steps)
          step.parameters = step.parameters.map((p) =>
            p.name === 'Providers' ? { name: 'Providers', value: 'payzen' } : p,
          );
      s.runtime.jobs.set(id, job);
    }
    return s;
  };
  const scenario = async (spec: PayzenSpec) => forPayzen(await host.scenario([spec]));
  const run = (s: AlmaScenario, job: string) => {
    const result = s.run(job, { site: SITE });
    expect(result.exitCode, describeResult(result)).to.equal('OK');
    return result;
  };
  const mode = captured ? 'REFUND_ONLY' : 'CANCELLATION_ONLY';

  it('cancelled before any shipment: Cancelled with nothing sent, and nothing is ever debited', async () => {
    const s = await scenario(seedExample('00009701', 0));
    order(s, '00009701').status = 6;
    run(s, CANCEL_JOB);
    run(s, REFUND_JOB);
    for (const shipment of order(s, '00009701').shipments) shipment.shippingStatus = 2;
    run(s, CAPTURE_JOB);
    expect(await s.requests(), 'no call at all').to.have.length(0);
    const custom = order(s, '00009701').custom;
    expect(custom.payopsCancelStatus).to.equal('Cancelled');
    expect(String(custom.payopsReason)).to.contain('Nothing to void at PayZen/Lyra');
  });

  for (const shipped of [1, 2, 3]) {
    it(`cancelled after ${shipped} shipment(s): every debit given back in full, from the last one, once`, async () => {
      const s = await scenario(seedExample('0000980' + shipped, shipped));
      run(s, CAPTURE_JOB);
      if (shipped === 2) run(s, CAPTURE_JOB);
      order(s, '0000980' + shipped).status = 6;
      run(s, CANCEL_JOB);
      run(s, REFUND_JOB);
      run(s, REFUND_JOB);
      const amounts = [3500, 2500, 1412].slice(0, shipped).reverse();
      expect(await givenBack(s)).to.deep.equal(amounts.map((a) => `CancelOrRefund ${mode} ${a}`));
      const custom = order(s, '0000980' + shipped).custom;
      const debited = amounts.reduce((a, b) => a + b, 0) / 100;
      expect(custom).to.include({ payopsCancelStatus: 'Cancelled', payopsRefundStatus: 'Refunded' });
      expect(custom.payopsRefundedAmount).to.equal(debited);
    });
  }

  it('a debit whose answer was lost is settled before anything is given back: the refund waits, then gives back every debit', async () => {
    const s = await scenario(seedExample('00009951', 1));
    run(s, CAPTURE_JOB);
    // The second shipment's debit is made at PayZen, but its answer is lost.
    order(s, '00009951').shipments[1]!.shippingStatus = 2;
    await host.sandbox.addFault({ kind: 'timeout', route: 'createShipmentTransaction', apply: true, ms: 3000 });
    const lost = s.run(CAPTURE_JOB, { site: SITE });
    expect(lost.exitCode, describeResult(lost)).to.equal('RETRY_PENDING');
    order(s, '00009951').status = 6;
    const waiting = s.run(REFUND_JOB, { site: SITE });
    expect(waiting.exitCode, describeResult(waiting)).to.equal('OK');
    expect(await givenBack(s), 'nothing given back while a debit is unknown').to.deep.equal([]);
    s.letTimePass(2000 + 1000 + 1);
    run(s, CAPTURE_JOB);
    run(s, REFUND_JOB);
    expect(await givenBack(s)).to.deep.equal([`CancelOrRefund ${mode} 2500`, `CancelOrRefund ${mode} 3500`]);
    expect(order(s, '00009951').custom).to.include({ payopsRefundStatus: 'Refunded', payopsRefundedAmount: 60 });
  });

  it('a refund part whose answer was lost is read back, and given back once', async () => {
    const s = await scenario(seedExample('00009961', 1));
    run(s, CAPTURE_JOB);
    order(s, '00009961').status = 6;
    const route = captured ? 'refund' : 'cancel';
    await host.sandbox.addFault({ kind: 'timeout', route, apply: true, ms: 3000 });
    const lost = s.run(REFUND_JOB, { site: SITE });
    expect(lost.exitCode, describeResult(lost)).to.equal('RETRY_PENDING');
    s.letTimePass(2000 + 1000 + 1);
    run(s, REFUND_JOB);
    run(s, REFUND_JOB);
    expect(await givenBack(s), 'sent once').to.deep.equal([`CancelOrRefund ${mode} 3500`]);
    expect(order(s, '00009961').custom).to.include({ payopsRefundStatus: 'Refunded', payopsRefundedAmount: 35 });
    const state = (await host.sandbox.state()) as {
      transactions: Array<{ operationType: string; amount: number; detailedStatus: string }>;
    };
    const moves = state.transactions
      .filter((t) => (captured ? t.operationType === 'CREDIT' : t.detailedStatus === 'CANCELLED'))
      .map((t) => t.amount);
    expect(moves, captured ? 'one credit at PayZen' : 'the debit cancelled').to.deep.equal([3500]);
  });

  it('an Amount to Refund larger than the last debit is given back from the last two, never more than debited', async () => {
    const s = await scenario(seedExample('00009901', 3));
    run(s, CAPTURE_JOB);
    order(s, '00009901').custom.payopsRefundAmount = 20;
    run(s, REFUND_JOB);
    const expected = captured
      ? ['CancelOrRefund REFUND_ONLY 1412', 'CancelOrRefund REFUND_ONLY 588']
      : ['CancelOrRefund CANCELLATION_ONLY 1412', 'Update to 1912'];
    expect(await givenBack(s)).to.deep.equal(expected);
    const custom = order(s, '00009901').custom;
    expect(custom).to.include({ payopsRefundStatus: 'PartiallyRefunded', payopsRefundedAmount: 20 });
    expect(custom.payopsRefundAmount ?? null, 'the request is done').to.equal(null);
    // More than what is left (54.12): refused before any call.
    order(s, '00009901').custom.payopsRefundAmount = 60;
    const refused = s.run(REFUND_JOB, { site: SITE });
    expect(refused.exitCode, describeResult(refused)).to.equal('ERROR');
    expect(String(order(s, '00009901').custom.payopsReason)).to.contain('is more than the 54.12 EUR allowed');
    expect(await givenBack(s)).to.deep.equal(expected);
  });
}

describe('integration: PayZen/Lyra cancel and refund, debits captured by the bank (REFUND_ONLY)', function () {
  this.timeout(60_000);
  describeCancelAndRefund(new PayzenHost(), true);
});

describe('integration: PayZen/Lyra cancel and refund, debits not captured yet (CANCELLATION_ONLY, Update)', function () {
  this.timeout(60_000);
  describeCancelAndRefund(new PayzenHost({ automaticCaptureDelayMs: 24 * 60 * 60 * 1000 }), false);
});
