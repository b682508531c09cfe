import { type RuntimeContext } from '../context';
import { illegalArgument } from './JavaException';
import { perContext } from './perContext';
import { parseSimpleDate } from './simpleDateFormat';
import { localePatterns } from './localePatterns';
import {
  daysInMonth,
  instantOf,
  isKnownTimeZone,
  isLeapYear,
  offsetAt,
  rawOffsetAt,
  wallTimeAt,
  type WallTime,
} from './zonedTime';

const DAY_MS = 86_400_000;
/** The zone of a new Calendar: the platform interprets calendar time stamps in GMT. */
export const DEFAULT_TIME_ZONE = 'GMT';

const FIELD = {
  ERA: 0,
  YEAR: 1,
  MONTH: 2,
  WEEK_OF_YEAR: 3,
  WEEK_OF_MONTH: 4,
  DATE: 5,
  DAY_OF_YEAR: 6,
  DAY_OF_WEEK: 7,
  DAY_OF_WEEK_IN_MONTH: 8,
  AM_PM: 9,
  HOUR: 10,
  HOUR_OF_DAY: 11,
  MINUTE: 12,
  SECOND: 13,
  MILLISECOND: 14,
  ZONE_OFFSET: 15,
  DST_OFFSET: 16,
} as const;

const MINIMUM: Record<number, number> = {
  0: 0,
  1: 1,
  2: 0,
  3: 1,
  4: 0,
  5: 1,
  6: 1,
  7: 1,
  8: 1,
  9: 0,
  10: 0,
  11: 0,
  12: 0,
  13: 0,
  14: 0,
};
const MAXIMUM: Record<number, number> = {
  0: 1,
  1: 292278994,
  2: 11,
  3: 53,
  4: 6,
  5: 31,
  6: 366,
  7: 7,
  8: 6,
  9: 1,
  10: 11,
  11: 23,
  12: 59,
  13: 59,
  14: 999,
};

/** `dw.util.Calendar` (java.util.GregorianCalendar, lenient), time-zone aware through Intl. */
export class Calendar {
  static readonly ERA = FIELD.ERA;
  static readonly YEAR = FIELD.YEAR;
  static readonly MONTH = FIELD.MONTH;
  static readonly WEEK_OF_YEAR = FIELD.WEEK_OF_YEAR;
  static readonly WEEK_OF_MONTH = FIELD.WEEK_OF_MONTH;
  static readonly DATE = FIELD.DATE;
  static readonly DAY_OF_MONTH = FIELD.DATE;
  static readonly DAY_OF_YEAR = FIELD.DAY_OF_YEAR;
  static readonly DAY_OF_WEEK = FIELD.DAY_OF_WEEK;
  static readonly DAY_OF_WEEK_IN_MONTH = FIELD.DAY_OF_WEEK_IN_MONTH;
  static readonly AM_PM = FIELD.AM_PM;
  static readonly HOUR = FIELD.HOUR;
  static readonly HOUR_OF_DAY = FIELD.HOUR_OF_DAY;
  static readonly MINUTE = FIELD.MINUTE;
  static readonly SECOND = FIELD.SECOND;
  static readonly MILLISECOND = FIELD.MILLISECOND;
  static readonly ZONE_OFFSET = FIELD.ZONE_OFFSET;
  static readonly DST_OFFSET = FIELD.DST_OFFSET;
  static readonly JANUARY = 0;
  static readonly FEBRUARY = 1;
  static readonly MARCH = 2;
  static readonly APRIL = 3;
  static readonly MAY = 4;
  static readonly JUNE = 5;
  static readonly JULY = 6;
  static readonly AUGUST = 7;
  static readonly SEPTEMBER = 8;
  static readonly OCTOBER = 9;
  static readonly NOVEMBER = 10;
  static readonly DECEMBER = 11;
  static readonly SUNDAY = 1;
  static readonly MONDAY = 2;
  static readonly TUESDAY = 3;
  static readonly WEDNESDAY = 4;
  static readonly THURSDAY = 5;
  static readonly FRIDAY = 6;
  static readonly SATURDAY = 7;
  static readonly SHORT_DATE_PATTERN = 0;
  static readonly LONG_DATE_PATTERN = 1;
  static readonly TIME_PATTERN = 2;
  static readonly INPUT_DATE_PATTERN = 3;
  static readonly INPUT_TIME_PATTERN = 4;
  static readonly INPUT_DATE_TIME_PATTERN = 5;

  /** Set on the prototype of each run's Calendar (calendarClassFor). */
  declare protected readonly runtimeContext: RuntimeContext | undefined;
  private millis: number;
  private zone = DEFAULT_TIME_ZONE;
  private weekStart: number;
  private readonly clearedFields = new Set<number>();

