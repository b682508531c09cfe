/** Attribute-name checks shared by queries and sort strings. */
import { type AttributeReference, type QueryNode } from './ast';
import { type SourceLabel, UnknownAttributeError } from './errors';

/** Tells whether an attribute path (`status`, `custom.x`) exists and may be queried. */
export type AttributeFilter = (attributePath: string) => boolean;

const CUSTOM_PREFIX = 'custom.';

/** Unique attribute references in order of first appearance. */
export function collectAttributes(node: QueryNode | null, into: AttributeReference[] = []): AttributeReference[] {
  if (node === null) return into;
  switch (node.kind) {
    case 'condition':
      if (!into.some((reference) => reference.path === node.attribute.path)) into.push(node.attribute);
      return into;
    case 'not':
      return collectAttributes(node.operand, into);
    default:
      collectAttributes(node.left, into);
      return collectAttributes(node.right, into);
  }
}

function prefixHint(path: string, isKnownAttribute: AttributeFilter): string {
  if (path.startsWith(CUSTOM_PREFIX)) {
    const systemName = path.slice(CUSTOM_PREFIX.length);
    return isKnownAttribute(systemName) ? ` (system attributes take no prefix: '${systemName}')` : '';
  }
  const customName = CUSTOM_PREFIX + path;
  return isKnownAttribute(customName) ? ` (custom attributes need the prefix: '${customName}')` : '';
}

export function assertKnownAttributes(
  references: readonly AttributeReference[],
  source: string,
  isKnownAttribute: AttributeFilter | undefined,
  label: SourceLabel,
): void {
  if (!isKnownAttribute) return;
  for (const { path, position } of references) {
    if (!isKnownAttribute(path)) {
      throw new UnknownAttributeError(path, source, position, prefixHint(path, isKnownAttribute), label);
    }
  }
}
