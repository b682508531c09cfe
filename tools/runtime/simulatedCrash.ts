/**
 * Simulated process crashes: `runJob(jobId, { crash: { afterServiceResponse } })` kills the job
 * run right after a real HTTP exchange returned, before the cartridge code sees the answer — the
 * "job killed between the provider's answer and our write" case. From then on the run is dead:
 * service calls, transactions and persistent writes throw the SimulatedCrash again, the open
 * transaction is rolled back, and the job runner stops.
 */
import type { CompletedServiceCall } from './dw/context';

export type { CompletedServiceCall } from './dw/context';

/** When to kill the run. */
export interface CrashPlan {
  /**
   * Asked after every real HTTP exchange of a service call (not for mocked calls, nor when nothing
   * could be sent because the URL is invalid); `true` kills the run at that point.
   */
  afterServiceResponse?: (call: CompletedServiceCall) => boolean;
}

/** Thrown into the cartridge code when the run is killed, and again at every later attempt to persist. */
export class SimulatedCrash extends Error {
  readonly call: CompletedServiceCall;
  /** True when a transaction was open at the crash and was rolled back. */
  openTransactionRolledBack = false;

  constructor(call: CompletedServiceCall) {
    const outcome = call.statusCode === null ? 'got no answer' : `answered ${call.statusCode}`;
    super(`simulated crash after ${call.method} ${call.url} ${outcome}`);
    this.name = 'SimulatedCrash';
    this.call = { ...call };
  }
}
