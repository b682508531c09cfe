/**
 * Reading values the way the engine hands them over: an exception's message, and the text of an
 * enum attribute (a dw.value.EnumValue, whose value is null when the attribute is empty).
 */

/** The message of a thrown value (Error or Java exception), or its text. */
export function errorMessage(e: unknown): string {
  return e && (e as Error).message ? (e as Error).message : String(e);
}

/** The text of an enum attribute's value ("ToCapture"), or null when it is empty. */
export function enumText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const inner = (value as { value?: unknown }).value;
  const text = inner !== undefined && inner !== null ? String(inner) : typeof value === 'object' ? '' : String(value);
  return text === '' ? null : text;
}
