import { type RuntimeContext } from '../context';
import { decodeBytes, encodeString } from './charsets';
import { Collection } from './Collection';
import { formatDecimalPattern, formatDefaultInteger, formatDefaultNumber } from './decimalFormat';
import { decodeEntities, stringToHtml, stringToWml, stringToXml } from './htmlEntities';
import { illegalArgument } from './JavaException';
import { localePatterns } from './localePatterns';
import { formatMessage } from './messageFormat';
import { perContext } from './perContext';
import { formatSimpleDate } from './simpleDateFormat';

interface CalendarLike {
  getTime(): Date;
  getTimeZone(): string;
}
interface MoneyLike {
  toFormattedString(): string;
}

const ENCODE_TYPE_HTML = 0;
const ENCODE_TYPE_XML = 1;
const ENCODE_TYPE_WML = 2;
const SENTENCE_END = /[.!?]/;

function createStringUtils(ctx: RuntimeContext) {
  const locale = (): string => ctx.locale;
  const formatCalendarWith = (calendar: CalendarLike, pattern: string, inLocale = locale()): string =>
    formatSimpleDate(calendar.getTime().getTime(), pattern, calendar.getTimeZone(), inLocale);

  /** `dw.util.StringUtils`; number and date formats follow the run's request locale. */
  class StringUtils {
    static readonly ENCODE_TYPE_HTML = ENCODE_TYPE_HTML;
    static readonly ENCODE_TYPE_XML = ENCODE_TYPE_XML;
    static readonly ENCODE_TYPE_WML = ENCODE_TYPE_WML;
    static readonly TRUNCATE_CHAR = 'char';
    static readonly TRUNCATE_WORD = 'word';
    static readonly TRUNCATE_SENTENCE = 'sentence';

    private constructor() {}

    /** Java MessageFormat; a single Collection argument supplies the arguments. */
    static format(format: string, ...args: unknown[]): string {
      const values = args.length === 1 && args[0] instanceof Collection ? args[0].toArray() : args;
      return formatMessage(String(format), values, locale());
    }

    static formatCalendar(calendar: CalendarLike, formatOrLocale?: string, pattern?: number): string {
      if (pattern !== undefined)
        return formatCalendarWith(calendar, localePatterns(formatOrLocale)(pattern), formatOrLocale);
      if (formatOrLocale === undefined) return formatCalendarWith(calendar, localePatterns(locale())(5));
      return formatCalendarWith(calendar, String(formatOrLocale));
    }

    /** Deprecated on the platform; the date is read in GMT. */
    static formatDate(date: Date, format?: string, inLocale?: string): string {
      const pattern = format ?? localePatterns(locale())(0);
      return formatSimpleDate(date.getTime(), pattern, 'GMT', inLocale ?? locale());
    }

    static formatNumber(number: number, format?: string, inLocale?: string): string {
      if (format === undefined || format === null) return formatDefaultNumber(Number(number), locale());
      return formatDecimalPattern(Number(number), String(format), inLocale ?? locale());
    }

    static formatInteger(number: number): string {
      return formatDefaultInteger(Number(number), locale());
    }

    static formatMoney(money: MoneyLike): string {
      try {
        return money.toFormattedString();
      } catch {
        return 'N/A';
      }
    }

    static encodeBase64(text: string, characterEncoding?: string): string {
      return Buffer.from(encodeString(String(text), characterEncoding ?? 'UTF-8')).toString('base64');
    }

    static decodeBase64(base64: string, characterEncoding?: string): string {
      return decodeBytes(Buffer.from(String(base64), 'base64'), characterEncoding ?? 'UTF-8');
    }

    static encodeString(text: string, type: number): string {
      if (type === ENCODE_TYPE_HTML) return stringToHtml(String(text));
      if (type === ENCODE_TYPE_XML) return stringToXml(String(text));
      if (type === ENCODE_TYPE_WML) return stringToWml(String(text));
      throw illegalArgument(`unknown encode type ${type}`);
    }

    static decodeString(text: string, type: number): string {
      const decoded = decodeEntities(String(text));
      return type === ENCODE_TYPE_WML ? decoded.replace(/\$\$/g, '$') : decoded;
    }

    static stringToHtml(text: string): string {
      return stringToHtml(String(text));
    }

    static stringToXml(text: string): string {
      return stringToXml(String(text));
    }

    static stringToWml(text: string): string {
      return stringToWml(String(text));
    }

    /** All but the last `suffixLength` characters replaced, e.g. card numbers. */
    static garble(text: string, replaceChar: string, suffixLength: number): string {
      const value = String(text);
      const keep = Math.max(0, Math.min(value.length, Math.trunc(suffixLength)));
      return (
        String(replaceChar)
          .charAt(0)
          .repeat(value.length - keep) + value.slice(value.length - keep)
      );
    }

    /** Positive width: left-aligned (padded on the right); negative: right-aligned; 0: unchanged. */
    static pad(text: string, width: number): string {
      const value = String(text);
      const size = Math.abs(Math.trunc(width));
      return width > 0 ? value.padEnd(size) : width < 0 ? value.padStart(size) : value;
    }

    /** Like Java's String.trim: removes control characters and spaces (≤ U+0020) at both ends. */
    static trim(text: string): string {
      const value = String(text);
      let start = 0;
      let end = value.length;
      while (start < end && value.charCodeAt(start) <= 0x20) start++;
      while (end > start && value.charCodeAt(end - 1) <= 0x20) end--;
      return value.slice(start, end);
    }

    static ltrim(text: string): string {
      return String(text).replace(/^\s+/, '');
    }

    static rtrim(text: string): string {
      return String(text).replace(/\s+$/, '');
    }

    static truncate(text: string, maxLength: number, mode?: string | null, suffix?: string | null): string {
      const value = String(text);
      if (value.length <= maxLength) return value;
      const cut = value.slice(0, Math.max(0, maxLength));
      let truncated = cut;
      if (mode === StringUtils.TRUNCATE_WORD) {
        const boundary = /\s/.test(value.charAt(maxLength)) ? cut.length : cut.search(/\s\S*$/);
        truncated = boundary > 0 ? cut.slice(0, boundary) : cut;
      } else if (mode === StringUtils.TRUNCATE_SENTENCE) {
        let boundary = -1;
        for (let index = cut.length - 1; index >= 0; index--) {
          if (SENTENCE_END.test(cut[index])) {
            boundary = index + 1;
            break;
          }
        }
        truncated = boundary > 0 ? cut.slice(0, boundary) : cut;
      }
      return `${truncated.replace(/\s+$/, '')}${suffix ?? ''}`;
    }
  }
  return StringUtils;
}

export type StringUtilsClass = ReturnType<typeof createStringUtils>;

/** The run's `dw.util.StringUtils`. */
export const stringUtilsFor = perContext(createStringUtils);
