import { expect } from 'chai';
import { dwModules } from '../../../../../../tools/runtime/dw/util';
import { type Calendar as CalendarClass } from '../../../../../../tools/runtime/dw/util/Calendar';
import { fakeContext } from '../fakeContext';

describe('dw/util/Calendar', () => {
  const ctx = fakeContext({ now: '2024-03-15T10:30:00.000Z' });
  const Calendar = dwModules['dw/util/Calendar'](ctx) as typeof CalendarClass;
  const at = (iso: string, zone?: string) => {
    const calendar = new Calendar(new Date(iso));
    if (zone) calendar.setTimeZone(zone);
    return calendar;
  };

  it('starts at the run clock, in GMT', () => {
    const calendar = new Calendar();
    expect(calendar.time.toISOString()).to.equal('2024-03-15T10:30:00.000Z');
    expect(calendar.getTimeZone()).to.equal('GMT');
    expect(calendar.get(Calendar.YEAR)).to.equal(2024);
    expect(calendar.get(Calendar.MONTH)).to.equal(Calendar.MARCH);
    expect(calendar.get(Calendar.DAY_OF_MONTH)).to.equal(15);
    expect(calendar.get(Calendar.DAY_OF_WEEK)).to.equal(Calendar.FRIDAY);
    expect(calendar.get(Calendar.DAY_OF_YEAR)).to.equal(75);
    expect(calendar.get(Calendar.HOUR_OF_DAY)).to.equal(10);
  });

  it('adds months clamping the day at month ends, and days across leap years', () => {
    const calendar = at('2024-01-31T12:00:00Z');
    calendar.add(Calendar.MONTH, 1);
    expect(calendar.getTime().toISOString()).to.equal('2024-02-29T12:00:00.000Z');
    calendar.add(Calendar.MONTH, 1);
    expect(calendar.getTime().toISOString()).to.equal('2024-03-29T12:00:00.000Z');
    const yearEnd = at('2023-12-31T23:00:00Z');
    yearEnd.add(Calendar.DATE, 1);
    expect(yearEnd.getTime().toISOString()).to.equal('2024-01-01T23:00:00.000Z');
    const leap = at('2024-02-29T00:00:00Z');
    leap.add(Calendar.YEAR, 1);
    expect(leap.getTime().toISOString()).to.equal('2025-02-28T00:00:00.000Z');
    leap.add(Calendar.DAY_OF_MONTH, -60);
    expect(leap.getTime().toISOString()).to.equal('2024-12-30T00:00:00.000Z');
  });

  it('keeps the wall hour when adding days across a DST change, adds elapsed time for hours', () => {
    // Europe/Paris switched to summer time on 2024-03-31 at 02:00.
    const calendar = at('2024-03-30T11:00:00Z', 'Europe/Paris');
    expect(calendar.get(Calendar.HOUR_OF_DAY)).to.equal(12);
    calendar.add(Calendar.DATE, 1);
    expect(calendar.get(Calendar.HOUR_OF_DAY)).to.equal(12);
    expect(calendar.getTime().toISOString()).to.equal('2024-03-31T10:00:00.000Z');
    const night = at('2024-03-31T00:30:00Z', 'Europe/Paris');
    night.add(Calendar.HOUR_OF_DAY, 1);
    expect(night.get(Calendar.HOUR_OF_DAY)).to.equal(3);
    expect(night.get(Calendar.DST_OFFSET)).to.equal(3_600_000);
    expect(night.get(Calendar.ZONE_OFFSET)).to.equal(3_600_000);
  });

  it('sets fields leniently and moves a wall time in the spring gap forward', () => {
    const calendar = at('2024-03-15T00:00:00Z');
    calendar.set(Calendar.MONTH, 12);
    expect(calendar.get(Calendar.YEAR)).to.equal(2025);
    expect(calendar.get(Calendar.MONTH)).to.equal(Calendar.JANUARY);
    const paris = at('2024-03-31T00:00:00Z', 'Europe/Paris');
    paris.set(2024, Calendar.MARCH, 31, 2, 30);
    expect(paris.get(Calendar.HOUR_OF_DAY)).to.equal(3);
    paris.set(Calendar.HOUR_OF_DAY, 0);
    paris.set(Calendar.MINUTE, 0);
    expect(paris.getTime().toISOString()).to.equal('2024-03-30T23:00:00.000Z');
  });

  it('changes the zone without changing the time stamp', () => {
    const calendar = at('2024-07-01T22:30:00Z');
    calendar.timeZone = 'Asia/Tokyo';
    expect(calendar.getTime().toISOString()).to.equal('2024-07-01T22:30:00.000Z');
    expect(calendar.get(Calendar.DATE)).to.equal(2);
    expect(calendar.get(Calendar.HOUR_OF_DAY)).to.equal(7);
    calendar.setTimeZone('Not/AZone');
    expect(calendar.getTimeZone()).to.equal('GMT');
  });

  it('compares: before, after, compareTo, isSameDay with and without zones', () => {
    const early = at('2002-02-28T02:00:00Z', 'Etc/GMT+1');
    const late = at('2002-02-28T00:00:00Z', 'Etc/GMT+1');
    expect(early.isSameDay(late)).to.equal(false);
    expect(early.isSameDayByTimestamp(late)).to.equal(true);
    expect(late.before(early)).to.equal(true);
    expect(early.after(late)).to.equal(true);
    expect(early.compareTo(late)).to.equal(1);
    expect(early.before(new Date())).to.equal(false);
  });

  it('parses with a SimpleDateFormat pattern in its zone or the given offset', () => {
    const calendar = new Calendar();
    calendar.setTimeZone('Europe/Paris');
    calendar.parseByFormat('2024-07-14 09:15', 'yyyy-MM-dd HH:mm');
    expect(calendar.getTime().toISOString()).to.equal('2024-07-14T07:15:00.000Z');
    calendar.parseByFormat('2024-07-14T09:15:00.250+0000', "yyyy-MM-dd'T'HH:mm:ss.SSSZ");
    expect(calendar.getTime().toISOString()).to.equal('2024-07-14T09:15:00.250Z');
    expect(() => calendar.parseByFormat('14/07', 'yyyy-MM-dd')).to.throw(/Unparseable/);
  });

  it('knows actual maxima and week data', () => {
    const february = at('2023-02-10T00:00:00Z');
    expect(february.getActualMaximum(Calendar.DAY_OF_MONTH)).to.equal(28);
    expect(february.isLeapYear(2024)).to.equal(true);
    expect(february.getFirstDayOfWeek()).to.equal(Calendar.SUNDAY);
    expect(at('2024-01-01T00:00:00Z').get(Calendar.WEEK_OF_YEAR)).to.equal(1);
    const FrenchCalendar = dwModules['dw/util/Calendar'](fakeContext({ locale: 'fr_FR' })) as typeof CalendarClass;
    expect(new FrenchCalendar().firstDayOfWeek).to.equal(Calendar.MONDAY);
  });
});
