/** Wall-clock fields in a time zone (month 0-based, as in java.util.Calendar). */
export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Whether Intl (ICU) knows the zone ID, e.g. `Europe/Paris`, `Etc/GMT+1`, `GMT`. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

export function wallTimeAt(millis: number, zone: string): WallTime {
  const parts: Record<string, string> = {};
  for (const part of formatterFor(zone).formatToParts(new Date(millis))) parts[part.type] = part.value;
  const year = Number(parts.year);
  return {
    year: parts.era === 'BC' || parts.era === 'B' ? 1 - year : year,
    month: Number(parts.month) - 1,
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
    millisecond: ((millis % 1000) + 1000) % 1000,
  };
}

/** The wall time read as if it were UTC; Date.UTC normalizes overflowing fields like a lenient Calendar. */
export function wallAsUtc(wall: WallTime): number {
  const date = new Date(0);
  date.setUTCFullYear(wall.year, wall.month, wall.day);
  date.setUTCHours(wall.hour, wall.minute, wall.second, wall.millisecond);
  return date.getTime();
}

/** Offset from UTC in milliseconds at the instant (standard + daylight). */
export function offsetAt(millis: number, zone: string): number {
  return wallAsUtc(wallTimeAt(millis, zone)) - millis;
}

/**
 * The instant showing `wall` in `zone`. In the autumn overlap the earlier instant wins; a wall time
 * skipped by the spring gap is read with the offset before the gap, so 02:30 becomes 03:30.
 */
export function instantOf(wall: WallTime, zone: string): number {
  const local = wallAsUtc(wall);
  const offsetBefore = offsetAt(local - DAY_MS, zone);
  const offsetAfter = offsetAt(local + DAY_MS, zone);
  const candidates = [local - offsetBefore, local - offsetAfter].filter(
    (instant) => offsetAt(instant, zone) === local - instant,
  );
  return candidates.length > 0 ? Math.min(...candidates) : local - offsetBefore;
}

/** Raw (standard) offset: the smaller of the year's January and July offsets (larger south of the equator). */
export function rawOffsetAt(millis: number, zone: string): number {
  const year = new Date(millis).getUTCFullYear();
  return Math.min(offsetAt(Date.UTC(year, 0, 1), zone), offsetAt(Date.UTC(year, 6, 1), zone));
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}
