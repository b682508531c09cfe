/**
 * Rules for the JavaScript we ship to the B2C Commerce engine (Rhino): ES5 syntax only, and no
 * use of what the engine lacks (Promise, timers, Node globals and built-ins, tslib).
 */
import fs from 'node:fs';
import path from 'node:path';
import { builtinModules } from 'node:module';
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';

export interface CodeViolation {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Globals that do not exist on the platform (no event loop, no Node, no Promise). */
const FORBIDDEN_GLOBALS: { [name: string]: string } = {
  Promise: 'Promise does not exist on the B2C Commerce engine',
  setTimeout: 'timers do not exist on the B2C Commerce engine (no event loop)',
  setInterval: 'timers do not exist on the B2C Commerce engine (no event loop)',
  setImmediate: 'timers do not exist on the B2C Commerce engine (no event loop)',
  clearTimeout: 'timers do not exist on the B2C Commerce engine (no event loop)',
  clearInterval: 'timers do not exist on the B2C Commerce engine (no event loop)',
  queueMicrotask: 'there is no microtask queue on the B2C Commerce engine',
  process: 'process is a Node global; it does not exist on the B2C Commerce engine',
  Buffer: 'Buffer is a Node global; use dw.util.Bytes / dw.crypto.Encoding',
  async: 'async functions need Promise, which the engine lacks',
  await: 'await needs Promise, which the engine lacks',
  fetch: 'fetch does not exist on the engine; use dw.svc services',
};

const NODE_BUILTINS = new Set(builtinModules.flatMap((name) => [name, 'node:' + name]));

function isNodeBuiltin(specifier: string): boolean {
  return NODE_BUILTINS.has(specifier) || NODE_BUILTINS.has(specifier.split('/')[0]);
}

/** Names declared anywhere in the file (var/function/params), which shadow globals. */
function declaredNames(ast: acorn.Node): Set<string> {
  const names = new Set<string>();
  const addPattern = (pattern: acorn.Node | null | undefined): void => {
    if (pattern && pattern.type === 'Identifier') names.add((pattern as acorn.Identifier).name);
  };
  walk.full(ast, (node) => {
    if (node.type === 'VariableDeclarator') addPattern((node as acorn.VariableDeclarator).id);
    if (node.type === 'FunctionDeclaration' || node.type === 'FunctionExpression') {
      const fn = node as acorn.FunctionDeclaration;
      addPattern(fn.id);
      fn.params.forEach(addPattern);
    }
  });
  return names;
}

export function checkSource(source: string, file: string): CodeViolation[] {
  let ast: acorn.Node;
  try {
    ast = acorn.parse(source, { ecmaVersion: 5, sourceType: 'script', locations: true });
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number; column: number } };
    return [
      {
        file,
        line: err.loc ? err.loc.line : 0,
        column: err.loc ? err.loc.column : 0,
        message: 'not ES5: ' + err.message,
      },
    ];
  }
  const violations: CodeViolation[] = [];
  const declared = declaredNames(ast);
  const report = (node: acorn.Node, message: string): void => {
    violations.push({ file, line: node.loc!.start.line, column: node.loc!.start.column, message });
  };
  walk.ancestor(ast, {
    Identifier(node, _state, ancestors) {
      const name = (node as acorn.Identifier).name;
      if (!Object.prototype.hasOwnProperty.call(FORBIDDEN_GLOBALS, name) || declared.has(name)) return;
      const parent = ancestors[ancestors.length - 2] as acorn.Node | undefined;
      // `x.process` or `{ process: 1 }` is a property name, not the global.
      if (parent && parent.type === 'MemberExpression') {
        const member = parent as acorn.MemberExpression;
        if (member.property === node && !member.computed) return;
      }
      if (parent && parent.type === 'Property' && (parent as acorn.Property).key === node) return;
      report(node, `uses ${name}: ${FORBIDDEN_GLOBALS[name]}`);
    },
    CallExpression(node) {
      const call = node as acorn.CallExpression;
      if (call.callee.type !== 'Identifier' || (call.callee as acorn.Identifier).name !== 'require') return;
      const arg = call.arguments[0];
      if (!arg || arg.type !== 'Literal' || typeof (arg as acorn.Literal).value !== 'string') {
        report(call, 'require() must take a string literal so the engine and our checks can resolve it');
        return;
      }
      const specifier = (arg as acorn.Literal).value as string;
      if (specifier === 'tslib' || specifier.startsWith('tslib/')) {
        report(call, 'requires tslib, which is not on the engine (importHelpers must stay off)');
      } else if (isNodeBuiltin(specifier)) {
        report(call, `requires the Node built-in "${specifier}", which the engine does not have`);
      }
    },
  });
  return violations;
}

export function listJsFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listJsFiles(full));
    else if (entry.name.endsWith('.js')) found.push(full);
  }
  return found.sort();
}

export function checkShippedCode(dir: string): CodeViolation[] {
  return listJsFiles(dir).flatMap((file) => checkSource(fs.readFileSync(file, 'utf8'), file));
}

export function formatViolations(violations: CodeViolation[], root: string): string {
  return violations.map((v) => `${path.relative(root, v.file)}:${v.line}:${v.column + 1}: ${v.message}`).join('\n');
}