  constructor(date?: Date) {
    if (date !== undefined && date !== null && !(date instanceof Date)) throw illegalArgument('not a Date');
    this.millis = date ? date.getTime() : (this.runtimeContext?.now() ?? new Date()).getTime();
    this.weekStart = firstDayOfWeekFor(this.runtimeContext?.locale);
  }

  getTime(): Date {
    return new Date(this.millis);
  }

  setTime(date: Date): void {
    if (!(date instanceof Date)) throw illegalArgument('not a Date');
    this.millis = date.getTime();
    this.clearedFields.clear();
  }

  get time(): Date {
    return this.getTime();
  }

  set time(date: Date) {
    this.setTime(date);
  }

  getTimeZone(): string {
    return this.zone;
  }

  /** Keeps the time stamp; an unknown zone ID falls back to GMT, as java.util.TimeZone does. */
  setTimeZone(timeZone: string): void {
    this.zone = isKnownTimeZone(String(timeZone)) ? String(timeZone) : DEFAULT_TIME_ZONE;
  }

  get timeZone(): string {
    return this.getTimeZone();
  }

  set timeZone(timeZone: string) {
    this.setTimeZone(timeZone);
  }

  getFirstDayOfWeek(): number {
    return this.weekStart;
  }

  setFirstDayOfWeek(value: number): void {
    this.weekStart = value;
  }

  get firstDayOfWeek(): number {
    return this.weekStart;
  }

  set firstDayOfWeek(value: number) {
    this.setFirstDayOfWeek(value);
  }

  get(field: number): number {
    const wall = this.wall();
    switch (field) {
      case FIELD.ERA:
        return wall.year > 0 ? 1 : 0;
      case FIELD.YEAR:
        return wall.year > 0 ? wall.year : 1 - wall.year;
      case FIELD.MONTH:
        return wall.month;
      case FIELD.DATE:
        return wall.day;
      case FIELD.DAY_OF_YEAR:
        return dayOfYear(wall);
      case FIELD.DAY_OF_WEEK:
        return dayOfWeek(wall);
      case FIELD.DAY_OF_WEEK_IN_MONTH:
        return Math.floor((wall.day - 1) / 7) + 1;
      case FIELD.WEEK_OF_YEAR:
        return this.weekOfYear(wall);
      case FIELD.WEEK_OF_MONTH:
        return this.weekNumber(wall.day, dayOfWeek({ ...wall, day: 1 }));
      case FIELD.AM_PM:
        return wall.hour < 12 ? 0 : 1;
      case FIELD.HOUR:
        return wall.hour % 12;
      case FIELD.HOUR_OF_DAY:
        return wall.hour;
      case FIELD.MINUTE:
        return wall.minute;
      case FIELD.SECOND:
        return wall.second;
      case FIELD.MILLISECOND:
        return wall.millisecond;
      case FIELD.ZONE_OFFSET:
        return rawOffsetAt(this.millis, this.zone);
      case FIELD.DST_OFFSET:
        return offsetAt(this.millis, this.zone) - rawOffsetAt(this.millis, this.zone);
      default:
        throw illegalArgument(`unknown calendar field ${field}`);
    }
  }

  /**
   * Lenient like Java: out-of-range values overflow into the next field (set(MONTH, 12) is January
   * of the next year).
   */
  set(...args: number[]): void {
    if (args.length === 2) {
      this.setField(args[0], args[1]);
    } else if (args.length === 3 || args.length === 5 || args.length === 6) {
      const [year, month, day, hour, minute, second] = args;
      const wall = this.wall();
      this.setWall({
        ...wall,
        year,
        month,
        day,
        ...(hour === undefined ? {} : { hour, minute }),
        ...(second === undefined ? {} : { second }),
      });
    } else {
      throw illegalArgument(`set expects 2, 3, 5 or 6 arguments, got ${args.length}`);
    }
    this.clearedFields.clear();
  }

  /** Date fields move the wall clock (month ends clamp, DST keeps the hour); time fields add elapsed time. */
  add(field: number, amount: number): void {
    const value = Math.trunc(amount);
    const wall = this.wall();
    switch (field) {
      case FIELD.YEAR:
        this.setWall(clampDay({ ...wall, year: wall.year + value }));
        return;
      case FIELD.MONTH:
        this.setWall(clampDay({ ...wall, month: wall.month + value }));
        return;
      case FIELD.DATE:
      case FIELD.DAY_OF_YEAR:
      case FIELD.DAY_OF_WEEK:
        this.setWall({ ...wall, day: wall.day + value });
        return;
      case FIELD.WEEK_OF_YEAR:
      case FIELD.WEEK_OF_MONTH:
      case FIELD.DAY_OF_WEEK_IN_MONTH:
        this.setWall({ ...wall, day: wall.day + 7 * value });
        return;
      case FIELD.AM_PM:
        this.millis += value * 12 * 3_600_000;
        return;
      case FIELD.HOUR:
      case FIELD.HOUR_OF_DAY:
        this.millis += value * 3_600_000;
        return;
      case FIELD.MINUTE:
        this.millis += value * 60_000;
        return;
      case FIELD.SECOND:
        this.millis += value * 1000;
        return;
      case FIELD.MILLISECOND:
        this.millis += value;
        return;
      default:
        throw illegalArgument(`add is not supported for calendar field ${field}`);
    }
  }

