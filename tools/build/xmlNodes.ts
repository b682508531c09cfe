/** Reading fast-xml-parser output (attributes prefixed with @, text as #text) without casts everywhere. */

export type XmlNode = Record<string, unknown>;

/** The child elements named `name` (the parser must list `name` in its isArray set). */
export function children(node: unknown, name: string): XmlNode[] {
  if (!node || typeof node !== 'object') return [];
  const value = (node as XmlNode)[name];
  return Array.isArray(value) ? (value as XmlNode[]) : [];
}

/** An element's text, whether the parser gave a string or an object with attributes. */
export function text(node: unknown): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'object') return String((node as XmlNode)['#text'] ?? '');
  return String(node);
}
