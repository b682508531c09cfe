import { expect } from 'chai';
import { fixtureInstance, fixtureRuntime, order } from '../fixtureRuntime';

describe('local runtime: job runner', () => {
  it('runs a split over every storefront site with typed parameters and a shared job context', () => {
    const runtime = fixtureRuntime();
    const result = runtime.runJob('Fixture-Task');
    expect(result.status).to.equal('OK');
    expect(result.steps.map((s) => `${s.siteId}/${s.stepId}:${s.exitCode}:${s.message}`)).to.deep.equal([
      'SiteA/First:WARN:visits 1',
      'SiteA/Second:WARN:visits 2',
      'SiteB/First:WARN:visits 3',
      'SiteB/Second:WARN:visits 4',
    ]);
    const typed = runtime.core.logs.filter((l) => l.category === 'task').map((l) => l.message);
    expect(typed[0]).to.equal('Mode warn, Count 7 (number), Flag true');
    // An absent optional parameter is undefined; Log formats it as Java's MessageFormat does: null.
    expect(typed[1]).to.equal('Mode warn, Count 2 (number), Flag null');
    expect(runtime.core.logs[0]).to.include({ prefix: 'fixture', category: 'task', level: 'info' });
  });

  it('runs one site only with the site option', () => {
    const result = fixtureRuntime().runJob('Fixture-Task', { site: 'SiteB' });
    expect(result.steps.map((s) => s.siteId)).to.deep.equal(['SiteB', 'SiteB']);
    expect(() => fixtureRuntime().runJob('Fixture-Task', { site: 'Nope' })).to.throw(
      /Site 'Nope' is not in the instance/,
    );
  });

  it('applies exit-status rules: continue to a named step, stop-flow, and stop the job on an unhandled ERROR', () => {
    const result = fixtureRuntime().runJob('Fixture-Rules');
    expect(result.steps.map((s) => `${s.siteId}/${s.stepId}:${s.status}`)).to.deep.equal([
      'SiteA/Fails:ERROR',
      'SiteA/Last:OK',
      'SiteB/Throws:ERROR',
    ]);
    expect(result.status).to.equal('ERROR');
    const thrown = result.steps[2];
    expect(thrown.message).to.equal('thrown by the step');
    expect(thrown.error).to.match(/task\.js/);
  });

  it('refuses a step whose parameters break the step type declaration, before running it', () => {
    const runtime = fixtureRuntime();
    const result = runtime.runJob('Fixture-BadParameter');
    expect(result.status).to.equal('ERROR');
    expect(result.steps[0].message).to.match(/'sideways' is not one of ok, warn, error/);
    expect(result.steps[0].message).to.match(/'1.5' is not a long/);
    expect(runtime.core.logs).to.have.length(0);
  });

  it('commits a transaction left open by a step that ended normally, and rolls it back when the step threw', () => {
    const runtime = fixtureRuntime();
    const result = runtime.runJob('Fixture-Transactions', { site: 'SiteA' });
    expect(result.steps.map((s) => `${s.stepId}:${s.status}:${s.transaction}`)).to.deep.equal([
      'LeaveOpen:OK:committed',
    ]);
    expect(runtime.core.state.sites.get('SiteA')?.orders.get('A1')?.custom.fixtureReason).to.equal('left open');
  });

  it('rolls back the open transaction of a step that threw', () => {
    const runtime = fixtureRuntime();
    const result = runtime.runJob('Fixture-Transactions', { site: 'SiteB' });
    expect(result.steps[0]).to.include({ status: 'ERROR', transaction: 'rolledBack' });
    expect(result.steps[0].message).to.equal('thrown inside an open transaction');
    expect(runtime.core.state.sites.get('SiteB')?.orders.get('B1')?.custom.fixtureReason).to.equal(undefined);
  });

  it('runs a chunk step: total count, chunks of chunk-size, filtered items, write lists and afterStep', () => {
    const runtime = fixtureRuntime(
      fixtureInstance({
        sites: [
          { id: 'SiteA', orders: [order('A1'), order('A2'), order('A3', 'CANCELLED'), order('A4'), order('A5')] },
        ],
      }),
    );
    const events: string[] = [];
    const result = runtime.runJob('Fixture-Chunk', {
      onEvent: (e) => {
        if (e.type === 'chunk') events.push(`${e.progress.read}/${e.progress.total}`);
      },
    });
    expect(result.status).to.equal('OK');
    expect(result.steps[0].chunk).to.deep.equal({ total: 5, read: 5, written: 4, chunks: 3 });
    expect(events).to.deep.equal(['2/5', '4/5', '5/5']);
    const orders = runtime.core.state.sites.get('SiteA')!.orders;
    expect(orders.get('A1')!.custom.fixtureState).to.equal('Done');
    expect(orders.get('A3')!.custom.fixtureState).to.equal('ToDo');
    expect(runtime.core.logs.map((l) => l.message)).to.include('afterStep success=true');
  });

  it('ends a chunk step in ERROR when process throws, keeps what earlier chunks wrote, and calls afterStep(false)', () => {
    const runtime = fixtureRuntime(
      fixtureInstance({ sites: [{ id: 'SiteA', orders: [order('A1'), order('A2'), order('A4'), order('A5')] }] }),
    );
    const result = runtime.runJob('Fixture-ChunkFails');
    expect(result.status).to.equal('ERROR');
    expect(result.steps[0].message).to.equal('failing at item 3');
    const orders = runtime.core.state.sites.get('SiteA')!.orders;
    expect([...orders.values()].map((o) => o.custom.fixtureState)).to.deep.equal(['Done', 'Done', 'ToDo', 'ToDo']);
    expect(runtime.core.logs.map((l) => l.message)).to.include('afterStep success=false');
  });

  it('warns about an order iterator a step left open, and releases it when the step ends', () => {
    const runtime = fixtureRuntime();
    const result = runtime.runJob('Fixture-OpenIterator');
    expect(result.status).to.equal('OK');
    expect(runtime.core.warnings.map((w) => w.code)).to.deep.equal(['SEEKABLE_ITERATOR_NOT_CLOSED']);
    const clean = fixtureRuntime();
    clean.runJob('Fixture-Chunk');
    expect(clean.core.warnings).to.deep.equal([]);
  });

  it('commits the open transaction of a step that returned ERROR (only a throw rolls it back)', () => {
    const runtime = fixtureRuntime();
    const result = runtime.runJob('Fixture-ErrorOpen');
    expect(result.steps[0]).to.include({ status: 'ERROR', transaction: 'committed' });
    expect(runtime.core.state.sites.get('SiteA')?.orders.get('A1')?.custom.fixtureReason).to.equal(
      'kept although the step returned ERROR',
    );
  });

  it('with the default index lag, a search sees a commit only from the next step; without it, at once', () => {
    const lagging = fixtureRuntime().runJob('Fixture-IndexLag');
    expect(lagging.steps.map((s) => s.message)).to.deep.equal(['marked A1, ToDo: A1 A2 A3', 'marked A2, ToDo: A2 A3']);
    const immediate = fixtureRuntime(fixtureInstance({ platform: { orderSearch: { indexLag: false } } })).runJob(
      'Fixture-IndexLag',
    );
    expect(immediate.steps.map((s) => s.message)).to.deep.equal(['marked A1, ToDo: A2 A3', 'marked A2, ToDo: A3']);
  });

  it("reports the first step's custom exit code as the job's when no step failed", () => {
    const result = fixtureRuntime().runJob('Fixture-Task');
    expect(result).to.include({ status: 'OK', exitCode: 'WARN' });
  });
});
