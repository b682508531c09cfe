import { localeTag } from '../value/localeTag';
import { JavaException } from './JavaException';
import { instantOf, offsetAt, wallAsUtc, wallTimeAt, type WallTime } from './zonedTime';

/** A pattern piece: a run of one pattern letter, or literal text. */
type Token = { kind: 'field'; letter: string; width: number } | { kind: 'literal'; text: string };

const tokenCache = new Map<string, Token[]>();

/** Splits a java.text.SimpleDateFormat pattern; quoted text is literal and `''` is a quote. */
export function tokenizePattern(pattern: string): Token[] {
  const cached = tokenCache.get(pattern);
  if (cached) return cached;
  const tokens: Token[] = [];
  let index = 0;
  while (index < pattern.length) {
    const char = pattern[index];
    if (char === "'") {
      if (pattern[index + 1] === "'") {
        tokens.push({ kind: 'literal', text: "'" });
        index += 2;
        continue;
      }
      let text = '';
      index++;
      while (index < pattern.length) {
        if (pattern[index] === "'" && pattern[index + 1] === "'") {
          text += "'";
          index += 2;
        } else if (pattern[index] === "'") {
          index++;
          break;
        } else {
          text += pattern[index++];
        }
      }
      tokens.push({ kind: 'literal', text });
    } else if (/[A-Za-z]/.test(char)) {
      let width = 1;
      while (pattern[index + width] === char) width++;
      if (!/[GyYMLwWDdFEuaHkKhmsSzZX]/.test(char)) {
        throw new JavaException('java.lang.IllegalArgumentException', `Illegal pattern character '${char}'`);
      }
      tokens.push({ kind: 'field', letter: char, width });
      index += width;
    } else {
      tokens.push({ kind: 'literal', text: char });
      index++;
    }
  }
  tokenCache.set(pattern, tokens);
  return tokens;
}

interface LocaleNames {
  months: string[];
  shortMonths: string[];
  weekdays: string[];
  shortWeekdays: string[];
  amPm: [string, string];
}

const namesCache = new Map<string, LocaleNames>();

function namesFor(locale: string | undefined): LocaleNames {
  const tag = localeTag(locale);
  let names = namesCache.get(tag);
  if (!names) {
    const pick = (options: Intl.DateTimeFormatOptions, dates: Date[]) =>
      dates.map((date) => new Intl.DateTimeFormat(tag, { ...options, timeZone: 'UTC' }).format(date));
    const monthDates = Array.from({ length: 12 }, (_, month) => new Date(Date.UTC(2021, month, 1)));
    // 2021-01-03 was a Sunday.
    const weekDates = Array.from({ length: 7 }, (_, day) => new Date(Date.UTC(2021, 0, 3 + day)));
    const dayPeriod = (hour: number) =>
      new Intl.DateTimeFormat(tag, { hour: 'numeric', hour12: true, timeZone: 'UTC' })
        .formatToParts(new Date(Date.UTC(2021, 0, 1, hour)))
        .find((part) => part.type === 'dayPeriod')?.value ?? (hour < 12 ? 'AM' : 'PM');
    names = {
      months: pick({ month: 'long' }, monthDates),
      shortMonths: pick({ month: 'short' }, monthDates),
      weekdays: pick({ weekday: 'long' }, weekDates),
      shortWeekdays: pick({ weekday: 'short' }, weekDates),
      amPm: [dayPeriod(9), dayPeriod(15)],
    };
    namesCache.set(tag, names);
  }
  return names;
}

const pad = (value: number, width: number): string =>
  `${value < 0 ? '-' : ''}${String(Math.abs(value)).padStart(width, '0')}`;

function formatOffset(offsetMillis: number, style: 'Z' | 'X', width: number): string {
  if (style === 'X' && offsetMillis === 0) return 'Z';
  const sign = offsetMillis < 0 ? '-' : '+';
  const minutes = Math.abs(Math.round(offsetMillis / 60_000));
  const hh = pad(Math.floor(minutes / 60), 2);
  const mm = pad(minutes % 60, 2);
  if (style === 'Z') return `${sign}${hh}${mm}`;
  if (width === 1) return `${sign}${hh}${minutes % 60 === 0 ? '' : mm}`;
  return width === 2 ? `${sign}${hh}${mm}` : `${sign}${hh}:${mm}`;
}

