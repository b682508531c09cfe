import { expect } from 'chai';
import {
  addProblem,
  addToJobSummary,
  describeSummary,
  emptySummary,
  MAX_PROBLEM_LINES,
  readJobSummary,
  SUMMARY_CONTEXT_KEY,
  verdict,
  addDryRunLine,
  type RunSummary,
} from '../../../../../../../cartridges/int_payment_operations/cartridge/scripts/core/jobSummary';
import { resetDwMocks, Site } from '../../../../../../helpers/dwMocks';

function summary(counts: Partial<RunSummary>): RunSummary {
  return { ...emptySummary(), ...counts };
}

/** A job step execution whose job context is a dw.util.Map of simple values. */
function stepExecution(initial: { [key: string]: unknown } = {}): dw.job.JobStepExecution & {
  values: { [key: string]: unknown };
} {
  const values: { [key: string]: unknown } = { ...initial };
  const context = {
    get: (key: string) => (key in values ? values[key] : null),
    put: (key: string, value: unknown) => {
      if (typeof value !== 'string') throw new Error('the job context takes simple values');
      values[key] = value;
    },
  };
  return { jobExecution: { context }, values } as unknown as dw.job.JobStepExecution & {
    values: { [key: string]: unknown };
  };
}

describe('core/jobSummary', () => {
  it('describes the counts in one line', () => {
    expect(
      describeSummary(
        summary({ selected: 12, succeeded: 9, rejected: 1, failed: 1, pending: 1, skipped: 0, calls: 14 }),
      ),
    ).to.equal('12 selected: 9 succeeded, 1 rejected, 1 failed, 1 pending, 0 skipped; 14 provider calls');
  });

  it('says how many outcomes stayed unknown for too long, only when some did', () => {
    expect(describeSummary(summary({ selected: 3, succeeded: 2, escalated: 1, calls: 3 }))).to.equal(
      '3 selected: 2 succeeded, 0 rejected, 0 failed, 0 pending, 0 skipped, 1 unknown for too long; 3 provider calls',
    );
  });

  it('starts empty: no counts, no escalation, no provider left unconfigured, no step error', () => {
    expect(emptySummary()).to.deep.equal({
      selected: 0,
      succeeded: 0,
      rejected: 0,
      failed: 0,
      pending: 0,
      escalated: 0,
      skipped: 0,
      calls: 0,
      deactivated: [],
      blocked: [],
      unconfigured: [],
      stepErrors: 0,
      problems: [],
      attention: [],
      attentionOmitted: 0,
    });
  });

  describe('verdict', () => {
    it('a dry run ends DRY_RUN with every line of what would be done, even when an order would fail', () => {
      const run = summary({ selected: 2, failed: 1 });
      addDryRunLine(run, 'Order 1: Capture of 10.00 EUR (Monext) — would be sent: the capture is due');
      addDryRunLine(run, 'Order 2: Cancel (Monext) — would fail: no session');
      const result = verdict(run);
      expect(result).to.include({ status: 'OK', code: 'DRY_RUN' });
      expect(result.message).to.contain('2 line(s): Order 1: Capture of 10.00 EUR').and.to.contain('| Order 2');
      const idle = summary({});
      idle.dryRun = true;
      expect(verdict(idle).message).to.equal('Dry run: no order to process; nothing was sent or changed.');
    });

    const table: Array<[string, Partial<RunSummary>, 'OK' | 'ERROR', string]> = [
      ['nothing selected', {}, 'OK', 'OK'],
      ['all succeeded', { selected: 3, succeeded: 3, calls: 3 }, 'OK', 'OK'],
      ['only skipped', { selected: 2, skipped: 2 }, 'OK', 'OK'],
      ['one rejected', { selected: 3, succeeded: 2, rejected: 1 }, 'ERROR', 'OPERATIONS_FAILED'],
      ['one failed', { selected: 3, succeeded: 2, failed: 1 }, 'ERROR', 'OPERATIONS_FAILED'],
      ['failed and pending', { selected: 3, failed: 1, pending: 2 }, 'ERROR', 'OPERATIONS_FAILED'],
      ['pending only', { selected: 3, succeeded: 2, pending: 1 }, 'OK', 'RETRY_PENDING'],
      ['switched off, nothing selected', { deactivated: ['Alma deferred capture'] }, 'OK', 'DEACTIVATED'],
      ['switched off for one, work for another', { selected: 1, succeeded: 1, deactivated: ['x'] }, 'OK', 'OK'],
      ['switched off but pending journal work', { selected: 1, pending: 1, deactivated: ['x'] }, 'OK', 'RETRY_PENDING'],
      ['credentials refused', { selected: 1, pending: 1, blocked: ['Alma'] }, 'ERROR', 'CREDENTIALS_REFUSED'],
      [
        'credentials refused and failures',
        { selected: 2, failed: 1, blocked: ['Alma'] },
        'ERROR',
        'CREDENTIALS_REFUSED',
      ],
      [
        'a credential without a key',
        { unconfigured: ['Alma: credential c has no key'] },
        'ERROR',
        'CREDENTIALS_MISSING',
      ],
      [
        'a credential without a key, whatever else happened',
        { selected: 2, failed: 1, escalated: 1, blocked: ['KOMOJU'], stepErrors: 1, unconfigured: ['Alma: …'] },
        'ERROR',
        'CREDENTIALS_MISSING',
      ],
      ['an outcome unknown for too long', { selected: 2, succeeded: 1, escalated: 1 }, 'ERROR', 'OUTCOME_UNKNOWN'],
      ['unknown for too long and pending', { selected: 2, escalated: 1, pending: 1 }, 'ERROR', 'OUTCOME_UNKNOWN'],
      ['failures before unknown outcomes', { selected: 2, failed: 1, escalated: 1 }, 'ERROR', 'OPERATIONS_FAILED'],
      ['a step stopped on an error', { selected: 1, succeeded: 1, stepErrors: 1 }, 'ERROR', 'STEP_FAILED'],
      ['a step error and pending work', { selected: 1, pending: 1, stepErrors: 1 }, 'ERROR', 'STEP_FAILED'],
      ['a step error with nothing selected', { stepErrors: 1, deactivated: ['x'] }, 'ERROR', 'STEP_FAILED'],
      ['unknown outcomes before a step error', { escalated: 1, stepErrors: 1 }, 'ERROR', 'OUTCOME_UNKNOWN'],
    ];
    for (const [name, counts, status, code] of table) {
      it(`${name} → ${status} ${code}`, () => {
        const result = verdict(summary(counts));
        expect(result.status).to.equal(status);
        expect(result.code).to.equal(code);
      });
    }

    it('names the orders that need attention in the ERROR message', () => {
      const result = verdict(
        summary({
          selected: 3,
          succeeded: 1,
          rejected: 1,
          failed: 1,
          calls: 2,
          problems: ['Order 1: Alma refused the capture', 'Order 2: capture not possible: no payment ID'],
        }),
      );
      expect(result.message).to.equal(
        '2 order(s) need attention (3 selected: 1 succeeded, 1 rejected, 1 failed, 0 pending, 0 skipped; 2 provider ' +
          'calls): Order 1: Alma refused the capture | Order 2: capture not possible: no payment ID',
      );
    });

    it('names the provider that refused our credentials', () => {
      expect(
        verdict(summary({ selected: 1, pending: 1, blocked: ['Alma'], problems: ['Order 1: Not done'] })).message,
      ).to.equal(
        'Alma refused our credentials; the run stopped calling it and left the remaining orders as they were ' +
          '(1 selected: 0 succeeded, 0 rejected, 0 failed, 1 pending, 0 skipped; 0 provider calls): Order 1: Not done',
      );
    });

    it('names the credential without a key and says nothing was sent', () => {
      expect(
        verdict(
          summary({
            unconfigured: [
              'Alma: credential paymentoperations.alma.credentials has no key: set its password field to the Alma API key',
            ],
          }),
        ).message,
      ).to.equal(
        'Alma: credential paymentoperations.alma.credentials has no key: set its password field to the Alma API key; ' +
          'nothing was sent to it, and its orders were left as they were (0 selected: 0 succeeded, 0 rejected, ' +
          '0 failed, 0 pending, 0 skipped; 0 provider calls)',
      );
      expect(verdict(summary({ unconfigured: ['a', 'b'], problems: ['Order 1: x'] })).message).to.match(
        /^a \| b; nothing was sent .*\): Order 1: x$/,
      );
    });

    it('names the orders whose outcome stayed unknown for too long', () => {
      expect(
        verdict(summary({ selected: 1, escalated: 1, calls: 1, problems: ['Order 7: Outcome of the capture unknown'] }))
          .message,
      ).to.equal(
        '1 order(s) have had an unknown outcome for too long; nothing is sent again until the provider can be read ' +
          '(1 selected: 0 succeeded, 0 rejected, 0 failed, 0 pending, 0 skipped, 1 unknown for too long; 1 provider ' +
          'calls): Order 7: Outcome of the capture unknown',
      );
    });

    it('sends to the job log when a step stopped on an unexpected error', () => {
      expect(verdict(summary({ stepErrors: 1 })).message).to.equal(
        'A step stopped on an unexpected error; see the job log (0 selected: 0 succeeded, 0 rejected, 0 failed, ' +
          '0 pending, 0 skipped; 0 provider calls)',
      );
      expect(verdict(summary({ stepErrors: 1, problems: ['Order 1: x'] })).message).to.match(/\): Order 1: x$/);
    });

    it('says what continues on the next run, and what is switched off', () => {
      expect(verdict(summary({ selected: 1, pending: 1, problems: ['Order 7: unknown outcome'] })).message).to.equal(
        '1 order(s) continue on the next run (1 selected: 0 succeeded, 0 rejected, 0 failed, 1 pending, 0 skipped; ' +
          '0 provider calls): Order 7: unknown outcome',
      );
      expect(verdict(summary({ deactivated: ['Alma deferred capture (off)'] })).message).to.equal(
        'Switched off: Alma deferred capture (off). 0 selected: 0 succeeded, 0 rejected, 0 failed, 0 pending, ' +
          '0 skipped; 0 provider calls',
      );
    });
  });

  it('keeps at most 20 problem lines', () => {
    const s = emptySummary();
    for (let i = 0; i < 25; i++) addProblem(s, 'line ' + i);
    expect(MAX_PROBLEM_LINES).to.equal(20);
    expect(s.problems).to.have.length(20);
    expect(s.problems[19]).to.equal('line 19');
  });

  describe('the job context', () => {
    beforeEach(() => {
      resetDwMocks();
      Site.__setCurrent('RefArch');
    });

    it('adds each step’s counts to the job summary (JSON under PaymentOperations.summary), and reads them back', () => {
      const execution = stepExecution();
      addToJobSummary(execution, summary({ selected: 2, succeeded: 1, failed: 1, calls: 1, problems: ['a'] }));
      addToJobSummary(
        execution,
        summary({ selected: 3, pending: 1, skipped: 2, calls: 4, deactivated: ['off'], problems: ['b'] }),
      );
      expect(readJobSummary(execution).blocked).to.deep.equal([]);
      addToJobSummary(execution, summary({ blocked: ['Alma'] }));
      expect(readJobSummary(execution).blocked).to.deep.equal(['Alma']);
      addToJobSummary(execution, summary({ blocked: [] }));
      expect(SUMMARY_CONTEXT_KEY).to.equal('PaymentOperations.summary');
      expect(Object.keys(execution.values)).to.deep.equal(['PaymentOperations.summary.RefArch']);
      expect(typeof execution.values['PaymentOperations.summary.RefArch']).to.equal('string');
      expect(readJobSummary(execution)).to.deep.equal({
        selected: 5,
        succeeded: 1,
        rejected: 0,
        failed: 1,
        pending: 1,
        escalated: 0,
        skipped: 2,
        calls: 5,
        deactivated: ['off'],
        blocked: ['Alma'],
        unconfigured: [],
        stepErrors: 0,
        problems: ['a', 'b'],
        // The orders needing attention go into each step's own e-mail, not into the job's summary.
        attention: [],
        attentionOmitted: 0,
      });
    });

    it('adds up unknown outcomes, providers left unconfigured and failed steps across steps', () => {
      const execution = stepExecution();
      addToJobSummary(execution, summary({ selected: 1, escalated: 1, unconfigured: ['Alma: no key'] }));
      addToJobSummary(
        execution,
        summary({ selected: 1, escalated: 2, stepErrors: 1, unconfigured: ['KOMOJU: no key'] }),
      );
      addToJobSummary(execution, summary({ stepErrors: 1 }));
      expect(readJobSummary(execution)).to.deep.include({
        selected: 2,
        escalated: 3,
        stepErrors: 2,
        unconfigured: ['Alma: no key', 'KOMOJU: no key'],
      });
      expect(verdict(readJobSummary(execution)).code).to.equal('CREDENTIALS_MISSING');
    });

    it('adds to a summary written without the newer fields (escalated, unconfigured, stepErrors)', () => {
      const older = { selected: 1, succeeded: 1, rejected: 0, failed: 0, pending: 0, skipped: 0, calls: 1 };
      const execution = stepExecution({
        [SUMMARY_CONTEXT_KEY + '.RefArch']: JSON.stringify({ ...older, deactivated: [], blocked: [], problems: [] }),
      });
      addToJobSummary(execution, summary({ selected: 1, escalated: 1, stepErrors: 1, unconfigured: ['Alma: no key'] }));
      expect(readJobSummary(execution)).to.deep.include({
        selected: 2,
        escalated: 1,
        stepErrors: 1,
        unconfigured: ['Alma: no key'],
      });
    });

    it('keeps each site’s summary apart when a job runs for several sites with one context', () => {
      const execution = stepExecution();
      addToJobSummary(execution, summary({ selected: 1, failed: 1 }));
      Site.__setCurrent('SiteGenesis');
      addToJobSummary(execution, summary({ selected: 2, succeeded: 2 }));
      expect(verdict(readJobSummary(execution)).status).to.equal('OK');
      expect(readJobSummary(execution).selected).to.equal(2);
      Site.__setCurrent('RefArch');
      expect(verdict(readJobSummary(execution)).status).to.equal('ERROR');
    });

    it('bounds the problems carried across steps too', () => {
      const execution = stepExecution();
      const many = Array.from({ length: 15 }, (_, i) => 'p' + i);
      addToJobSummary(execution, summary({ problems: many }));
      addToJobSummary(execution, summary({ problems: many }));
      expect(readJobSummary(execution).problems).to.have.length(20);
    });

    it('reads an empty summary without a context, without a summary, or from damaged JSON', () => {
      expect(readJobSummary(null)).to.deep.equal(emptySummary());
      expect(readJobSummary(undefined)).to.deep.equal(emptySummary());
      expect(readJobSummary(stepExecution())).to.deep.equal(emptySummary());
      expect(readJobSummary(stepExecution({ [SUMMARY_CONTEXT_KEY + '.RefArch']: '{oops' }))).to.deep.equal(
        emptySummary(),
      );
      expect(() => addToJobSummary(null, summary({ selected: 1 }))).to.not.throw();
    });
  });
});
