import { expect } from 'chai';
import {
  FEE_PLAN_FIELDS,
  fetchFeePlans,
} from '../../../../../../../../cartridges/int_payment_operations/cartridge/scripts/providers/alma/almaFeePlans';
import { LocalServiceRegistry, resetDwMocks } from '../../../../../../../helpers/dwMocks';
import { ALMA_KEY, almaAnswers, json } from './almaHarness';

const P3X = {
  kind: 'general',
  installments_count: 3,
  deferred_days: 0,
  deferred_months: 0,
  allowed: true,
  min_purchase_amount: 5000,
  max_purchase_amount: 200000,
  merchant_fee_variable: 380,
  merchant_fee_fixed: 0,
  customer_fee_variable: 0,
  customer_fee_fixed: 0,
  customer_lending_rate: 0,
  id: 'general_3_0_0',
  merchant: 'merchant_1',
  internal_note: 'not for checkout',
};
const DEFERRED_30 = { ...P3X, installments_count: 1, deferred_days: 30, id: 'general_1_30_0' };

describe('providers/alma/almaFeePlans.fetchFeePlans', () => {
  beforeEach(() => resetDwMocks());

  it('reads the plans without and with deferral, keeping the checkout fields only', () => {
    const calls = almaAnswers({ GET: [json([P3X]), json([DEFERRED_30])] });
    const result = fetchFeePlans();
    expect(calls.map((c) => c.path)).to.deep.equal([
      '/v1/me/fee-plans?kind=general&only=all&deferred=false',
      '/v1/me/fee-plans?kind=general&only=all&deferred=true',
    ]);
    expect(LocalServiceRegistry.__calls[0].request.headers.Authorization).to.equal('Alma-Auth ' + ALMA_KEY);
    expect(result.calls).to.equal(2);
    expect(result.methods.map((m) => m.key)).to.deep.equal(['general:3:0:0', 'general:1:30:0']);
    expect(Object.keys(result.methods[0].details)).to.deep.equal(
      FEE_PLAN_FIELDS.filter((f) => f !== 'deferred_trigger_limit_days'),
    );
    expect(result.methods[1].details).to.include({ installments_count: 1, deferred_days: 30 });
    expect(result.methods[0].details).to.not.have.property('internal_note');
  });

  it('lists a plan that comes in both answers once', () => {
    almaAnswers({ GET: [json([P3X]), json([P3X, DEFERRED_30])] });
    expect(fetchFeePlans().methods).to.have.length(2);
  });

  it('skips entries that are not objects', () => {
    almaAnswers({ GET: [json([P3X, null, 'x', 3]), json([])] });
    expect(fetchFeePlans().methods).to.have.length(1);
  });

  it('throws with Alma’s answer when a list cannot be read', () => {
    almaAnswers({ GET: [json({ message: 'Invalid API key' }, 401)] });
    expect(() => fetchFeePlans()).to.throw('Alma fee plans not read: HTTP 401: Invalid API key');
    almaAnswers({ GET: [json([P3X]), { unavailable: 'TIMEOUT' }] });
    expect(() => fetchFeePlans()).to.throw(/^Alma fee plans not read: noAnswer \(TIMEOUT/);
    almaAnswers({ GET: [json({ plans: [] })] });
    expect(() => fetchFeePlans()).to.throw('Alma fee plans not read: the answer is not a list of plans');
  });
});
