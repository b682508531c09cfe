/**
 * KOMOJU payment-method sync (job updatePaymentMethod, seed 004), compiled in dist/ and run by the
 * local runtime against the KOMOJU sandbox: only the methods enabled at KOMOJU are stored, in the
 * attribute shown as "Available Komoju Payment Methods"; the merchant's ON/OFF switches survive
 * every sync; a newly enabled method is added, switched on; a dropped one is marked unavailable.
 */
import { expect } from 'chai';
import { describeResult } from './almaScenario';
import { KOMOJU_JOBS, KomojuSandboxHost, type KomojuScenario } from './komojuScenario';

interface Stored {
  key: string;
  enabled: boolean;
  available: boolean;
  unavailableSince: string | null;
  details: { type_slug: string; name_ja: string };
  [field: string]: unknown;
}

function storedMethods(scenario: KomojuScenario): Stored[] {
  const object = scenario.customObjects('PaymentOperationsMethods').get('komoju');
  if (!object) throw new Error('no PaymentOperationsMethods object for komoju');
  return JSON.parse(String(object.availableKomojuPaymentMethods)) as Stored[];
}

/** What checkout code gets from the documented helper. */
function checkoutMethods(scenario: KomojuScenario): string[] {
  scenario.runtime.core.enterSite('RefArch');
  try {
    const store = scenario.runtime.require('*/cartridge/scripts/core/paymentMethodStore') as {
      availablePaymentMethods(provider: string): Array<{ key: string }>;
    };
    return store.availablePaymentMethods('komoju').map((method) => method.key);
  } finally {
    scenario.runtime.core.enterSite(null);
  }
}

describe('integration: KOMOJU payment-method sync against the KOMOJU sandbox', function () {
  this.timeout(60_000);
  const host = new KomojuSandboxHost();
  before(() => host.start());
  after(() => host.stop());

  it('stores the methods enabled at KOMOJU, keeps the merchant’s switches across runs, adds new ones and marks dropped ones', async () => {
    const scenario = await host.scenario([{ id: 'RefArch', orders: [] }]);

    const first = scenario.run(KOMOJU_JOBS.sync, { site: 'RefArch' });

    expect(first.status, describeResult(first)).to.equal('OK');
    expect(first.steps[0].message).to.equal('Synchronised: KOMOJU: 5 methods');
    const initial = storedMethods(scenario);
    expect(initial.map((m) => `${m.key} ${m.enabled}`)).to.deep.equal([
      'credit_card:JPY true',
      'konbini:JPY true',
      'paypay:JPY true',
      'bank_transfer:JPY true',
      'pay_easy:JPY true',
    ]);
    expect(initial[1].details.name_ja).to.equal('コンビニ');
    expect(scenario.customObjects('PaymentOperationsMethods').get('komoju')?.methodsJson ?? null).to.equal(null);

    // The merchant switches konbini off and gives PayPay a label, in Business Manager.
    const edited = initial.map((m) =>
      m.key === 'konbini:JPY' ? { ...m, enabled: false } : m.key === 'paypay:JPY' ? { ...m, label: 'PayPay (QR)' } : m,
    );
    scenario.runtime.core.state.sites
      .get('RefArch')!
      .customObjects.get('PaymentOperationsMethods')!
      .get('komoju')!.custom.availableKomojuPaymentMethods = JSON.stringify(edited);
    // At KOMOJU: Pay-easy disabled, Alipay enabled.
    await scenario.sandbox.seed([
      { paymentMethod: { type_slug: 'pay_easy', currency: 'JPY' }, enabled: false },
      {
        paymentMethod: {
          type_slug: 'alipay',
          name_en: 'Alipay',
          name_ja: 'アリペイ',
          name_ko: '알리페이',
          currency: 'JPY',
        },
      },
    ]);

    const second = scenario.run(KOMOJU_JOBS.sync, { site: 'RefArch' });

    expect(second.status, describeResult(second)).to.equal('OK');
    expect(second.steps[0].message).to.equal(
      'Synchronised: KOMOJU: 5 methods, 1 new, 1 no longer offered (kept, marked unavailable)',
    );
    const after = storedMethods(scenario);
    expect(after.map((m) => `${m.key} ${m.enabled} ${m.available}`)).to.deep.equal([
      'credit_card:JPY true true',
      'konbini:JPY false true',
      'paypay:JPY true true',
      'bank_transfer:JPY true true',
      'pay_easy:JPY true false',
      'alipay:JPY true true',
    ]);
    expect(after[2].label).to.equal('PayPay (QR)');
    expect(after[4].unavailableSince).to.match(/^\d{4}-/);
    expect(checkoutMethods(scenario)).to.deep.equal([
      'credit_card:JPY',
      'paypay:JPY',
      'bank_transfer:JPY',
      'alipay:JPY',
    ]);

    // Pay-easy enabled again at KOMOJU: back, with the merchant's switch as it was.
    await scenario.sandbox.seed([
      {
        paymentMethod: {
          type_slug: 'pay_easy',
          name_en: 'Pay-easy',
          name_ja: 'ペイジー',
          name_ko: 'Pay-easy',
          currency: 'JPY',
        },
      },
    ]);
    expect(scenario.run(KOMOJU_JOBS.sync, { site: 'RefArch' }).status).to.equal('OK');
    expect(storedMethods(scenario).find((m) => m.key === 'pay_easy:JPY')).to.include({
      available: true,
      enabled: true,
      unavailableSince: null,
    });
    const requests = await scenario.requests();
    expect(requests.map((r) => `${r.method} ${r.path} ${r.status}`)).to.deep.equal(
      Array(3).fill('GET /api/v1/payment_methods 200'),
    );
  });

  it('keeps the stored list and ends in ERROR naming KOMOJU when the list cannot be read', async () => {
    const scenario = await host.scenario([{ id: 'RefArch', orders: [] }]);
    expect(scenario.run(KOMOJU_JOBS.sync, { site: 'RefArch' }).status).to.equal('OK');
    const before = storedMethods(scenario);
    await scenario.sandbox.addFault({ kind: 'status', status: 503, route: 'paymentMethods' });

    const result = scenario.run(KOMOJU_JOBS.sync, { site: 'RefArch' });

    expect(result.status, describeResult(result)).to.equal('ERROR');
    expect(result.steps[0].message).to.match(
      /^KOMOJU: KOMOJU payment methods not read: HTTP 503 service_unavailable.*\(the previous list is kept\)$/,
    );
    expect(storedMethods(scenario)).to.deep.equal(before);
  });
});
