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
  /** What the run cost the database (counted since the runtime was created). */
  transactions: { commits: number; rollbacks: number; customObjectWrites: number };
  /** Custom objects that exist when the report is made (all types, sites and the organization). */
  customObjects: { count: number };
}

export function runReport(core: RuntimeCore, jobs: JobResult[]): RunReport {
  return {
    jobs,
    warnings: core.warnings.slice(),
    logs: core.logs.slice(),
    mails: core.mails.slice(),
    communicationLog: core.communication.slice(),
    transactions: {
      commits: core.transactions.commits,
      rollbacks: core.transactions.rollbacks,
      customObjectWrites: core.transactions.customObjectWrites,
    },
    customObjects: { count: core.customObjectCount() },
  };
}
