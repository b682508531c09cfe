import { expect } from 'chai';
import { execute } from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/jobs/report';
import {
  addToJobSummary,
  emptySummary,
  type RunSummary,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/jobSummary';
import { Logger, resetDwMocks, Site } from '../../../../../../helpers/dwMocks';

const Status = require('dw/system/Status') as { OK: number; ERROR: number };

function jobWith(counts: Partial<RunSummary>): dw.job.JobStepExecution {
  const values: { [key: string]: unknown } = {};
  const execution = {
    jobExecution: {
      context: {
        get: (key: string) => (key in values ? values[key] : null),
        put: (key: string, value: unknown) => {
          values[key] = value;
        },
      },
    },
  } as unknown as dw.job.JobStepExecution;
  addToJobSummary(execution, { ...emptySummary(), ...counts });
  return execution;
}

describe('jobs/report (custom.PaymentOperations.Report)', () => {
  beforeEach(() => {
    resetDwMocks();
    Site.__setCurrent('RefArch');
  });

  it('ends OK when every selected order ended well', () => {
    const status = execute({}, jobWith({ selected: 2, succeeded: 2, calls: 2 }));
    expect(status.status).to.equal(Status.OK);
    expect(status.code).to.equal('OK');
    expect(status.message).to.equal(
      '2 selected: 2 succeeded, 0 rejected, 0 failed, 0 pending, 0 skipped; 2 provider calls',
    );
    expect(Logger.__messages.map((m) => m.level)).to.deep.equal(['info']);
  });

  it('ends in ERROR (OPERATIONS_FAILED) and logs an error when an order was rejected or failed', () => {
    const status = execute(
      {},
      jobWith({ selected: 2, succeeded: 1, rejected: 1, calls: 2, problems: ['Order 1: Alma refused the capture'] }),
    );
    expect(status.status).to.equal(Status.ERROR);
    expect(status.code).to.equal('OPERATIONS_FAILED');
    expect(status.message).to.match(/^1 order\(s\) need attention .*: Order 1: Alma refused the capture$/);
    expect(Logger.__messages).to.deep.equal([
      { level: 'error', prefix: 'payops', category: 'operations', message: status.message },
    ]);
  });

  it('ends OK with RETRY_PENDING or DEACTIVATED, logged as warnings', () => {
    const pending = execute({}, jobWith({ selected: 1, pending: 1 }));
    expect([pending.status, pending.code]).to.deep.equal([Status.OK, 'RETRY_PENDING']);
    const off = execute({}, jobWith({ deactivated: ['Alma deferred capture'] }));
    expect([off.status, off.code]).to.deep.equal([Status.OK, 'DEACTIVATED']);
    expect(Logger.__messages.map((m) => m.level)).to.deep.equal(['warn', 'warn']);
  });

  it('ends OK when no step left counts (nothing to do)', () => {
    const status = execute({}, {
      jobExecution: { context: { get: () => null } },
    } as unknown as dw.job.JobStepExecution);
    expect([status.status, status.code]).to.deep.equal([Status.OK, 'OK']);
  });
});
