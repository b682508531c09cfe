/**
 * Checks a built cartridge's manifests: package.json → hooks.json → hook scripts, and
 * steptypes.json → job-step modules, each resolving to a shipped file that exports the named
 * functions. A broken reference here is a job or hook that fails only on the instance.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as acorn from 'acorn';
import * as walk from 'acorn-walk';

export interface ManifestProblem {
  cartridge: string;
  message: string;
}

/** Names of the functions a CommonJS file assigns to exports.X / module.exports = { X }. */
export function exportedFunctions(source: string): Set<string> {
  const ast = acorn.parse(source, { ecmaVersion: 5, sourceType: 'script' });
  const functionNames = new Set<string>();
  const variablesHoldingFunctions = new Set<string>();
  walk.simple(ast, {
    FunctionDeclaration(node) {
      const fn = node as acorn.FunctionDeclaration;
      if (fn.id) functionNames.add(fn.id.name);
    },
    VariableDeclarator(node) {
      const decl = node as acorn.VariableDeclarator;
      if (decl.id.type === 'Identifier' && decl.init && decl.init.type === 'FunctionExpression') {
        variablesHoldingFunctions.add((decl.id as acorn.Identifier).name);
      }
    },
  });
  const isFunctionValue = (value: acorn.Node): boolean =>
    value.type === 'FunctionExpression' ||
    (value.type === 'Identifier' &&
      (functionNames.has((value as acorn.Identifier).name) ||
        variablesHoldingFunctions.has((value as acorn.Identifier).name)));
  const exported = new Set<string>();
  walk.simple(ast, {
    AssignmentExpression(node) {
      const assignment = node as acorn.AssignmentExpression;
      const target = assignment.left;
      if (target.type !== 'MemberExpression' || target.computed) return;
      const object = target.object;
      const property = (target.property as acorn.Identifier).name;
      if (object.type === 'Identifier' && (object as acorn.Identifier).name === 'exports') {
        if (isFunctionValue(assignment.right)) exported.add(property);
      }
      const isModuleExports =
        object.type === 'Identifier' && (object as acorn.Identifier).name === 'module' && property === 'exports';
      if (isModuleExports && assignment.right.type === 'ObjectExpression') {
        for (const prop of (assignment.right as acorn.ObjectExpression).properties) {
          if (prop.type !== 'Property') continue;
          const key = prop.key.type === 'Identifier' ? prop.key.name : String((prop.key as acorn.Literal).value);
          if (isFunctionValue(prop.value)) exported.add(key);
        }
      }
    },
  });
  return exported;
}