  /** Rolls one field within its range without changing larger fields. */
  roll(field: number, amountOrUp: number | boolean): void {
    const amount = typeof amountOrUp === 'boolean' ? (amountOrUp ? 1 : -1) : Math.trunc(amountOrUp);
    if (field === FIELD.YEAR) {
      this.add(field, amount);
      return;
    }
    const min = this.getActualMinimum(field);
    const range = this.getActualMaximum(field) - min + 1;
    const rolled = ((((this.get(field) - min + amount) % range) + range) % range) + min;
    if (field === FIELD.MONTH) this.setWall(clampDay({ ...this.wall(), month: rolled }));
    else this.setField(field, rolled);
  }

  clear(field?: number): void {
    if (field === undefined) {
      this.setWall({ year: 1970, month: 0, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 });
      for (let each = 0; each <= FIELD.DST_OFFSET; each++) this.clearedFields.add(each);
      return;
    }
    this.setField(field, field === FIELD.YEAR ? 1970 : (MINIMUM[field] ?? 0));
    this.clearedFields.add(field);
  }

  isSet(field: number): boolean {
    return !this.clearedFields.has(field);
  }

  getActualMaximum(field: number): number {
    const wall = this.wall();
    if (field === FIELD.DATE) return daysInMonth(wall.year, wall.month);
    if (field === FIELD.DAY_OF_YEAR) return isLeapYear(wall.year) ? 366 : 365;
    if (field === FIELD.DAY_OF_WEEK_IN_MONTH) return Math.floor((daysInMonth(wall.year, wall.month) - 1) / 7) + 1;
    return this.getMaximum(field);
  }

  getActualMinimum(field: number): number {
    return this.getMinimum(field);
  }

  getMaximum(field: number): number {
    if (!(field in MAXIMUM)) throw illegalArgument(`unknown calendar field ${field}`);
    return MAXIMUM[field];
  }

  getMinimum(field: number): number {
    if (!(field in MINIMUM)) throw illegalArgument(`unknown calendar field ${field}`);
    return MINIMUM[field];
  }

  isLeapYear(year: number): boolean {
    return isLeapYear(year);
  }

  before(other: unknown): boolean {
    return other instanceof Calendar && this.millis < other.millis;
  }

  after(other: unknown): boolean {
    return other instanceof Calendar && this.millis > other.millis;
  }

  compareTo(other: Calendar): number {
    return Math.sign(this.millis - other.millis);
  }

  equals(other: unknown): boolean {
    return (
      other instanceof Calendar &&
      other.millis === this.millis &&
      other.zone === this.zone &&
      other.weekStart === this.weekStart
    );
  }

  hashCode(): number {
    return this.millis | 0;
  }

  /** Same calendar day, each in its own time zone. */
  isSameDay(other: Calendar): boolean {
    const mine = this.wall();
    const theirs = other.wall();
    return mine.year === theirs.year && mine.month === theirs.month && mine.day === theirs.day;
  }

  /** Same day of the GMT time stamps, ignoring time zones. */
  isSameDayByTimestamp(other: Calendar): boolean {
    return Math.floor(this.millis / DAY_MS) === Math.floor(other.millis / DAY_MS);
  }

  /** Java SimpleDateFormat pattern; the calendar's zone unless the text carries an offset. */
  parseByFormat(timeString: string, format: string): void {
    this.millis = parseSimpleDate(String(timeString), String(format), this.zone, this.runtimeContext?.locale);
    this.clearedFields.clear();
  }

  parseByLocale(timeString: string, locale: string, pattern: number): void {
    this.parseByFormat(timeString, localePatterns(locale)(pattern));
  }

  toString(): string {
    return this.getTime().toISOString();
  }

  private wall(): WallTime {
    return wallTimeAt(this.millis, this.zone);
  }

  private setWall(wall: WallTime): void {
    this.millis = instantOf(wall, this.zone);
  }

