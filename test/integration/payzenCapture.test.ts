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
});
