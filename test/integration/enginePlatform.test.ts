/**
 * The engine on the platform's terms (issue "The engine holds on the real platform"): each test
 * states a platform rule the local runtime now enforces — the custom-object quota, 4,000-character
 * string attributes, hooks along the cartridge path (the last registration's value wins), a job
 * over several sites, the instance clock — or an amount or outcome a merchant must be able to
 * trust, and runs the compiled jobs against the Alma sandbox over loopback HTTP.
 */
import { expect } from 'chai';
import path from 'node:path';
import {
  AlmaSandboxHost,
  JOBS,
  describeResult,
  eurSite,
  reasonText,
  reportOf,
  type AlmaOrderSpec,
} from './almaScenario';

const MERCHANT_CARTRIDGES = path.join(__dirname, 'fixtures', 'cartridges');

describe('integration: the engine on the platform’s terms (Alma sandbox)', function () {
  this.timeout(120_000);
  const host = new AlmaSandboxHost();
  before(() => host.start());
  after(() => host.stop());

  describe('the operation journal within the custom-object quota', () => {
    it('captures 5,000 orders under a quota of 1,000 custom objects, and leaves no PaymentOperation object', async () => {
      const orders: AlmaOrderSpec[] = [];
      for (let index = 0; index < 5000; index++) {
        orders.push({ orderNo: String(40000000 + index), total: '20.00' });
      }
      const scenario = await host.scenario({ customObjectQuota: 1000, ...eurSite(...orders) });

      const result = scenario.capture();

      expect(result.exitCode, describeResult(result)).to.equal('OK');
      expect(reportOf(result).message).to.match(/^5000 selected: 5000 succeeded, 0 rejected, 0 failed, 0 pending/);
      expect(scenario.workQueue().size, 'every operation ended: nothing left in the work queue').to.equal(0);
      expect(scenario.runtime.core.customObjectCount()).to.equal(0);
      // The lasting record is on each order.
      expect(scenario.operation('alma:capture:40004999:1')).to.include({ state: 'Succeeded', attempts: 1 });
      const payments = await scenario.payments();
      expect(payments.filter((payment) => payment.captures.length === 1)).to.have.length(5000);
    });

    it('costs two commits and two custom-object writes per capture on the success path', async () => {
      const scenario = await host.scenario(
        eurSite(
          { orderNo: '00008001', total: '10.00' },
          { orderNo: '00008002', total: '20.00' },
          { orderNo: '00008003', total: '30.00' },
        ),
      );
      const transactions = scenario.runtime.core.transactions;
      const commits = transactions.commits;
      const writes = transactions.customObjectWrites;

      expect(scenario.capture().exitCode).to.equal('OK');

      // The intent (with the planning and the work-queue object) before the call; the outcome after it.
      expect(transactions.commits - commits).to.equal(6);
      expect(transactions.customObjectWrites - writes).to.equal(6);
    });

    it('keeps an unfinished operation in the work queue until it ends, then removes it', async () => {
      const scenario = await host.scenario(eurSite({ orderNo: '00008101', total: '10.00' }));
      await scenario.sandbox.addFault({ kind: 'status', route: 'capture', status: 503 });

      expect(scenario.capture().exitCode).to.equal('RETRY_PENDING');
      expect([...scenario.workQueue().keys()]).to.deep.equal(['alma:capture:00008101:1']);
      expect(scenario.workQueue().get('alma:capture:00008101:1')).to.include({ orderNo: '00008101' });

      scenario.letTimePass();
      expect(scenario.capture().exitCode).to.equal('OK');
      expect(scenario.workQueue().size).to.equal(0);
      expect(scenario.order('00008101').captureStatus).to.equal('Captured');
    });
  });

  describe('hooks a merchant’s cartridge registers (every registration is called; the last one’s value wins)', () => {
    for (const cartridgePath of [
      ['app_merchant_hooks', 'int_payment_operations'],
      ['int_payment_operations', 'app_merchant_hooks'],
    ]) {
      it(`the merchant's captureAmount and veto decide, cartridge path ${cartridgePath.join(':')}`, async () => {
        const scenario = await host.scenario({
          cartridgePath,
          cartridges: [MERCHANT_CARTRIDGES],
          ...eurSite(
            { orderNo: '00009001', total: '120.00' },
            { orderNo: '00009002', total: '120.00' },
            { orderNo: '00009003', total: '120.00' },
            { orderNo: '00009004', total: '120.00' },
          ),
        });

        const result = scenario.capture();

        expect(result.exitCode, describeResult(result)).to.equal('ERROR');
        const bodies = (await scenario.requests('capture')).map((request) => request.body);
        expect(bodies).to.deep.equal([
          '{"external_id":"payment_00009001","amount":5000}',
          '{"external_id":"payment_00009004"}',
        ]);
        expect(scenario.order('00009001')).to.include({ captureStatus: 'Captured', capturedAmount: 50 });
        expect(scenario.order('00009002').captureStatus).to.equal('Failed');
        expect(reasonText(scenario.order('00009002').reason)).to.equal(
          'Capture not possible: stopped by the beforeOperation hook: order is under fraud review.',
        );
        expect(scenario.order('00009004')).to.include({ captureStatus: 'Captured', capturedAmount: 120 });
      });
    }

    it('cuts a reason longer than a string attribute holds (4,000 characters) without splitting an emoji', async () => {
      const scenario = await host.scenario({
        cartridgePath: ['app_merchant_hooks', 'int_payment_operations'],
        cartridges: [MERCHANT_CARTRIDGES],
        ...eurSite({ orderNo: '00009003', total: '120.00' }),
      });

      const result = scenario.capture();

      expect(
        result.steps.map((step) => step.error ?? null),
        describeResult(result),
      ).to.deep.equal([null, null]);
      const reason = scenario.order('00009003').reason ?? '';
      expect(scenario.order('00009003').captureStatus).to.equal('Failed');
      expect(reason.length).to.be.at.most(4000);
      expect(reason).to.match(/ UTC — Capture not possible: stopped by the beforeOperation hook: Long merchant/);
      expect(reason.endsWith('…')).to.equal(true);
      expect(() => encodeURIComponent(reason), 'no half emoji').to.not.throw();
      expect(await scenario.calls()).to.deep.equal([]);
    });
  });

  describe('amounts a merchant can trust', () => {
    it('refuses an authorised amount of zero before any call, with a readable reason', async () => {
      const scenario = await host.scenario(
        eurSite({ orderNo: '00007001', total: '120.00', almaAmount: '0.00', payment: false }),
      );

      const result = scenario.capture();

      expect(result.exitCode).to.equal('ERROR');
      expect(scenario.order('00007001').captureStatus).to.equal('Failed');
      expect(reasonText(scenario.order('00007001').reason)).to.equal(
        'Capture not possible: the authorised amount is 0.00 EUR, not more than zero; nothing was sent.',
      );
      expect(await scenario.calls()).to.deep.equal([]);
    });

    it('records as Captured Amount what Alma captured, not the order’s figure, and says where they differ', async () => {
      // The order says 120.00 EUR was authorised; Alma's payment is of 100.00 EUR.
      const scenario = await host.scenario(
        eurSite({ orderNo: '00007101', total: '120.00', payment: { purchase_amount: 10000 } }),
      );

      expect(scenario.capture().exitCode).to.equal('OK');

      expect(scenario.order('00007101')).to.include({ captureStatus: 'Captured', capturedAmount: 100 });
      expect(reasonText(scenario.order('00007101').reason)).to.match(
        /^Capture succeeded at Alma \(Alma reference capture_\w+, Alma reports 100\.00 EUR\)\.$/,
      );
      // Another amount than expected: Alma's payment was read once for what it settles.
      expect(await scenario.calls()).to.deep.equal(['capture 200', 'get 200']);
    });

    it('records what Alma settles for an instalment plan whose capture reports the first instalment', async () => {
      const scenario = await host.scenario(
        eurSite({ orderNo: '00007201', total: '120.00', payment: { installments_count: 3 } }),
      );

      expect(scenario.capture().exitCode).to.equal('OK');

      expect(scenario.order('00007201')).to.include({ captureStatus: 'Captured', capturedAmount: 120 });
      expect(reasonText(scenario.order('00007201').reason)).to.match(
        /^Capture succeeded at Alma \(Alma reference capture_\w+, Alma reports 40\.00 EUR, Alma settles 120\.00 EUR\)\.$/,
      );
    });

    it('never sets Refunded while Alma still holds captured money, and then waits for an operator', async () => {
      // Captured at checkout (no deferred capture): the order's Alma instrument says 100.00 EUR, Alma holds 120.00.
      const scenario = await host.scenario(
        eurSite({
          orderNo: '00007301',
          total: '100.00',
          capture: null,
          payment: { capture_method: 'automatic', purchase_amount: 12000 },
        }),
      );
      scenario.cancelOrder('00007301');

      const refund = scenario.run(JOBS.refund, { site: 'RefArch' });

      expect(refund.exitCode, describeResult(refund)).to.equal('OK');
      expect(scenario.order('00007301')).to.include({ refundStatus: 'PartiallyRefunded', refundedAmount: 100 });
      expect(reasonText(scenario.order('00007301').reason)).to.match(
        /Alma still holds 20\.00 EUR captured and not refunded, so Refund Status stays PartiallyRefunded\.$/,
      );

      const next = scenario.run(JOBS.refund, { site: 'RefArch' });
      expect(next.exitCode).to.equal('ERROR');
      expect(scenario.order('00007301').refundStatus).to.equal('Failed');
      expect(reasonText(scenario.order('00007301').reason)).to.match(
        /^Refund not possible: the order’s Captured Amount \(100\.00 EUR\) is refunded in full/,
      );
      // It waits for the operator: not refused again on every run.
      const later = scenario.run(JOBS.refund, { site: 'RefArch' });
      expect(later.exitCode).to.equal('OK');
      expect(reportOf(later).message).to.match(/^1 selected: 0 succeeded, 0 rejected, 0 failed, 0 pending, 1 skipped/);
      expect(await scenario.calls()).to.deep.equal(['refund 200']);
    });
  });

  describe('outcomes a merchant can trust', () => {
    it('escalates an outcome Alma cannot tell for more than 24 hours: ERROR naming the order, nothing sent again', async () => {
      const scenario = await host.scenario(eurSite({ orderNo: '00006001', total: '120.00' }));
      await scenario.sandbox.addFault({ kind: 'status', route: 'capture', status: 503 });
      await scenario.sandbox.addFault({ kind: 'status', route: 'get', status: 503, times: 'always' });

      expect(scenario.capture().exitCode).to.equal('RETRY_PENDING');
      scenario.letTimePass();
      expect(scenario.capture().exitCode).to.equal('RETRY_PENDING');

      scenario.letTimePass(25 * 3600 * 1000);
      const late = scenario.capture();

      expect(late.status).to.equal('ERROR');
      expect(reportOf(late).message).to.match(
        /^1 order\(s\) have had an unknown outcome for too long; nothing is sent again until the provider can be read .*Order 00006001: Outcome of the capture unknown for more than 24 hours/,
      );
      expect(scenario.order('00006001').captureStatus).to.equal('ToCapture');
      expect(scenario.operation('alma:capture:00006001:1')).to.include({ state: 'InFlight', attempts: 1 });
      expect(await scenario.calls()).to.deep.equal(['capture 503', 'get 503', 'get 503']);

      // Once Alma can be read, the next run settles it with the capture Alma holds.
      await scenario.sandbox.clearFaults();
      expect(scenario.capture().exitCode).to.equal('OK');
      expect(scenario.order('00006001').captureStatus).to.equal('Captured');
      expect((await scenario.payment('payment_00006001')).captures).to.have.length(1);
    });

    it('blocks Alma before any call when its credential has no key: ERROR naming the credential, orders untouched', async () => {
      const scenario = await host.scenario({ apiKey: null, ...eurSite({ orderNo: '00006101', total: '120.00' }) });

      const result = scenario.capture();

      expect(result.status).to.equal('ERROR');
      expect(reportOf(result).message).to.match(
        /^Alma: credential paymentoperations\.alma\.credentials has no key: set its password field to the Alma API key/,
      );
      expect(await scenario.calls(), 'nothing was sent (no "Alma-Auth null")').to.deep.equal([]);
      expect(scenario.order('00006101').captureStatus).to.equal('ToCapture');
      expect(scenario.journal().size).to.equal(0);
    });
  });

  describe('a job over several sites', () => {
    it('runs every site although the first one fails, ends in ERROR, and reports each site on its own', async () => {
      const scenario = await host.scenario({
        sites: [
          {
            id: 'RefArch',
            currency: 'EUR',
            // Alma refuses it: the payment was not created for a manual capture.
            orders: [{ orderNo: '00005001', total: '120.00', payment: { capture_method: 'automatic' } }],
          },
          { id: 'RefArchJP', currency: 'JPY', orders: [{ orderNo: '00005002', total: '5000' }] },
        ],
      });

      const result = scenario.run(JOBS.capture);

      expect(result.status).to.equal('ERROR');
      expect(reportOf(result, 'RefArch')).to.include({ status: 'ERROR' });
      expect(reportOf(result, 'RefArch').message).to.match(/^1 order\(s\) need attention .*Order 00005001/);
      expect(reportOf(result, 'RefArchJP')).to.include({ status: 'OK', exitCode: 'OK' });
      expect(reportOf(result, 'RefArchJP').message).to.match(/^1 selected: 1 succeeded/);
      expect(scenario.order('00005002').captureStatus).to.equal('Captured');
    });
  });

  describe('text on orders in the site’s default locale', () => {
    it('writes reasons in French on a French site and in Japanese on a Japanese one', async () => {
      const scenario = await host.scenario({
        sites: [
          { id: 'RefArchFR', currency: 'EUR', locales: ['fr_FR'], orders: [{ orderNo: '00004001', total: '120.00' }] },
          {
            id: 'RefArchJP',
            currency: 'JPY',
            locales: ['ja_JP'],
            orders: [{ orderNo: '00004002', total: '5000', custom: { payopsCaptureAmount: 6000 } }],
          },
        ],
      });

      scenario.run(JOBS.capture);

      expect(reasonText(scenario.order('00004001').reason)).to.match(
        /^Capture : réussite chez Alma \(référence Alma capture_\w+, Alma indique 120\.00 EUR\)\.$/,
      );
      expect(reasonText(scenario.order('00004002').reason)).to.equal(
        'キャプチャできません：キャプチャ金額 6000 JPYは許容額5000 JPYを超えています。何も送信していません。',
      );
    });
  });
});
