/**
 * Alma's payment-method sync: the merchant's fee plans (instalment plans), deferred and not,
 * from `GET /v1/me/fee-plans?kind=general&only=all&deferred=true|false`, reduced to the fields
 * checkout code needs and stored as Alma's payment methods, each keyed by kind, instalments and
 * deferral ("general:3:0:0").
 */
import { callProvider, parseJson } from '../../core/providerCall';
import type { FetchedMethod } from '../../core/paymentMethodStore';
import { almaAdapter, almaError } from './almaAdapter';

export const FEE_PLANS_PATH = '/v1/me/fee-plans?kind=general&only=all&deferred=';

/** Fields of a fee plan kept for checkout (amounts in cents). */
export const FEE_PLAN_FIELDS = [
  'kind',
  'installments_count',
  'deferred_days',
  'deferred_months',
  'deferred_trigger_limit_days',
  'allowed',
  'min_purchase_amount',
  'max_purchase_amount',
  'merchant_fee_variable',
  'merchant_fee_fixed',
  'customer_fee_variable',
  'customer_fee_fixed',
  'customer_lending_rate',
];

function keptFields(plan: { [field: string]: unknown }): { [field: string]: unknown } {
  const kept: { [field: string]: unknown } = {};
  for (let i = 0; i < FEE_PLAN_FIELDS.length; i++) {
    if (plan[FEE_PLAN_FIELDS[i]] !== undefined) kept[FEE_PLAN_FIELDS[i]] = plan[FEE_PLAN_FIELDS[i]];
  }
  return kept;
}

/** A plan's identity: kind, instalments and deferral ("general:3:0:0"). */
export function planKey(plan: { [field: string]: unknown }): string {
  return [plan.kind, plan.installments_count, plan.deferred_days, plan.deferred_months].join(':');
}

/**
 * The fee plans, deferred ones included, each once: `deferred=true` adds the deferred plans to
 * the list rather than selecting them, so a plan may come in both answers. Throws with Alma's
 * answer when a list cannot be read.
 */
export function fetchFeePlans(): { methods: FetchedMethod[]; calls: number } {
  const methods: FetchedMethod[] = [];
  const seen: { [key: string]: boolean } = {};
  const flags = ['false', 'true'];
  for (let i = 0; i < flags.length; i++) {
    const answer = callProvider(
      almaAdapter,
      { method: 'GET', path: FEE_PLANS_PATH + flags[i], body: null },
      'read',
    ).answer;
    if (answer.kind !== 'answered')
      throw new Error('Alma fee plans not read: ' + answer.kind + ' (' + answer.reason + ')');
    if (answer.status < 200 || answer.status >= 300)
      throw new Error('Alma fee plans not read: ' + almaError(answer.status, answer.text));
    const list = parseJson(answer.text);
    if (!(list instanceof Array)) throw new Error('Alma fee plans not read: the answer is not a list of plans');
    for (let j = 0; j < list.length; j++) {
      if (!list[j] || typeof list[j] !== 'object') continue;
      const plan = keptFields(list[j] as { [field: string]: unknown });
      const key = planKey(plan);
      if (seen[key]) continue;
      seen[key] = true;
      methods.push({ key: key, details: plan });
    }
  }
  return { methods: methods, calls: flags.length };
}
