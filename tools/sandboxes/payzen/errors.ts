/** An ERROR answer (the envelope adds `_type: V4/WebService/WebServiceError`). */
export interface PayzenFailure {
  errorCode: string;
  errorMessage: string;
  detailedErrorCode: string | null;
  detailedErrorMessage: string | null;
}

/** Codes from providers.md §4.2 and seed 003; messages are ours, in Lyra's wording style. */
export const PAYZEN_ERROR_MESSAGES = {
  INT_009: 'invalid or missing amount',
  INT_010: 'invalid or missing currency',
  INT_902: 'web-service input data validation error',
  // Third-party code claims these two are live-verified (auth failure, unknown web service).
  INT_901: 'web-service not found',
  INT_905: 'invalid login or private key',
  PSP_010: 'transaction not found',
  PSP_011: 'incorrect transaction status',
  PSP_014: 'no change',
  PSP_020: 'invalid amount',
  PSP_040: 'amount not authorised',
  PSP_075: 'cancellation impossible, please try a refund',
  PSP_076: 'refund not yet available, please try a cancellation',
  PSP_227: 'unknown technical error while creating the shipment transaction',
  PSP_228: 'shipment transaction created but no response result could be generated',
  PSP_229: 'unable to create a shipment transaction',
  PSP_231: 'an initial shipment-payment transaction cannot be modified',
  PSP_236: 'a shipment transaction cannot be duplicated',
  PSP_519: 'unknown currency',
  PSP_606: 'currency not supported by the contract',
  // Unverified: what an injected 5xx/429 carries (Lyra's technical-error code).
  PSP_999: 'technical error',
} as const;

export type PayzenErrorCode = keyof typeof PAYZEN_ERROR_MESSAGES;

/** Sandbox choice: seed 003 says "within 180 days" but names no code for the lapse. */
export const SHIPMENT_WINDOW_EXPIRED_CODE: PayzenErrorCode = 'PSP_229';
/** Sandbox choice: same code for shipments that would exceed the initial amount. */
export const SHIPMENT_OVER_INITIAL_AMOUNT_CODE: PayzenErrorCode = 'PSP_229';
export const INJECTED_FAULT_CODE: PayzenErrorCode = 'PSP_999';

export function payzenFailure(code: PayzenErrorCode, detailedErrorMessage: string | null = null): PayzenFailure {
  return { errorCode: code, errorMessage: PAYZEN_ERROR_MESSAGES[code], detailedErrorCode: null, detailedErrorMessage };
}
