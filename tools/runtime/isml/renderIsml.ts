/**
 * The part of ISML the cartridge's templates use, rendered as the platform does for
 * `dw.util.Template` (e-mails): text with `${expression}` (HTML-encoded), `<isprint value encoding>`,
 * `<isif condition>` / `<iselseif>` / `<iselse>`, `<isloop items var|alias status>`,
 * `<isset name value>`, `<iscomment>` and `<iscontent type charset>`. Any other `<is…>` tag is an
 * error naming it: a template that needs more must not render silently wrong.
 *
 * Expressions are JavaScript evaluated against the render scope (`param`, `pdict`, `Resource`,
 * `StringUtils`, loop and isset variables). A null or undefined value prints as nothing.
 */

export interface IsmlScope {
  [name: string]: unknown;
}

export interface RenderedIsml {
  text: string;
  /** From `<iscontent type charset>`; text/html by default, as for ISML. */
  mimeType: string;
  encoding: string;
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'expr'; expr: string }
  | { kind: 'print'; expr: string; encode: boolean }
  | { kind: 'if'; branches: Array<{ condition: string | null; body: Node[] }> }
  | { kind: 'loop'; items: string; variable: string | null; status: string | null; body: Node[] }
  | { kind: 'set'; name: string; expr: string }
  | { kind: 'content'; type: string | null; charset: string | null };

const SUPPORTED = ['isprint', 'isif', 'iselseif', 'iselse', 'isloop', 'isset', 'iscomment', 'iscontent'];

export class IsmlError extends Error {}

function attributesOf(source: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  const pattern = /([a-zA-Z_-]+)\s*=\s*"((?:\$\{[^}]*\}|[^"])*)"/g;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(source))) attributes[match[1].toLowerCase()] = match[2];
  return attributes;
}

/** `${expr}` → expr; a value without ${} is a string literal (isset value="x"). */
function expressionOf(value: string | undefined, what: string, template: string): string {
  if (value === undefined) throw new IsmlError(`${template}: ${what} is missing`);
  const match = /^\s*\$\{([\s\S]*)\}\s*$/.exec(value);
  return match ? match[1] : JSON.stringify(value);
}

/** Splits text on ${…} (braces inside string literals of the expression are allowed). */
function textNodes(text: string, out: Node[]): void {
  let rest = text;
  for (;;) {
    const start = rest.indexOf('${');
    if (start < 0) break;
    let depth = 0;
    let end = -1;
    let quote: string | null = null;
    for (let i = start + 2; i < rest.length; i++) {
      const c = rest[i];
      if (quote) {
        if (c === '\\') i++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '{') depth++;
      else if (c === '}') {
        if (depth === 0) {
          end = i;
          break;
        }
        depth--;
      }
    }
    if (end < 0) break;
    if (start > 0) out.push({ kind: 'text', text: rest.slice(0, start) });
    out.push({ kind: 'expr', expr: rest.slice(start + 2, end) });
    rest = rest.slice(end + 1);
  }
  if (rest) out.push({ kind: 'text', text: rest });
}

