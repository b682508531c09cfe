/**
 * `{0}`-style placeholders for dw.system.Log and dw.system.Status: java.text.MessageFormat (the
 * one implementation in util/messageFormat.ts), applied only when there are arguments, so a
 * message passed alone keeps its apostrophes and braces.
 */
import { formatMessage as javaMessageFormat } from '../util/messageFormat';

export function formatMessage(pattern: unknown, args: unknown[]): string {
  const text = String(pattern);
  return args.length === 0 ? text : javaMessageFormat(text, args, undefined);
}
