/**
 * What a provider's answer table (Monext's, PayZen's) concludes, and how the engine acts on it:
 * one mapping from a verdict to the engine's classification, for every provider that reads its
 * answers into verdicts.
 */
import type { Classification, ProviderAnswer } from './operation';
import { message } from './messages';

export type AnswerVerdict =
  | {
      readonly kind: 'accepted';
      /** The provider's ID of the movement, when it says. */
      readonly reference: string | null;
      readonly amountMinor: number | null;
      readonly detail: string;
    }
  | {
      readonly kind: 'refused' | 'invalid' | 'pending' | 'unknown' | 'transient' | 'unauthorized';
      readonly detail: string;
    };

/** The answer's classification; `read` turns an answer that came back into a verdict. */
export function classifyByVerdict(
  answer: ProviderAnswer,
  label: string,
  serviceId: string,
  read: (status: number, text: string) => AnswerVerdict,
): Classification {
  if (answer.kind !== 'answered') {
    // No idempotency at these providers: a request that may have arrived is read before anything else.
    return answer.kind === 'notSent'
      ? { outcome: 'transient', detail: message('detail.notSent', answer.reason) }
      : { outcome: 'unknown', detail: message('detail.noAnswer', label, answer.reason) };
  }
  const verdict = read(answer.status, answer.text);
  switch (verdict.kind) {
    case 'accepted':
      return {
        outcome: 'success',
        providerReference: verdict.reference,
        amountMinor: verdict.amountMinor,
        detail: verdict.detail,
      };
    case 'refused':
      return { outcome: 'rejected', detail: verdict.detail };
    case 'invalid':
      return { outcome: 'failed', detail: verdict.detail };
    case 'transient':
      return { outcome: 'transient', detail: verdict.detail };
    case 'unauthorized':
      return { outcome: 'blocked', detail: message('detail.credentialsRefused', verdict.detail, label, serviceId) };
    default:
      return { outcome: 'unknown', detail: verdict.detail };
  }
}
