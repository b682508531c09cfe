import { expect } from 'chai';
import { FAULT_KINDS, FaultQueue, faultApplies, parseFault } from '../../../../../tools/sandboxes/core/faults';

describe('tools/sandboxes/core/faults: the reply fault', () => {
  it('is a fault kind: status and JSON body as given, apply false unless set, route and times as for the others', () => {
    expect(FAULT_KINDS).to.include('reply');
    const refused = { result: { code: '01100', title: 'REFUSED', detail: 'Refused by the bank' } };
    expect(parseFault({ kind: 'reply', status: 200, json: refused })).to.deep.equal({
      kind: 'reply',
      status: 200,
      json: refused,
    });
    const full = parseFault({ kind: 'reply', status: 503, json: null, apply: true, route: 'capture', times: 'always' });
    expect(full).to.deep.equal({
      kind: 'reply',
      status: 503,
      json: null,
      apply: true,
      route: 'capture',
      times: 'always',
    });
    expect(faultApplies(full as Parameters<typeof faultApplies>[0])).to.equal(true);
    expect(
      faultApplies(parseFault({ kind: 'reply', status: 200, json: {} }) as Parameters<typeof faultApplies>[0]),
    ).to.equal(false);
    for (const json of [[], 'text', 0, false, { nested: [1, 'two', { three: null }] }]) {
      expect(parseFault({ kind: 'reply', status: 200, json })).to.have.deep.property('json', json);
    }
  });

  it('refuses a status without a body, a missing json and values JSON.stringify would not send as given', () => {
    const problem = (fault: Record<string, unknown>) => {
      try {
        parseFault({ kind: 'reply', ...fault });
      } catch (error) {
        return (error as Error).message;
      }
      return 'accepted';
    };
    for (const status of [undefined, 199, 204, 304, 600, 200.5, '200']) {
      expect(problem({ status, json: {} }), String(status)).to.equal(
        'Fault "status" of a reply must be an HTTP status (200-599) that carries a body (not 204 or 304)',
      );
    }
    expect(problem({ status: 200 })).to.equal(
      'Fault "json" is required for a reply: the JSON body to answer with (null included)',
    );
    expect(problem({ status: 200, json: undefined })).to.match(/"json" is required/);
    expect(problem({ status: 200, json: { result: { amount: NaN } } })).to.equal(
      'Fault "json" must be plain JSON: json.result.amount is NaN',
    );
    expect(problem({ status: 200, json: { a: undefined } })).to.equal(
      'Fault "json" must be plain JSON: json.a is undefined',
    );
    expect(problem({ status: 200, json: [1, () => 2] })).to.equal(
      'Fault "json" must be plain JSON: json[1] is a function',
    );
    expect(problem({ status: 200, json: { at: new Date(0) } })).to.equal(
      'Fault "json" must be plain JSON: json.at is not a plain object or array',
    );
    // eslint-disable-next-line no-sparse-arrays
    expect(problem({ status: 200, json: [1, , 3] })).to.equal('Fault "json" must be plain JSON: json[1] is a hole');
    const loop: Record<string, unknown> = {};
    loop.self = loop;
    expect(problem({ status: 200, json: loop })).to.equal(
      'Fault "json" must be plain JSON: json.self refers to itself',
    );
    // The same object twice (not a cycle) is fine.
    const shared = { code: '01100' };
    expect(problem({ status: 200, json: { a: shared, b: shared } })).to.equal('accepted');
    expect(problem({ status: 200, json: {}, apply: 'yes' })).to.equal('Fault "apply" must be a boolean');
  });

  it('keeps its own copy of the body: later changes by the caller, or to a listed fault, do not change the reply', () => {
    const queue = new FaultQueue();
    const body = { title: 'Unauthorized' };
    queue.add({ kind: 'reply', status: 200, json: body, times: 2 });
    body.title = 'changed';
    const [listed] = queue.list();
    expect(listed).to.deep.equal({ kind: 'reply', status: 200, json: { title: 'Unauthorized' }, times: 2 });
    (listed as unknown as { json: { title: string } }).json.title = 'changed too';
    expect(queue.takeAnswerFault('capture')).to.deep.include({ json: { title: 'Unauthorized' } });
    expect(queue.list()).to.deep.equal([{ kind: 'reply', status: 200, json: { title: 'Unauthorized' }, times: 1 }]);
  });
});