export function parseIsml(source: string, template: string): Node[] {
  const withoutComments = source.replace(/<iscomment>[\s\S]*?<\/iscomment>/gi, '');
  const tag = /<(\/?)(is[a-z]+)((?:"(?:\$\{[^}]*\}|[^"])*"|[^>"])*?)\/?>/gi;
  const root: Node[] = [];
  // The open containers: the list being filled, and the node that owns it.
  const stack: Array<{ name: string; node: Node | null; body: Node[] }> = [{ name: '', node: null, body: root }];
  let last = 0;
  let match: RegExpExecArray | null;
  while ((match = tag.exec(withoutComments))) {
    textNodes(withoutComments.slice(last, match.index), stack[stack.length - 1].body);
    last = tag.lastIndex;
    const closing = match[1] === '/';
    const name = match[2].toLowerCase();
    if (!SUPPORTED.includes(name)) {
      throw new IsmlError(`${template}: <${name}> is not supported by the local runtime's ISML renderer`);
    }
    const attributes = attributesOf(match[3]);
    const top = stack[stack.length - 1];
    if (closing) {
      if (name !== 'isif' && name !== 'isloop') continue;
      if (top.name !== name) throw new IsmlError(`${template}: </${name}> closes <${top.name || 'nothing'}>`);
      stack.pop();
      continue;
    }
    switch (name) {
      case 'isprint': {
        const encoding = (attributes.encoding ?? 'on').toLowerCase();
        top.body.push({
          kind: 'print',
          expr: expressionOf(attributes.value, 'isprint value', template),
          encode: encoding !== 'off',
        });
        break;
      }
      case 'isif': {
        const node: Node = {
          kind: 'if',
          branches: [{ condition: expressionOf(attributes.condition, 'isif condition', template), body: [] }],
        };
        top.body.push(node);
        stack.push({ name: 'isif', node, body: node.branches[0].body });
        break;
      }
      case 'iselseif':
      case 'iselse': {
        if (top.name !== 'isif' || !top.node || top.node.kind !== 'if')
          throw new IsmlError(`${template}: <${name}> outside <isif>`);
        const branch = {
          condition: name === 'iselse' ? null : expressionOf(attributes.condition, 'iselseif condition', template),
          body: [] as Node[],
        };
        top.node.branches.push(branch);
        top.body = branch.body;
        break;
      }
      case 'isloop': {
        const node: Node = {
          kind: 'loop',
          items: expressionOf(attributes.items ?? attributes.iterator, 'isloop items', template),
          variable: attributes.var ?? attributes.alias ?? null,
          status: attributes.status ?? null,
          body: [],
        };
        top.body.push(node);
        stack.push({ name: 'isloop', node, body: node.body });
        break;
      }
      case 'isset':
        if (!attributes.name) throw new IsmlError(`${template}: isset name is missing`);
        top.body.push({
          kind: 'set',
          name: attributes.name,
          expr: expressionOf(attributes.value, 'isset value', template),
        });
        break;
      case 'iscontent':
        top.body.push({ kind: 'content', type: attributes.type ?? null, charset: attributes.charset ?? null });
        break;
      default:
        break;
    }
  }
  textNodes(withoutComments.slice(last), stack[stack.length - 1].body);
  if (stack.length > 1) throw new IsmlError(`${template}: <${stack[stack.length - 1].name}> is not closed`);
  return root;
}

const HTML_ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function encodeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]);
}

function evaluate(expr: string, scope: IsmlScope, template: string): unknown {
  try {
    return new Function('__scope', `with (__scope) { return (${expr}); }`)(scope);
  } catch (error) {
    throw new IsmlError(`${template}: \${${expr}} failed: ${(error as Error).message}`);
  }
}

function printable(value: unknown): string {
  return value === null || value === undefined ? '' : String(value);
}

/** The items of a JS array, a dw.util.Collection or a dw.util.Iterator. */
function itemsOf(value: unknown, template: string): unknown[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value;
  const candidate = value as { toArray?: () => unknown[]; hasNext?: () => boolean; next?: () => unknown };
  if (typeof candidate.toArray === 'function') return candidate.toArray();
  if (typeof candidate.hasNext === 'function' && typeof candidate.next === 'function') {
    const items: unknown[] = [];
    while (candidate.hasNext()) items.push(candidate.next());
    return items;
  }
  throw new IsmlError(`${template}: isloop items is not a collection, an iterator or an array`);
}

function renderNodes(nodes: Node[], scope: IsmlScope, out: RenderedIsml, template: string): void {
  for (const node of nodes) {
    switch (node.kind) {
      case 'text':
        out.text += node.text;
        break;
      case 'expr':
        out.text += encodeHtml(printable(evaluate(node.expr, scope, template)));
        break;
      case 'print': {
        const text = printable(evaluate(node.expr, scope, template));
        out.text += node.encode ? encodeHtml(text) : text;
        break;
      }
      case 'if': {
        const branch = node.branches.find((b) => b.condition === null || evaluate(b.condition, scope, template));
        if (branch) renderNodes(branch.body, scope, out, template);
        break;
      }
      case 'loop': {
        const items = itemsOf(evaluate(node.items, scope, template), template);
        items.forEach((item, index) => {
          const inner: IsmlScope = Object.create(scope) as IsmlScope;
          if (node.variable) inner[node.variable] = item;
          if (node.status) {
            inner[node.status] = {
              index,
              count: index + 1,
              first: index === 0,
              last: index === items.length - 1,
              odd: index % 2 === 0,
              even: index % 2 === 1,
            };
          }
          renderNodes(node.body, inner, out, template);
        });
        break;
      }
      case 'set':
        scope[node.name] = evaluate(node.expr, scope, template);
        break;
      case 'content':
        if (node.type) out.mimeType = node.type + (node.charset ? `;charset=${node.charset}` : '');
        if (node.charset) out.encoding = node.charset;
        break;
    }
  }
}

export function renderIsml(source: string, scope: IsmlScope, template: string): RenderedIsml {
  const out: RenderedIsml = { text: '', mimeType: 'text/html;charset=UTF-8', encoding: 'UTF-8' };
  renderNodes(parseIsml(source, template), scope, out, template);
  return out;
}
