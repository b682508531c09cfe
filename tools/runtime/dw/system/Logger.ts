/**
 * dw.system.Logger / dw.system.Log: messages are captured per file prefix and category. The
 * platform's prefix rule (3–25 of [A-Za-z0-9_-], alphanumeric at both ends) and its limit of 200
 * custom prefixes per day are enforced, because breaking them throws on the real platform.
 */
import type { LogLevel, RuntimeContext } from '../context';
import { formatMessage } from './messageFormat';

const PREFIX_RULE = /^[A-Za-z0-9](?:[A-Za-z0-9_-]{1,23})[A-Za-z0-9]$/;
const MAX_PREFIXES = 200;

export function createLoggerModule(ctx: RuntimeContext): unknown {
  const prefixes = new Set<string>();

  class Log {
    constructor(
      private readonly prefix: string,
      private readonly category: string,
    ) {}

    private write(level: LogLevel, message: unknown, args: unknown[]): void {
      ctx.log({
        time: ctx.now().toISOString(),
        prefix: this.prefix,
        category: this.category,
        level,
        message: formatMessage(message, args),
      });
    }

    debug(message: unknown, ...args: unknown[]): void {
      this.write('debug', message, args);
    }
    info(message: unknown, ...args: unknown[]): void {
      this.write('info', message, args);
    }
    warn(message: unknown, ...args: unknown[]): void {
      this.write('warn', message, args);
    }
    error(message: unknown, ...args: unknown[]): void {
      this.write('error', message, args);
    }
    fatal(message: unknown, ...args: unknown[]): void {
      this.write('fatal', message, args);
    }
    isDebugEnabled(): boolean {
      return true;
    }
    isInfoEnabled(): boolean {
      return true;
    }
    isWarnEnabled(): boolean {
      return true;
    }
    isErrorEnabled(): boolean {
      return true;
    }
    getNDC(): null {
      return null;
    }
  }

  const root = new Log('', '');

  function getLogger(prefixOrCategory: string, category?: string): Log {
    if (category === undefined) return new Log('', String(prefixOrCategory));
    const prefix = String(prefixOrCategory);
    if (!PREFIX_RULE.test(prefix)) {
      throw new Error(
        `Logger.getLogger: invalid file prefix '${prefix}' (3 to 25 of A-Z a-z 0-9 _ -, starting and ending with a letter or digit)`,
      );
    }
    prefixes.add(prefix);
    if (prefixes.size > MAX_PREFIXES) {
      throw new Error(`Logger.getLogger: more than ${MAX_PREFIXES} custom log prefixes in one day`);
    }
    return new Log(prefix, String(category));
  }

  return {
    getLogger,
    getRootLogger: () => root,
    debug: (message: unknown, ...args: unknown[]) => root.debug(message, ...args),
    info: (message: unknown, ...args: unknown[]) => root.info(message, ...args),
    warn: (message: unknown, ...args: unknown[]) => root.warn(message, ...args),
    error: (message: unknown, ...args: unknown[]) => root.error(message, ...args),
    isDebugEnabled: () => true,
    isInfoEnabled: () => true,
    isWarnEnabled: () => true,
    isErrorEnabled: () => true,
  };
}