  private setField(field: number, value: number): void {
    const wall = this.wall();
    switch (field) {
      case FIELD.YEAR:
        return this.setWall({ ...wall, year: value });
      case FIELD.MONTH:
        return this.setWall({ ...wall, month: value });
      case FIELD.DATE:
        return this.setWall({ ...wall, day: value });
      case FIELD.DAY_OF_YEAR:
        return this.setWall({ ...wall, month: 0, day: value });
      case FIELD.DAY_OF_WEEK: {
        const offsetInWeek = (dayOfWeek(wall) - this.weekStart + 7) % 7;
        const targetOffset = (value - this.weekStart + 7) % 7;
        return this.setWall({ ...wall, day: wall.day - offsetInWeek + targetOffset });
      }
      case FIELD.AM_PM:
        return this.setWall({ ...wall, hour: (wall.hour % 12) + 12 * value });
      case FIELD.HOUR:
        return this.setWall({ ...wall, hour: (wall.hour < 12 ? 0 : 12) + value });
      case FIELD.HOUR_OF_DAY:
        return this.setWall({ ...wall, hour: value });
      case FIELD.MINUTE:
        return this.setWall({ ...wall, minute: value });
      case FIELD.SECOND:
        return this.setWall({ ...wall, second: value });
      case FIELD.MILLISECOND:
        return this.setWall({ ...wall, millisecond: value });
      case FIELD.WEEK_OF_YEAR:
      case FIELD.WEEK_OF_MONTH:
      case FIELD.DAY_OF_WEEK_IN_MONTH:
        return this.setWall({ ...wall, day: wall.day + 7 * (value - this.get(field)) });
      default:
        throw illegalArgument(`set is not supported for calendar field ${field}`);
    }
  }

  /** Week number of `day` in a period whose day 1 falls on `firstWeekday` (Java's WEEK_OF_MONTH rule). */
  private weekNumber(day: number, firstWeekday: number): number {
    const leading = (firstWeekday - this.weekStart + 7) % 7;
    const minimalDays = this.weekStart === Calendar.MONDAY ? 4 : 1;
    const firstWeekIsFull = 7 - leading >= minimalDays;
    return Math.floor((day - 1 + leading) / 7) + (firstWeekIsFull ? 1 : 0);
  }

  private weekOfYear(wall: WallTime): number {
    const week = this.weekNumber(dayOfYear(wall), dayOfWeek({ ...wall, month: 0, day: 1 }));
    if (week === 0) {
      const lastOfPreviousYear = { ...wall, year: wall.year - 1, month: 11, day: 31 };
      return this.weekOfYear(lastOfPreviousYear);
    }
    const nextYearFirstWeekday = dayOfWeek({ ...wall, year: wall.year + 1, month: 0, day: 1 });
    const daysInYear = isLeapYear(wall.year) ? 366 : 365;
    const minimalDays = this.weekStart === Calendar.MONDAY ? 4 : 1;
    const nextLeading = (nextYearFirstWeekday - this.weekStart + 7) % 7;
    const nextFirstWeekIsFull = 7 - nextLeading >= minimalDays;
    if (nextFirstWeekIsFull && dayOfYear(wall) > daysInYear - nextLeading) return 1;
    return week;
  }
}

function dayOfYear(wall: WallTime): number {
  return Math.round((Date.UTC(wall.year, wall.month, wall.day) - Date.UTC(wall.year, 0, 1)) / DAY_MS) + 1;
}

/** 1 = Sunday … 7 = Saturday. */
function dayOfWeek(wall: Pick<WallTime, 'year' | 'month' | 'day'>): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month, wall.day);
  return date.getUTCDay() + 1;
}

/** Java's add(MONTH): the day of month is kept unless the target month is shorter. */
function clampDay(wall: WallTime): WallTime {
  const normalizedYear = wall.year + Math.floor(wall.month / 12);
  const normalizedMonth = ((wall.month % 12) + 12) % 12;
  return {
    ...wall,
    year: normalizedYear,
    month: normalizedMonth,
    day: Math.min(wall.day, daysInMonth(normalizedYear, normalizedMonth)),
  };
}

/** Sunday in the US-style locales (and `default`), Monday elsewhere, as java.util.Locale data says. */
function firstDayOfWeekFor(locale: string | undefined): number {
  if (!locale || locale === 'default') return Calendar.SUNDAY;
  const country = locale.split('_')[1];
  const sundayCountries = ['US', 'CA', 'JP', 'BR', 'MX', 'IL', 'KR', 'TW', 'HK', 'PH', 'IN'];
  if (country) return sundayCountries.includes(country) ? Calendar.SUNDAY : Calendar.MONDAY;
  return ['en', 'ja', 'he', 'ko', 'zh', 'pt'].includes(locale) ? Calendar.SUNDAY : Calendar.MONDAY;
}

/** A run's Calendar: `new Calendar()` reads the run clock (ctx.now()) and request locale. */
export const calendarClassFor = perContext((ctx: RuntimeContext): typeof Calendar => {
  const Bound = class extends Calendar {};
  Object.defineProperty(Bound, 'name', { value: 'Calendar' });
  Object.defineProperty(Bound.prototype, 'runtimeContext', { value: ctx });
  return Bound;
});
