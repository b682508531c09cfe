/** The merchant's fee plans served by `GET /v1/me/fee-plans` (a realistic, fixed set). */

export interface AlmaFeePlan {
  kind: string;
  installments_count: number;
  deferred_days: number;
  deferred_months: number;
  deferred_trigger_limit_days: number | null;
  allowed: boolean;
  available_online: boolean;
  min_purchase_amount: number;
  max_purchase_amount: number;
  /** Basis points (290 = 2.90 %) and cents, as Alma reports them. */
  merchant_fee_variable: number;
  merchant_fee_fixed: number;
  customer_fee_variable: number;
  customer_fee_fixed: number;
  customer_lending_rate: number;
}

function plan(
  installments: number,
  deferredDays: number,
  merchantFee: number,
  customerFee: number,
  extra: Partial<AlmaFeePlan> = {},
): AlmaFeePlan {
  return {
    kind: 'general',
    installments_count: installments,
    deferred_days: deferredDays,
    deferred_months: 0,
    deferred_trigger_limit_days: null,
    allowed: true,
    available_online: true,
    min_purchase_amount: installments === 1 ? 100 : 5000,
    max_purchase_amount: installments === 10 ? 400000 : 200000,
    merchant_fee_variable: merchantFee,
    merchant_fee_fixed: 0,
    customer_fee_variable: customerFee,
    customer_fee_fixed: 0,
    customer_lending_rate: 0,
    ...extra,
  };
}

export const ALMA_FEE_PLANS: readonly AlmaFeePlan[] = [
  plan(1, 0, 190, 0),
  plan(3, 0, 380, 0),
  plan(4, 0, 420, 0),
  // Credit plans need an extra agreement: listed, not allowed, as on a fresh sandbox account.
  plan(10, 0, 350, 0, { allowed: false, customer_lending_rate: 1690 }),
  plan(1, 15, 290, 0),
  plan(1, 30, 350, 0),
];

/**
 * `kind` (default `general`) must match; `only` is `all` (default) or a comma list of instalment
 * counts; deferred plans are listed only with `deferred=true`.
 */
export function selectFeePlans(query: URLSearchParams): AlmaFeePlan[] {
  const kind = query.get('kind') ?? 'general';
  const only = query.get('only') ?? 'all';
  const counts = only === 'all' ? undefined : only.split(',').map((count) => Number(count.trim()));
  const withDeferred = query.get('deferred') === 'true';
  return ALMA_FEE_PLANS.filter(
    (candidate) =>
      candidate.kind === kind &&
      (counts === undefined || counts.includes(candidate.installments_count)) &&
      (withDeferred || (candidate.deferred_days === 0 && candidate.deferred_months === 0)),
  ).map((candidate) => ({ ...candidate }));
}
