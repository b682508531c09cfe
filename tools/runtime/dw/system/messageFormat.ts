/** `{0}`-style placeholders, as dw.system.Log and dw.system.Status use them (java.text.MessageFormat, simplified). */
export function formatMessage(pattern: unknown, args: unknown[]): string {
  const text = pattern === null || pattern === undefined ? String(pattern) : String(pattern);
  if (args.length === 0) return text;
  return text.replace(/\{(\d+)\}/g, (match, index: string) => {
    const i = Number(index);
    return i < args.length ? String(args[i]) : match;
  });
}
