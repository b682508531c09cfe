/**
 * PayZen/Lyra payment on shipment (seed 003) through the generic capture job, in the local
 * runtime against the PayZen sandbox over loopback HTTP: one shipment transaction per shipped
 * shipment, adding up exactly to the initial amount; the seed's error table; the 180-day limit;
 * PSP_228 read back; a timeout after apply and the job killed between answer and write.
 */
import { expect } from 'chai';
import type { AlmaScenario } from './almaScenario';
import { describeResult } from './almaScenario';
import { CAPTURE_JOB as JOB, initialUuidOf, PayzenHost, SITE, type PayzenSpec } from './payzenScenario';

describe('integration: PayZen/Lyra payment on shipment against the PayZen sandbox', function () {
  this.timeout(60_000);
  const host = new PayzenHost();
  before(() => host.start());
  after(() => host.close());
  const scenario = (specs: PayzenSpec[], preferences?: Record<string, unknown>, secondSite: PayzenSpec[] = []) =>
    host.scenario(specs, preferences, secondSite);
  const order = (s: AlmaScenario, orderNo: string, site = SITE) =>
    s.runtime.core.state.sites.get(site)!.orders.get(orderNo)!;
  /** "createShipmentTransaction 3500": the shipment transactions PayZen received, in order. */
  const debits = async (s: AlmaScenario) =>
    (await s.requests())
      .filter((r) => r.path.endsWith('/Charge/CreateShipmentTransaction'))
      .map(
        (r) =>
          JSON.parse(r.body) as { uuid: string; amount: number; currency: string; metadata: Record<string, string> },
      );

  /** The seed's example: 35.00, 25.00 and 14.12 EUR, 74.12 in all, shipped on days 3, 10 and 20. */
  const seedExample = (orderNo: string): PayzenSpec => ({
    orderNo,
    total: '74.12',
    shippingStatus: 'PARTSHIPPED',
    shipments: [
      { id: 'p1', price: '35.00', shippingStatus: 'SHIPPED' },
      { id: 'p2', price: '25.00', shippingStatus: 'NOTSHIPPED' },
      { id: 'p3', price: '14.12', shippingStatus: 'NOTSHIPPED' },
    ],
  });

  it("the seed's example: 74.12 EUR shipped as 35.00, 25.00 and 14.12, three debits adding up exactly", async () => {
    const s = await scenario([seedExample('00009001')]);
    const ship = (id: string) => {
      const target = order(s, '00009001').shipments.find((x) => x.id === id)!;
      target.shippingStatus = 2;
    };
    const first = s.run(JOB, { site: SITE });
    expect(first.exitCode, describeResult(first)).to.equal('OK');
    expect(order(s, '00009001').custom.payopsCaptureStatus).to.equal('PartiallyCaptured');
    ship('p2');
    expect(s.run(JOB, { site: SITE }).exitCode).to.equal('OK');
    ship('p3');
    order(s, '00009001').shippingStatus = 2;
    const last = s.run(JOB, { site: SITE });
    const again = s.run(JOB, { site: SITE });
    expect(last.exitCode, describeResult(last)).to.equal('OK');
    expect(again.exitCode, describeResult(again)).to.equal('OK');
    const sent = await debits(s);
    expect(sent.map((d) => d.amount)).to.deep.equal([3500, 2500, 1412]);
    expect(sent.every((d) => d.uuid === initialUuidOf('00009001') && d.currency === 'EUR')).to.equal(true);
    const result = order(s, '00009001');
    expect(result.custom).to.include({ payopsCaptureStatus: 'Captured', payopsCapturedAmount: 74.12 });
    const references = result.shipments.map((x) => x.custom.payopsCaptureReference);
    expect(new Set(references).size).to.equal(3);
    for (const reference of references) expect(String(reference)).to.match(/^[0-9a-f]{32}$/);
  });

  /** The debits PayZen holds for the order (from the sandbox's state). */
  const heldDebits = async (orderNo: string) => {
    const state = (await host.sandbox.state()) as {
      transactions: Array<{ orderDetails: { orderId: string }; operationType: string; amount: number }>;
    };
    return state.transactions
      .filter((t) => t.orderDetails.orderId === orderNo && t.operationType === 'DEBIT')
      .map((t) => t.amount);
  };
  const envelope = (code: string) => ({
    webService: 'Charge/CreateShipmentTransaction',
    version: 'V4',
    status: 'ERROR',
    answer: { errorCode: code, errorMessage: 'message of ' + code, _type: 'V4/WebService/WebServiceError' },
  });
  /** Beyond the InFlight grace (service timeout + the cartridge's 1,000 ms margin). */
  const GRACE_MS = 2000 + 1000 + 1;

  describe("the seed's error table, on the debit of a shipped order (20.00 EUR)", () => {
    const rows: Array<{ code: string; outcome: 'Failed' | 'Rejected' | 'Captured'; how: 'reply' | 'forced' }> = [
      { code: 'INT_009', outcome: 'Failed', how: 'reply' },
      { code: 'INT_010', outcome: 'Failed', how: 'reply' },
      { code: 'INT_050', outcome: 'Failed', how: 'reply' },
      { code: 'PSP_519', outcome: 'Failed', how: 'reply' },
      { code: 'PSP_606', outcome: 'Failed', how: 'reply' },
      { code: 'PSP_229', outcome: 'Rejected', how: 'reply' },
      { code: 'PSP_231', outcome: 'Rejected', how: 'reply' },
      // Read back, then (nothing found) sent again: exactly one debit in the end.
      { code: 'PSP_227', outcome: 'Captured', how: 'forced' },
      { code: 'PSP_236', outcome: 'Captured', how: 'reply' },
      // Created but unanswered: found by the read, never sent again.
      { code: 'PSP_228', outcome: 'Captured', how: 'forced' },
    ];
    for (const row of rows) {
      it(`${row.code} → ${row.outcome}`, async () => {
        const s = await scenario([
          { orderNo: '00009201', total: '20.00', ...(row.how === 'forced' ? { shipmentOutcomes: [row.code] } : {}) },
        ]);
        if (row.how === 'reply') {
          await host.sandbox.addFault({
            kind: 'reply',
            route: 'createShipmentTransaction',
            status: 200,
            json: envelope(row.code),
          });
        }
        const first = s.run(JOB, { site: SITE });
        s.letTimePass(GRACE_MS);
        const second = s.run(JOB, { site: SITE });
        s.letTimePass(GRACE_MS);
        const third = s.run(JOB, { site: SITE });
        const custom = order(s, '00009201').custom;
        const calls = (await s.requests()).map((r) => r.path.replace(/^.*V4\//, ''));
        if (row.outcome === 'Captured') {
          expect(first.exitCode, describeResult(first)).to.equal('RETRY_PENDING');
          expect(third.exitCode, describeResult(third)).to.equal('OK');
          expect(custom).to.include({ payopsCaptureStatus: 'Captured', payopsCapturedAmount: 20 });
          expect(await heldDebits('00009201'), 'exactly one debit at PayZen').to.deep.equal([2000]);
          const resent = row.code === 'PSP_228' ? [] : ['Charge/CreateShipmentTransaction'];
          expect(calls).to.deep.equal(['Charge/CreateShipmentTransaction', 'Order/Get', ...resent]);
        } else {
          expect(first.exitCode, describeResult(first)).to.equal('ERROR');
          expect([second.exitCode, third.exitCode]).to.deep.equal(['OK', 'OK']);
          expect(custom.payopsCaptureStatus).to.equal(row.outcome);
          expect(String(custom.payopsReason)).to.contain(`ERROR ${row.code}: message of ${row.code}`);
          expect(order(s, '00009201').shipments[0]!.custom.payopsCaptureStatus).to.equal(row.outcome);
          expect(calls, 'never sent again').to.deep.equal(['Charge/CreateShipmentTransaction']);
          expect(await heldDebits('00009201')).to.deep.equal([]);
        }
      });
    }
  });

  it('a shipment triggered after 180 days is refused before any call; after 30 days the debit notes that the CB guarantee is gone', async () => {
    const s = await scenario([
      { orderNo: '00009301', total: '20.00', initialDaysAgo: 181 },
      { orderNo: '00009302', total: '30.00', initialDaysAgo: 40 },
    ]);
    const result = s.run(JOB, { site: SITE });
    expect(result.exitCode, describeResult(result)).to.equal('ERROR');
    const late = order(s, '00009301').custom;
    expect(late.payopsCaptureStatus).to.equal('Failed');
    expect(String(late.payopsReason)).to.contain('is 181 days old: a shipment can only be debited within 180 days');
    const paths = (await s.requests()).map((r) => JSON.parse(r.body).orderId);
    expect(paths, 'no call for the late order').to.deep.equal(['00009302']);
    const reason = String(order(s, '00009302').custom.payopsReason);
    expect(reason).to.contain('past 30 days, the CB payment guarantee no longer applies to this debit');
    expect(order(s, '00009302').custom.payopsCaptureStatus).to.equal('Captured');
  });

  it('a timeout after PayZen created the debit: read back on the next run, exactly one debit', async () => {
    const s = await scenario([{ orderNo: '00009401', total: '25.00' }]);
    await host.sandbox.addFault({ kind: 'timeout', route: 'createShipmentTransaction', apply: true, ms: 3000 });
    const first = s.run(JOB, { site: SITE });
    expect(first.exitCode, describeResult(first)).to.equal('RETRY_PENDING');
    s.letTimePass(GRACE_MS);
    const second = s.run(JOB, { site: SITE });
    expect(second.exitCode, describeResult(second)).to.equal('OK');
    expect(order(s, '00009401').custom.payopsCaptureStatus).to.equal('Captured');
    expect(await heldDebits('00009401')).to.deep.equal([2500]);
    const calls = (await s.requests()).map((r) => r.path.replace(/^.*V4\//, ''));
    expect(calls).to.deep.equal(['Charge/CreateShipmentTransaction', 'Order/Get']);
  });

  it('the job killed between PayZen’s answer and the write: the next run finds the debit, exactly one', async () => {
    const s = await scenario([{ orderNo: '00009501', total: '25.00' }]);
    const crashed = s.run(JOB, {
      site: SITE,
      crash: { afterServiceResponse: (call) => /CreateShipmentTransaction$/.test(call.url) },
    });
    expect(crashed.crash?.message).to.match(/simulated crash after POST .*CreateShipmentTransaction answered 200/);
    expect(order(s, '00009501').custom.payopsCaptureStatus ?? null).to.equal(null);
    s.letTimePass(GRACE_MS);
    const recovered = s.run(JOB, { site: SITE });
    expect(recovered.exitCode, describeResult(recovered)).to.equal('OK');
    expect(order(s, '00009501').custom).to.include({ payopsCaptureStatus: 'Captured', payopsCapturedAmount: 25 });
    expect(await heldDebits('00009501')).to.deep.equal([2500]);
  });

  it('runs for two sites sharing one PayZen shop: each debits its own orders, once', async () => {
    const s = await scenario([{ orderNo: '00009601', total: '11.00' }], {}, [{ orderNo: '00009602', total: '22.00' }]);
    expect(s.run(JOB).exitCode).to.equal('OK');
    expect(s.run(JOB).exitCode).to.equal('OK');
    expect(await heldDebits('00009601')).to.deep.equal([1100]);
    expect(await heldDebits('00009602')).to.deep.equal([2200]);
    expect(order(s, '00009602', 'RefArchFR').custom.payopsCaptureStatus).to.equal('Captured');
  });

  it('two sites sharing one PayZen shop, with the same order number: a read back never takes the other site’s debit', async () => {
    const other = 'f2000000000000000000000000009611';
    const s = await scenario([{ orderNo: '00009611', total: '11.00' }], {}, [
      { orderNo: '00009611', total: '11.00', initialUuid: other },
    ]);
    expect(s.run(JOB, { site: SITE }).exitCode).to.equal('OK');
    // The second site's debit is lost on the way (not created): its next run reads the order.
    await host.sandbox.addFault({ kind: 'timeout', route: 'createShipmentTransaction', apply: false, ms: 3000 });
    const lost = s.run(JOB, { site: 'RefArchFR' });
    expect(lost.exitCode, describeResult(lost)).to.equal('RETRY_PENDING');
    s.letTimePass(GRACE_MS);
    const again = s.run(JOB, { site: 'RefArchFR' });
    expect(again.exitCode, describeResult(again)).to.equal('OK');
    const state = (await host.sandbox.state()) as {
      transactions: Array<{ operationType: string; transactionDetails: { parentTransactionUuid: string | null } }>;
    };
    const parents = state.transactions
      .filter((t) => t.operationType === 'DEBIT')
      .map((t) => t.transactionDetails.parentTransactionUuid);
    expect(parents.sort(), 'one debit from each site’s initial transaction').to.deep.equal(
      [initialUuidOf('00009611'), other].sort(),
    );
    const fr = order(s, '00009611', 'RefArchFR').custom;
    expect(fr.payopsCaptureStatus).to.equal('Captured');
    expect(order(s, '00009611', 'RefArchFR').shipments[0]!.custom.payopsCaptureReference).to.not.equal(
      order(s, '00009611').shipments[0]!.custom.payopsCaptureReference,
    );
  });
});
