// Cartridge code runs in the engine, whose clock the runtime stands for: `new Date()`, `Date()` and
// `Date.now()` in cartridge modules read the instance clock (`clock` in the instance file, moved by
// RuntimeCore.advanceClock), while `new Date(x)`, `Date.UTC`, `Date.parse` and `instanceof Date`
// behave as ECMAScript defines them (platform.md §1.1: the engine is a standard JavaScript engine).
import { expect } from 'chai';
import { fixtureInstance, fixtureRuntime } from '../fixtureRuntime';

const CLOCK = '2026-11-23T09:00:00.000Z';
const HOUR = 3_600_000;

interface ClockReading {
  constructed: Date;
  now: number;
  called: string;
  calledWithArgument: string;
  fromNumber: Date;
  fromString: Date;
  fromParts: Date;
  utc: number;
  parsed: number;
  isDate: boolean;
  prototypeIsDatePrototype: boolean;
}

function clockRuntime() {
  const runtime = fixtureRuntime(fixtureInstance({ clock: CLOCK }));
  runtime.core.enterSite('SiteA');
  const clock = runtime.require('app_fixture/cartridge/scripts/lib/clock') as {
    read(): ClockReading;
    stamp(orderNo: string): Date;
  };
  return { runtime, clock };
}

/** Reads the clock module, with the runtime clock just before and after (real time flows between). */
function readBetween(runtime: ReturnType<typeof clockRuntime>['runtime'], read: () => ClockReading) {
  const before = runtime.core.now().getTime();
  const seen = read();
  const after = runtime.core.now().getTime();
  return { before, seen, after };
}

function expectWithin(value: number, from: number, to: number): void {
  expect(value).to.be.within(from, to);
}

describe('local runtime: the instance clock drives Date in cartridge code', () => {
  it('new Date(), Date.now() and Date() read the instance clock', () => {
    const { runtime, clock } = clockRuntime();
    const { before, seen, after } = readBetween(runtime, () => clock.read());
    expectWithin(before, Date.parse(CLOCK), Date.parse(CLOCK) + 60_000);
    expectWithin(seen.constructed.getTime(), before, after);
    expectWithin(seen.now, before, after);
    // Date() gives the time as a string, to the second.
    expectWithin(Date.parse(seen.called), Math.floor(before / 1000) * 1000, after);
    expectWithin(Date.parse(seen.calledWithArgument), Math.floor(before / 1000) * 1000, after);
  });

  it('after advanceClock(3_600_000) cartridge code sees one hour later', () => {
    const { runtime, clock } = clockRuntime();
    const first = clock.read().constructed.getTime();
    runtime.core.advanceClock(HOUR);
    const { before, seen, after } = readBetween(runtime, () => clock.read());
    expect(before - first).to.be.at.least(HOUR);
    expectWithin(seen.constructed.getTime(), before, after);
    expectWithin(seen.now, before, after);
    expectWithin(Date.parse(seen.called), Math.floor(before / 1000) * 1000, after);
  });

  it('new Date(x), Date.UTC and Date.parse behave as usual, and the objects are real Dates', () => {
    const seen = clockRuntime().clock.read();
    expect(seen.fromNumber.getTime()).to.equal(0);
    expect(seen.fromString.toISOString()).to.equal('2020-01-01T00:00:00.000Z');
    expect(seen.fromParts.getTime()).to.equal(new Date(2020, 0, 1, 12, 30).getTime());
    expect(seen.utc).to.equal(Date.UTC(2020, 0, 1));
    expect(seen.parsed).to.equal(Date.UTC(2020, 0, 1));
    expect(seen.isDate).to.equal(true);
    expect(seen.prototypeIsDatePrototype).to.equal(true);
    expect(seen.constructed).to.be.an.instanceOf(Date);
    expect(Object.getPrototypeOf(seen.constructed)).to.equal(Date.prototype);
  });

  it('a Date made by cartridge code passes the runtime checks of a datetime attribute', () => {
    const { runtime, clock } = clockRuntime();
    runtime.core.advanceClock(HOUR);
    let stamped: Date | undefined;
    const { before, after } = readBetween(runtime, () => {
      stamped = clock.stamp('A1');
      return clock.read();
    });
    expect(stamped).to.be.an.instanceOf(Date);
    expectWithin(stamped!.getTime(), before, after);
    expect(stamped!.getTime() - Date.parse(CLOCK)).to.be.at.least(HOUR);
  });

  it('hook scripts see the same clock', () => {
    const { runtime } = clockRuntime();
    runtime.core.advanceClock(2 * HOUR);
    const HookMgr = runtime.require('dw/system/HookMgr') as { callHook(n: string, f: string): Date };
    const before = runtime.core.now().getTime();
    const seen = HookMgr.callHook('fixture.clock', 'clock').getTime();
    expectWithin(seen, before, runtime.core.now().getTime());
    expect(seen - Date.parse(CLOCK)).to.be.at.least(2 * HOUR);
  });

  it('the clock never goes backwards: advanceClock refuses a negative or non-finite step', () => {
    const { runtime } = clockRuntime();
    expect(() => runtime.core.advanceClock(-1)).to.throw(RangeError, /only moves forward/);
    expect(() => runtime.core.advanceClock(Number.NaN)).to.throw(RangeError);
    let previous = runtime.core.now().getTime();
    for (let i = 0; i < 1000; i += 1) {
      const current = runtime.core.now().getTime();
      expect(current).to.be.at.least(previous);
      previous = current;
    }
  });
});
