/**
 * What every adapter's read of the provider (reconciliation) shares: an answer that cannot tell
 * (no answer, credentials refused, an error status), and a refund found under our reference with
 * another amount, which is never taken as ours.
 */
import type { Operation, ProviderAnswer, Truth } from './operation';
import { message } from './messages';

/**
 * The body of a 2xx answer to read, or the Truth of an answer that cannot tell: no answer,
 * credentials refused (blocked), an error status. `errorText` tells the provider's error.
 */
export function readableAnswer(
  answer: ProviderAnswer,
  errorText: (status: number, text: string) => string,
  serviceId: string,
): { text: string } | { truth: Truth } {
  if (answer.kind !== 'answered') return { truth: { applied: null, detail: answer.kind + ': ' + answer.reason } };
  if (answer.status === 401 || answer.status === 403) {
    return {
      truth: {
        applied: null,
        blocked: true,
        detail: message('detail.onService', errorText(answer.status, answer.text), serviceId),
      },
    };
  }
  if (answer.status < 200 || answer.status >= 300)
    return { truth: { applied: null, detail: errorText(answer.status, answer.text) } };
  return { text: answer.text };
}

/**
 * The truth about a refund from a read of the payment: `found` is the refund under our reference,
 * `listed` says whether the payment lists refunds at all (if not, it cannot tell), and
 * `remainingMinor` what it still holds.
 */
export function refundTruth(
  operation: Operation,
  found: { id: string | null; amountMinor: number | null } | null,
  listed: boolean,
  remainingMinor: number | null,
  provider: string,
): Truth {
  if (!found) {
    return listed
      ? { applied: false, detail: 'no refund with reference ' + operation.merchantReference }
      : { applied: null, detail: message('truth.noRefunds') };
  }
  const mismatch = refundAmountMismatch(operation, found.amountMinor, provider);
  if (mismatch) return mismatch;
  return {
    applied: true,
    providerReference: found.id,
    amountMinor: found.amountMinor,
    remainingMinor: remainingMinor,
    detail: 'refunded',
  };
}

/** Not conclusive when the refund found under our reference moved another amount than planned; else null. */
export function refundAmountMismatch(operation: Operation, foundMinor: number | null, provider: string): Truth | null {
  if (foundMinor === null || operation.amountMinor === null || foundMinor === operation.amountMinor) return null;
  return {
    applied: null,
    detail: message(
      'truth.refundAmountDiffers',
      operation.merchantReference,
      String(foundMinor),
      String(operation.amountMinor),
      provider,
    ),
  };
}
