/**
 * Alma fee-plan sync (job PaymentOperations-SyncPaymentMethods), compiled in dist/ and run by the
 * local runtime against the Alma sandbox: the plans checkout code reads from the custom object
 * PaymentOperationsMethods (key alma).
 */
import { expect } from 'chai';
import { AlmaSandboxHost, describeResult, JOBS } from './almaScenario';

interface StoredPlan {
  kind: string;
  installments_count: number;
  deferred_days: number;
  deferred_months: number;
  allowed: boolean;
  min_purchase_amount: number;
  max_purchase_amount: number;
  merchant_fee_variable: number;
}

describe('integration: Alma fee-plan sync against the Alma sandbox', function () {
  this.timeout(60_000);
  const host = new AlmaSandboxHost();
  before(() => host.start());
  after(() => host.stop());

  it('stores every fee plan once, deferred ones included, in PaymentOperationsMethods/alma', async () => {
    const scenario = await host.scenario({ sites: [{ id: 'RefArch', currency: 'EUR', orders: [] }] });

    const result = scenario.run(JOBS.sync, { site: 'RefArch' });

    expect(result.status, describeResult(result)).to.equal('OK');
    expect(result.steps[0].message).to.equal('Synchronised: Alma: 6 methods');
    const stored = scenario.customObjects('PaymentOperationsMethods').get('alma');
    if (!stored) throw new Error('no PaymentOperationsMethods object for alma');
    const entries = JSON.parse(String(stored.methodsJson)) as Array<{
      key: string;
      enabled: boolean;
      details: StoredPlan;
    }>;
    expect(entries.every((e) => e.enabled)).to.equal(true);
    const plans = entries.map((e) => e.details);
    expect(stored.methodCount).to.equal(plans.length);
    expect(
      plans.map((p) => `p${p.installments_count}x+${p.deferred_days}d ${p.allowed ? 'allowed' : 'not allowed'}`),
    ).to.have.members([
      'p1x+0d allowed',
      'p3x+0d allowed',
      'p4x+0d allowed',
      'p10x+0d not allowed',
      'p1x+15d allowed',
      'p1x+30d allowed',
    ]);
    expect(plans.find((p) => p.installments_count === 3)).to.include({
      kind: 'general',
      min_purchase_amount: 5000,
      max_purchase_amount: 200000,
      merchant_fee_variable: 380,
    });
    expect(stored.syncedAt).to.be.instanceOf(Date);
    const requests = await scenario.requests();
    expect(requests.map((r) => `${r.method} ${r.route} deferred=${r.query.deferred} ${r.status}`)).to.deep.equal([
      'GET feePlans deferred=false 200',
      'GET feePlans deferred=true 200',
    ]);
    expect(scenario.customObjects('PaymentOperation').size, 'a sync moves no money').to.equal(0);
  });

  it('keeps the previous plans and ends in ERROR naming Alma when the list cannot be read', async () => {
    const scenario = await host.scenario({ sites: [{ id: 'RefArch', currency: 'EUR', orders: [] }] });
    expect(scenario.run(JOBS.sync, { site: 'RefArch' }).status).to.equal('OK');
    const before = scenario.customObjects('PaymentOperationsMethods').get('alma')?.methodsJson;
    await scenario.sandbox.addFault({ kind: 'status', status: 503, route: 'feePlans', times: 'always' });

    const result = scenario.run(JOBS.sync, { site: 'RefArch' });

    expect(result.status, describeResult(result)).to.equal('ERROR');
    expect(result.steps[0].message).to.match(
      /^Alma: Alma fee plans not read: HTTP 503.*\(the previous list is kept\)$/,
    );
    expect(scenario.customObjects('PaymentOperationsMethods').get('alma')?.methodsJson).to.equal(before);
  });
});
