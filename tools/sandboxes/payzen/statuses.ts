import { type PayzenDetailedStatus, type PayzenStatus } from './types';

export const STATUS_OF: Readonly<Record<PayzenDetailedStatus, PayzenStatus>> = {
  ACCEPTED: 'PAID',
  AUTHORISED: 'PAID',
  CAPTURED: 'PAID',
  PARTIALLY_AUTHORISED: 'PAID',
  AUTHORISED_TO_VALIDATE: 'RUNNING',
  WAITING_AUTHORISATION: 'RUNNING',
  WAITING_AUTHORISATION_TO_VALIDATE: 'RUNNING',
  UNDER_VERIFICATION: 'RUNNING',
  // providers.md lists no simplified status for SUSPENDED; it is temporary, hence RUNNING.
  SUSPENDED: 'RUNNING',
  CANCELLED: 'UNPAID',
  REFUSED: 'UNPAID',
  EXPIRED: 'UNPAID',
  CAPTURE_FAILED: 'UNPAID',
};

/** Statuses Transaction/Cancel, CancelOrRefund (cancel) and Transaction/Update accept. */
export const CANCELLABLE_STATUSES: ReadonlySet<PayzenDetailedStatus> = new Set([
  'AUTHORISED_TO_VALIDATE',
  'WAITING_AUTHORISATION_TO_VALIDATE',
  'WAITING_AUTHORISATION',
  'AUTHORISED',
]);

/** Manual-validation statuses and what Transaction/Validate turns them into. */
export const VALIDATED_STATUS: Readonly<Partial<Record<PayzenDetailedStatus, PayzenDetailedStatus>>> = {
  AUTHORISED_TO_VALIDATE: 'AUTHORISED',
  WAITING_AUTHORISATION_TO_VALIDATE: 'WAITING_AUTHORISATION',
};

/** Statuses the bank captures once the expected capture date is reached. */
export const AWAITING_CAPTURE_STATUSES: ReadonlySet<PayzenDetailedStatus> = new Set([
  'AUTHORISED',
  'WAITING_AUTHORISATION',
]);
