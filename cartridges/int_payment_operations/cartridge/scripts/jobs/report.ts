/**
 * Task step custom.PaymentOperations.Report, the last step of every operations job: turns the
 * counts the steps before it left in the job context into the job's exit status. ERROR when an
 * order was rejected or failed (an operator must look: see each order's Payment Operations
 * Result), OK with RETRY_PENDING when work continues on the next run, OK with DEACTIVATED when
 * the feature is switched off, OK otherwise.
 */
import Status = require('dw/system/Status');
import Logger = require('dw/system/Logger');
import { readJobSummary, verdict } from '../core/jobSummary';

export function execute(_parameters: unknown, stepExecution: dw.job.JobStepExecution): dw.system.Status {
  const result = verdict(readJobSummary(stepExecution));
  const log = Logger.getLogger('payops', 'operations');
  if (result.status === 'ERROR') {
    log.error('{0}', result.message);
    return new Status(Status.ERROR, result.code, result.message);
  }
  if (result.code !== 'OK') log.warn('{0}', result.message);
  else log.info('{0}', result.message);
  return new Status(Status.OK, result.code, result.message);
}
