export const KOMOJU_PAYMENT_STATUSES = [
  'pending',
  'authorized',
  'captured',
  'refunded',
  'cancelled',
  'expired',
  'failed',
] as const;
export type KomojuPaymentStatus = (typeof KOMOJU_PAYMENT_STATUSES)[number];

export type KomojuCaptureMode = 'manual' | 'auto';

export interface KomojuRefund {
  id: string;
  resource: 'refund';
  amount: number;
  currency: string;
  payment: string;
  description: string | null;
  created_at: string;
  chargeback: boolean;
}

/** Stored payment: the API fields plus what the simulation needs to decide (authorised and captured sums). */
export interface KomojuPaymentRecord {
  id: string;
  status: KomojuPaymentStatus;
  /** Authorised amount before tax; `amount` in the API shows the captured amount once captured. */
  authorizedAmount: number;
  capturedAmount: number;
  tax: number;
  paymentMethodFee: number;
  currency: string;
  captureMode: KomojuCaptureMode;
  paymentMethod: string;
  externalOrderNum: string | null;
  description: string | null;
  metadata: Record<string, unknown>;
  createdAt: Date;
  capturedAt: Date | null;
  amountRefunded: number;
  refunds: KomojuRefund[];
}

export interface KomojuPaymentMethod {
  type_slug: string;
  name_en: string;
  name_ja: string;
  name_ko: string;
  currency: string;
  subtypes?: string[];
  secure_token_supported?: string[];
}

export interface KomojuSandboxOptions {
  credentials?: { secretKey: string };
  /**
   * providers.md §8.5 is open: whether a payment accepts more than one partial capture.
   * Default false: the first capture settles the payment and releases the rest.
   */
  allowMultipleCaptures?: boolean;
  /** Replaces the default `GET /payment_methods` list. */
  paymentMethods?: KomojuPaymentMethod[];
  /** How long an `X-KOMOJU-IDEMPOTENCY` key replays its first answer (KOMOJU documents 24 h). */
  idempotencyKeyTtlMs?: number;
}
