import { expect } from 'chai';
import { instanceJson } from '../../../../../tools/runtime/instance/writeInstance';
import type { JobResult } from '../../../../../tools/runtime/jobs/jobRunner';
import type { LocalRuntime } from '../../../../../tools/runtime/localRuntime';
import { runReport } from '../../../../../tools/runtime/runReport';
import type { CompletedServiceCall } from '../../../../../tools/runtime/simulatedCrash';
import { SandboxServer } from '../dw/svc/helpers/sandboxServer';
import { dw, fixtureInstance, fixtureRuntime } from '../fixtureRuntime';

/** The state as JSON without creation and modification times (they differ between two runs). */
function withoutTimes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (key, entry: unknown) =>
    key === 'creationDate' || key === 'lastModified' ? undefined : entry,
  );
}

const CRASH = /^SimulatedCrash: simulated crash after POST http:\/\/127\.0\.0\.1:\d+\/pay\/A2 answered 200$/;

describe('local runtime: simulated crash after a service response', () => {
  let server: SandboxServer;

  before(async () => {
    const paid = { status: 200, body: '{"state":"captured"}' };
    server = await SandboxServer.start({
      '/pay/A1': paid,
      '/pay/A2': paid,
      '/pay/A3': paid,
      '/pay/B1': paid,
      '/slow/A1': { hold: true },
    });
  });
  after(() => server.stop());
  beforeEach(() => server.clear());

  function runtimeFor(base = '/pay', timeoutMillis = 2000): LocalRuntime {
    const runtime = fixtureRuntime(
      fixtureInstance({
        services: [{ id: 'fixture.psp', credential: { url: server.url(base) }, profile: { timeoutMillis } }],
      }),
    );
    seen(runtime).length = 0;
    return runtime;
  }

  /** What pay.js saw, attempt by attempt (the module the job ran, from the loader's cache). */
  function seen(runtime: LocalRuntime): string[] {
    return dw<{ seen: string[] }>(runtime, '*/cartridge/scripts/jobs/pay').seen;
  }

  function orderCustom(runtime: LocalRuntime, orderNo: string): Record<string, unknown> {
    const siteId = orderNo.startsWith('A') ? 'SiteA' : 'SiteB';
    const custom = runtime.core.state.sites.get(siteId)?.orders.get(orderNo)?.custom ?? {};
    return Object.fromEntries(Object.entries(custom).map(([name, value]) => [name, String(value)]));
  }

  function journal(runtime: LocalRuntime, orderNo: string): string | null {
    const Mgr = dw(runtime, 'dw/object/CustomObjectMgr');
    runtime.core.enterSite('SiteA');
    try {
      const object = Mgr.getCustomObject('FixtureJournal', `pay-${orderNo}`) as { custom: { state: unknown } } | null;
      return object ? String(object.custom.state) : null;
    } finally {
      runtime.core.enterSite(null);
    }
  }

  function steps(result: JobResult): string[] {
    return result.steps.map((s) => `${s.siteId}/${s.stepId}:${s.status}`);
  }

  const crashAtA2 = { afterServiceResponse: (call: CompletedServiceCall) => call.url.endsWith('/pay/A2') };

  it('keeps what was committed before the call, persists nothing after it even when the code catches the crash, and stops the job', async () => {
    const runtime = runtimeFor();

    const result = runtime.runJob('Fixture-Pay', { crash: crashAtA2 });

    // The provider got the call: it applied the money movement before the process died.
    expect((await server.requests()).map((r) => `${r.method} ${r.url}`)).to.deep.equal([
      'POST /pay/A1',
      'POST /pay/A1',
      'POST /pay/A2',
    ]);
    // PayA2 crashed; its ERROR rule (continue) is ignored, AfterPay and the SiteB flow never run.
    expect(steps(result)).to.deep.equal(['SiteA/PayA1:OK', 'SiteA/PayA2:ERROR']);
    expect(result.status).to.equal('ERROR');
    expect(result.exitCode).to.equal('ERROR');
    expect(result.crash).to.deep.include({ siteId: 'SiteA', stepId: 'PayA2' });
    expect(result.crash?.message).to.match(
      /^simulated crash after POST http:\/\/127\.0\.0\.1:\d+\/pay\/A2 answered 200$/,
    );
    expect(result.crash?.call).to.deep.equal({
      serviceId: 'fixture.psp',
      method: 'POST',
      url: server.url('/pay/A2'),
      statusCode: 200,
    });
    const crashed = result.steps[1];
    expect(crashed).to.include({
      crashed: true,
      exitCode: 'ERROR',
      message: result.crash?.message,
      transaction: 'none',
    });
    expect(crashed.error).to.match(/^SimulatedCrash: simulated crash after/);
    expect(result.steps[0].crashed).to.equal(undefined);

    // The code caught the crash and tried every way to record the outcome: each attempt threw it again.
    const afterCrash = seen(runtime).slice(5);
    expect(afterCrash).to.have.length(5);
    for (const line of afterCrash) expect(line.replace(/^[a-z ]+: /, '')).to.match(CRASH);
    expect(afterCrash.map((line) => line.split(':')[0])).to.deep.equal([
      'call',
      'wrap',
      'write',
      'begin',
      'call again',
    ]);

    // A1 went through; A2 keeps exactly what was committed before the call; B1 was never touched.
    expect(orderCustom(runtime, 'A1')).to.include({ fixtureState: 'Done', fixtureAttempts: '1' });
    expect(journal(runtime, 'A1')).to.equal('succeeded');
    expect(orderCustom(runtime, 'A2')).to.deep.equal({ fixtureState: 'ToDo', fixtureAttempts: '1' });
    expect(journal(runtime, 'A2')).to.equal('planned');
    expect(orderCustom(runtime, 'B1')).to.deep.equal({ fixtureState: 'ToDo' });
    expect(runtime.core.logs.filter((l) => l.category === 'task')).to.have.length(0);
  });

  it('lets a later run on the same runtime start alive and see exactly the committed state', () => {
    const runtime = runtimeFor();
    runtime.runJob('Fixture-Pay', { crash: crashAtA2 });
    expect(runtime.core.crashed).to.equal(null);
    seen(runtime).length = 0;

    const rerun = runtime.runJob('Fixture-Pay');

    expect(rerun.status).to.equal('OK');
    expect(rerun.crash).to.equal(undefined);
    expect(steps(rerun)).to.deep.equal(['SiteA/PayA1:OK', 'SiteA/PayA2:OK', 'SiteA/AfterPay:OK', 'SiteB/PayB1:OK']);
    expect(rerun.steps[1].message).to.equal('found ToDo, attempts 1, journal planned, reason null; call OK');
    expect(rerun.steps[3].message).to.equal('found ToDo, attempts 0, journal none, reason null; call OK');
    expect(seen(runtime).filter((line) => line.includes('SimulatedCrash'))).to.deep.equal([]);
    expect(orderCustom(runtime, 'A2')).to.include({ fixtureState: 'Done', fixtureAttempts: '2' });
    expect(journal(runtime, 'A2')).to.equal('succeeded');
    expect(runtime.results.map((r) => r.status)).to.deep.equal(['ERROR', 'OK']);
  });

  it('rolls back the transaction that was open around the call and refuses its commit', () => {
    const runtime = runtimeFor();

    const result = runtime.runJob('Fixture-PayInTransaction', {
      crash: { afterServiceResponse: (call) => call.statusCode === 200 },
    });

    expect(result.steps[0]).to.include({ status: 'ERROR', crashed: true, transaction: 'rolledBack' });
    expect(seen(runtime).map((line) => line.split(':')[0])).to.deep.equal([
      'call',
      'wrap',
      'write',
      'begin',
      'commit',
      'call again',
    ]);
    for (const line of seen(runtime)) expect(line).to.match(/SimulatedCrash: simulated crash after POST .*\/pay\/A1/);
    // The journal was committed before the transaction opened; what was written inside it is gone.
    expect(orderCustom(runtime, 'A1')).to.deep.equal({ fixtureState: 'ToDo', fixtureAttempts: '1' });
    expect(journal(runtime, 'A1')).to.equal('planned');
    expect(runtime.core.warnings.map((w) => w.code)).to.include.members(['HTTP_IN_TRANSACTION', 'SIMULATED_CRASH']);
    expect(runtime.core.warnings.find((w) => w.code === 'SIMULATED_CRASH')?.message).to.match(
      /answered 200; the open transaction was rolled back$/,
    );
  });

  it('runs no further callback of a chunk step and releases its open iterator without a warning', () => {
    const runtime = runtimeFor();

    const result = runtime.runJob('Fixture-PayChunk', { crash: crashAtA2 });

    expect(result.steps[0]).to.include({ status: 'ERROR', crashed: true });
    // write caught the crash and returned normally; afterChunk and afterStep (which would write) never ran.
    expect(seen(runtime)).to.deep.equal([
      'beforeStep',
      'write A1',
      'afterChunk',
      'write A2',
      'write A2 caught SimulatedCrash',
    ]);
    expect(orderCustom(runtime, 'A1')).to.include({ fixtureState: 'Done', fixtureAttempts: '1' });
    expect(orderCustom(runtime, 'A2')).to.deep.equal({ fixtureState: 'ToDo', fixtureAttempts: '1' });
    expect(orderCustom(runtime, 'A3')).to.deep.equal({ fixtureState: 'ToDo' });
    expect(runtime.core.state.sites.get('SiteA')?.customObjects.get('FixtureJournal')?.has('after-step')).to.not.equal(
      true,
    );
    expect(runtime.core.warnings.map((w) => w.code)).to.deep.equal(['SIMULATED_CRASH']);

    // The next run reads the ToDo orders afresh: A2 and A3 (A1 is Done).
    seen(runtime).length = 0;
    expect(runtime.runJob('Fixture-PayChunk').status).to.equal('OK');
    expect(seen(runtime).filter((line) => !line.startsWith('afterChunk'))).to.deep.equal([
      'beforeStep',
      'write A2',
      'write A3',
      'afterStep true',
    ]);
  });

  it('can crash after a call that got no answer (statusCode null)', () => {
    const runtime = runtimeFor('/slow', 300);
    const calls: CompletedServiceCall[] = [];

    const result = runtime.runJob('Fixture-PayInTransaction', {
      crash: {
        afterServiceResponse: (call) => {
          calls.push(call);
          return call.statusCode === null;
        },
      },
    });

    expect(calls).to.deep.equal([
      { serviceId: 'fixture.psp', method: 'POST', url: server.url('/slow/A1'), statusCode: null },
    ]);
    expect(result.crash?.message).to.equal(`simulated crash after POST ${server.url('/slow/A1')} got no answer`);
  });

  it('changes nothing when the predicate never matches', () => {
    const plain = runtimeFor();
    const expected = plain.runJob('Fixture-Pay');
    const expectedSeen = seen(plain).slice();

    const runtime = runtimeFor();
    const calls: CompletedServiceCall[] = [];
    const result = runtime.runJob('Fixture-Pay', {
      crash: {
        afterServiceResponse: (call) => {
          calls.push(call);
          return false;
        },
      },
    });

    const comparable = (r: JobResult) => r.steps.map((s) => [s.siteId, s.stepId, s.status, s.message, s.transaction]);
    expect(comparable(result)).to.deep.equal(comparable(expected));
    expect(result.crash).to.equal(undefined);
    expect(result.steps.every((s) => s.crashed === undefined)).to.equal(true);
    expect(seen(runtime)).to.deep.equal(expectedSeen);
    expect(withoutTimes(instanceJson(runtime.core.state).sites)).to.deep.equal(
      withoutTimes(instanceJson(plain.core.state).sites),
    );
    expect(runtime.core.warnings.map((w) => w.code)).to.not.include('SIMULATED_CRASH');
    expect(calls.map((c) => `${c.method} ${c.url.replace(/^http:\/\/[^/]+/, '')} ${c.statusCode}`)).to.deep.equal([
      'POST /pay/A1 200',
      'POST /pay/A1 200',
      'POST /pay/A2 200',
      'POST /pay/A2 200',
      'POST /pay/B1 200',
      'POST /pay/B1 200',
    ]);
  });

  it('records the crash in the run report and in lastRun', () => {
    const runtime = runtimeFor();
    const result = runtime.runJob('Fixture-Pay', { crash: crashAtA2 });

    const report = runReport(runtime.core, [result]);
    const written = JSON.parse(JSON.stringify(instanceJson(runtime.core.state, report))) as {
      lastRun: { jobs: JobResult[]; warnings: Array<{ code: string; message: string }> };
    };

    expect(written.lastRun.jobs[0].crash).to.deep.include({ stepId: 'PayA2', message: result.crash?.message });
    expect(written.lastRun.jobs[0].steps[1].crashed).to.equal(true);
    expect(written.lastRun.warnings).to.deep.include({
      time: report.warnings[0].time,
      code: 'SIMULATED_CRASH',
      message: result.crash?.message,
    });
  });
});