function resolveScript(file: string): string | null {
  for (const candidate of [file, file + '.js', file + '.ds']) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function readJson(file: string): unknown {
  return JSON.parse(fs.readFileSync(file, 'utf8'));
}

function checkExports(
  file: string,
  names: string[],
  what: string,
  cartridge: string,
  problems: ManifestProblem[],
): void {
  let exported: Set<string>;
  try {
    exported = exportedFunctions(fs.readFileSync(file, 'utf8'));
  } catch (e) {
    problems.push({ cartridge, message: `${what}: ${file} cannot be parsed: ${(e as Error).message}` });
    return;
  }
  for (const name of names) {
    if (!exported.has(name)) {
      problems.push({ cartridge, message: `${what}: ${path.basename(file)} does not export a function "${name}"` });
    }
  }
}

/**
 * Our hook convention, the platform's own for dw.* hooks: the function called is the last
 * segment of the extension point name (dw.order.calculate → calculate).
 */
export function hookFunctionName(extensionPoint: string): string {
  const parts = extensionPoint.split('.');
  return parts[parts.length - 1];
}

function checkHooks(cartridgeDir: string, cartridge: string, problems: ManifestProblem[]): void {
  const packageFile = path.join(cartridgeDir, 'package.json');
  if (!fs.existsSync(packageFile)) {
    problems.push({ cartridge, message: 'package.json is missing at the cartridge root' });
    return;
  }
  const pkg = readJson(packageFile) as { hooks?: unknown };
  if (typeof pkg.hooks !== 'string') {
    problems.push({ cartridge, message: 'package.json has no "hooks" entry pointing at hooks.json' });
    return;
  }
  const hooksFile = path.resolve(cartridgeDir, pkg.hooks);
  if (!fs.existsSync(hooksFile)) {
    problems.push({ cartridge, message: `package.json "hooks" points at ${pkg.hooks}, which does not exist` });
    return;
  }
  const manifest = readJson(hooksFile) as { hooks?: unknown };
  if (!Array.isArray(manifest.hooks)) {
    problems.push({ cartridge, message: 'hooks.json must hold a "hooks" array' });
    return;
  }
  for (const entry of manifest.hooks as Array<{ name?: unknown; script?: unknown }>) {
    if (typeof entry.name !== 'string' || typeof entry.script !== 'string') {
      problems.push({ cartridge, message: `hooks.json entry ${JSON.stringify(entry)} needs a string name and script` });
      continue;
    }
    const script = resolveScript(path.resolve(path.dirname(hooksFile), entry.script));
    if (!script || !script.startsWith(cartridgeDir + path.sep)) {
      problems.push({
        cartridge,
        message: `hook ${entry.name}: script ${entry.script} does not resolve to a shipped file`,
      });
      continue;
    }
    checkExports(script, [hookFunctionName(entry.name)], `hook ${entry.name}`, cartridge, problems);
  }
}

type StepType = { [key: string]: unknown };

const CHUNK_FUNCTION_KEYS: Array<[string, string | null]> = [
  ['read-function', 'read'],
  ['process-function', 'process'],
  ['write-function', 'write'],
  ['before-step-function', null],
  ['after-step-function', null],
  ['before-chunk-function', null],
  ['after-chunk-function', null],
  ['total-count-function', null],
];

function stepFunctions(step: StepType, chunk: boolean): string[] {
  if (!chunk) return [typeof step.function === 'string' ? step.function : 'execute'];
  const names: string[] = [];
  for (const [key, fallback] of CHUNK_FUNCTION_KEYS) {
    const value = typeof step[key] === 'string' ? (step[key] as string) : fallback;
    if (value) names.push(value);
  }
  return names;
}

function checkStepType(
  step: StepType,
  chunk: boolean,
  cartridgesRoot: string,
  cartridge: string,
  problems: ManifestProblem[],
): void {
  const typeId = step['@type-id'];
  const label = `step type ${String(typeId)}`;
  if (typeof typeId !== 'string' || !/^custom\.\S+$/.test(typeId) || typeId.length > 100) {
    problems.push({
      cartridge,
      message: `${label}: @type-id must start with "custom.", have no spaces and ≤ 100 characters`,
    });
  }
  for (const [key, value] of Object.entries(step)) {
    if (typeof value === 'number' || typeof value === 'boolean') {
      problems.push({
        cartridge,
        message: `${label}: "${key}" must be a string ("${String(value)}"), as the platform expects`,
      });
    }
  }
  if (typeof step.description === 'string' && step.description.length > 4000) {
    problems.push({ cartridge, message: `${label}: description is longer than 4000 characters` });
  }
  if (chunk && !(typeof step['chunk-size'] === 'string' && Number(step['chunk-size']) > 0)) {
    problems.push({ cartridge, message: `${label}: chunk steps need a positive "chunk-size"` });
  }
  const parameters = (step.parameters as { parameter?: StepType[] } | undefined)?.parameter ?? [];
  for (const parameter of parameters) {
    if (typeof parameter.description === 'string' && parameter.description.length > 256) {
      problems.push({
        cartridge,
        message: `${label}: parameter ${String(parameter['@name'])} description exceeds 256 characters`,
      });
    }
  }
  if (typeof step.module !== 'string') {
    problems.push({ cartridge, message: `${label}: "module" is missing` });
    return;
  }
  const [moduleCartridge] = step.module.split('/');
  const file = resolveScript(path.join(cartridgesRoot, step.module));
  if (!file || !fs.existsSync(path.join(cartridgesRoot, moduleCartridge, '.project'))) {
    problems.push({
      cartridge,
      message: `${label}: module ${step.module} does not resolve to a shipped file (it must start with the cartridge name)`,
    });
    return;
  }
  checkExports(file, stepFunctions(step, chunk), label, cartridge, problems);
}

function checkStepTypes(cartridgeDir: string, cartridge: string, problems: ManifestProblem[]): void {
  const file = path.join(cartridgeDir, 'steptypes.json');
  if (fs.existsSync(path.join(cartridgeDir, 'steptypes.xml')) && fs.existsSync(file)) {
    problems.push({ cartridge, message: 'a cartridge may have steptypes.json or steptypes.xml, not both' });
  }
  if (!fs.existsSync(file)) return;
  const manifest = readJson(file) as { 'step-types'?: { [kind: string]: StepType[] } };
  const stepTypes = manifest['step-types'];
  if (!stepTypes) {
    problems.push({ cartridge, message: 'steptypes.json must hold a "step-types" object' });
    return;
  }
  for (const step of stepTypes['script-module-step'] ?? []) {
    checkStepType(step, false, path.dirname(cartridgeDir), cartridge, problems);
  }
  for (const step of stepTypes['chunk-script-module-step'] ?? []) {
    checkStepType(step, true, path.dirname(cartridgeDir), cartridge, problems);
  }
}

/** Checks every cartridge (folder with a .project) under a cartridges root. */
export function checkManifests(cartridgesRoot: string): ManifestProblem[] {
  const problems: ManifestProblem[] = [];
  for (const cartridge of fs.readdirSync(cartridgesRoot).sort()) {
    const dir = path.join(cartridgesRoot, cartridge);
    if (!fs.existsSync(path.join(dir, '.project'))) continue;
    checkHooks(dir, cartridge, problems);
    checkStepTypes(dir, cartridge, problems);
  }
  return problems;
}