function zoneName(millis: number, zone: string, long: boolean, locale: string | undefined): string {
  if (/^(Etc\/)?(GMT|UTC|UCT|Zulu|Universal)$/.test(zone) && offsetAt(millis, zone) === 0) {
    return long ? 'Greenwich Mean Time' : zone.replace(/^Etc\//, '').replace(/^(UCT|Zulu|Universal)$/, 'UTC');
  }
  const part = new Intl.DateTimeFormat(localeTag(locale), { timeZone: zone, timeZoneName: long ? 'long' : 'short' })
    .formatToParts(new Date(millis))
    .find((each) => each.type === 'timeZoneName');
  return part?.value ?? zone;
}

function dayOfYear(wall: WallTime): number {
  return Math.round((Date.UTC(wall.year, wall.month, wall.day) - Date.UTC(wall.year, 0, 1)) / 86_400_000) + 1;
}

/** Formats the instant in `zone` like java.text.SimpleDateFormat with the locale's names. */
export function formatSimpleDate(millis: number, pattern: string, zone: string, locale: string | undefined): string {
  const wall = wallTimeAt(millis, zone);
  const names = namesFor(locale);
  const dayIndex = new Date(wallAsUtc(wall)).getUTCDay();
  return tokenizePattern(pattern)
    .map((token) => {
      if (token.kind === 'literal') return token.text;
      const { letter, width } = token;
      switch (letter) {
        case 'G':
          return wall.year > 0 ? 'AD' : 'BC';
        case 'y':
        case 'Y': {
          const year = wall.year > 0 ? wall.year : 1 - wall.year;
          return width === 2 ? pad(year % 100, 2) : pad(year, width);
        }
        case 'M':
        case 'L':
          if (width >= 4) return names.months[wall.month];
          if (width === 3) return names.shortMonths[wall.month];
          return pad(wall.month + 1, width);
        case 'd':
          return pad(wall.day, width);
        case 'D':
          return pad(dayOfYear(wall), width);
        case 'F':
          return pad(Math.floor((wall.day - 1) / 7) + 1, width);
        case 'E':
          return width >= 4 ? names.weekdays[dayIndex] : names.shortWeekdays[dayIndex];
        case 'u':
          return pad(dayIndex === 0 ? 7 : dayIndex, width);
        case 'a':
          return names.amPm[wall.hour < 12 ? 0 : 1];
        case 'H':
          return pad(wall.hour, width);
        case 'k':
          return pad(wall.hour === 0 ? 24 : wall.hour, width);
        case 'K':
          return pad(wall.hour % 12, width);
        case 'h':
          return pad(wall.hour % 12 === 0 ? 12 : wall.hour % 12, width);
        case 'm':
          return pad(wall.minute, width);
        case 's':
          return pad(wall.second, width);
        case 'S':
          return pad(wall.millisecond, width);
        case 'z':
          return zoneName(millis, zone, width >= 4, locale);
        case 'Z':
          return formatOffset(offsetAt(millis, zone), 'Z', width);
        case 'X':
          return formatOffset(offsetAt(millis, zone), 'X', width);
        case 'w':
        case 'W':
          return pad(weekNumber(wall, letter), width);
        default:
          throw new JavaException('java.lang.IllegalArgumentException', `Illegal pattern character '${letter}'`);
      }
    })
    .join('');
}

/** ISO-style week numbers with Sunday start and 1 minimal day (the US rule, Java's default locale). */
function weekNumber(wall: WallTime, letter: 'w' | 'W'): number {
  const firstDay = letter === 'w' ? new Date(Date.UTC(wall.year, 0, 1)) : new Date(Date.UTC(wall.year, wall.month, 1));
  const day = letter === 'w' ? dayOfYear(wall) : wall.day;
  return Math.floor((day - 1 + firstDay.getUTCDay()) / 7) + 1;
}

const parseError = (text: string): JavaException =>
  new JavaException('java.text.ParseException', `Unparseable date: "${text}"`);

/**
 * Parses like a lenient java.text.SimpleDateFormat: numbers, month and weekday names, AM/PM,
 * offsets (`Z`, `X`, `GMT+01:00`). Without an offset in the text the wall time is read in `zone`.
 */
export function parseSimpleDate(text: string, pattern: string, zone: string, locale: string | undefined): number {
  const tokens = tokenizePattern(pattern);
  const names = namesFor(locale);
  const wall: WallTime = { year: 1970, month: 0, day: 1, hour: 0, minute: 0, second: 0, millisecond: 0 };
  let offset: number | undefined;
  let pm: boolean | undefined;
  let hour12: number | undefined;
  let position = 0;

  const matchName = (candidates: string[]): number => {
    const rest = text.slice(position).toLowerCase();
    let best = -1;
    candidates.forEach((name, index) => {
      if (rest.startsWith(name.toLowerCase()) && (best < 0 || name.length > candidates[best].length)) best = index;
    });
    if (best < 0) throw parseError(text);
    position += candidates[best].length;
    return best;
  };

  tokens.forEach((token, index) => {
    if (token.kind === 'literal') {
      if (text.startsWith(token.text, position)) position += token.text.length;
      else throw parseError(text);
      return;
    }
    const next = tokens[index + 1];
    const adjacentNumber = next?.kind === 'field' && /[yMdHhkKmsSDFwWu]/.test(next.letter) && next.width < 3;
    const readNumber = (): number => {
      const sign = text[position] === '-' || text[position] === '+' ? text[position] : '';
      const digitsPattern = adjacentNumber ? new RegExp(`^\\d{1,${token.width}}`) : /^\d+/;
      const match = digitsPattern.exec(text.slice(position + sign.length));
      if (!match) throw parseError(text);
      position += sign.length + match[0].length;
      return Number(`${sign}${match[0]}`);
    };
    switch (token.letter) {
      case 'y':
      case 'Y': {
        const start = position;
        const year = readNumber();
        wall.year = token.width <= 2 && position - start === 2 ? twoDigitYear(year) : year;
        return;
      }
      case 'M':
      case 'L':
        wall.month =
          token.width >= 3 ? matchName(token.width >= 4 ? names.months : names.shortMonths) : readNumber() - 1;
        return;
      case 'd':
        wall.day = readNumber();
        return;
      case 'D':
        wall.month = 0;
        wall.day = readNumber();
        return;
      case 'E':
        matchName(token.width >= 4 ? names.weekdays : names.shortWeekdays);
        return;
      case 'a':
        pm = matchName(names.amPm) === 1;
        return;
      case 'H':
        wall.hour = readNumber();
        return;
      case 'k':
        wall.hour = readNumber() % 24;
        return;
      case 'h':
      case 'K':
        hour12 = readNumber() % 12;
        return;
      case 'm':
        wall.minute = readNumber();
        return;
      case 's':
        wall.second = readNumber();
        return;
      case 'S':
        wall.millisecond = readNumber();
        return;
      case 'Z':
      case 'X':
      case 'z': {
        const match = /^(?:Z|(?:GMT|UTC)?([+-])(\d{1,2}):?(\d{2})?|GMT|UTC)/.exec(text.slice(position));
        if (!match) throw parseError(text);
        position += match[0].length;
        offset = match[1] ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0)) * 60_000 : 0;
        return;
      }
      default:
        readNumber();
    }
  });
  if (hour12 !== undefined) wall.hour = hour12 + (pm ? 12 : 0);
  else if (pm !== undefined && pm && wall.hour < 12) wall.hour += 12;
  return offset === undefined ? instantOf(wall, zone) : wallAsUtc(wall) - offset;
}

/** Java's two-digit year window: within 80 years before and 20 years after today. */
function twoDigitYear(twoDigits: number): number {
  const now = new Date().getUTCFullYear();
  const start = now - 80;
  let year = Math.floor(start / 100) * 100 + twoDigits;
  if (year < start) year += 100;
  return year;
}
