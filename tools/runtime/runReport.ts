/** What a run did, as stored in the output instance file (`lastRun`) and printed by the CLI. */
import type { CapturedLogEntry, CapturedMail, CommunicationLogEntry } from './dw/context';
import type { JobResult } from './jobs/jobRunner';
import type { RuntimeCore, RuntimeWarning } from './runtimeCore';

export interface RunReport {
  jobs: JobResult[];
  warnings: RuntimeWarning[];
  logs: CapturedLogEntry[];
  mails: CapturedMail[];
  communicationLog: CommunicationLogEntry[];
  transactions: { commits: number; rollbacks: number };
}

export function runReport(core: RuntimeCore, jobs: JobResult[]): RunReport {
  return {
    jobs,
    warnings: core.warnings.slice(),
    logs: core.logs.slice(),
    mails: core.mails.slice(),
    communicationLog: core.communication.slice(),
    transactions: { commits: core.transactions.commits, rollbacks: core.transactions.rollbacks },
  };
}
