/**
 * Custom step types from the steptypes.json of every cartridge the runtime knows (in any of its
 * cartridge folders; a type ID declared twice is an error, as on an instance), and the
 * typing of step parameters exactly as BM does it (type, required, trim, default, enum, pattern,
 * length and value bounds).
 */
import fs from 'node:fs';
import path from 'node:path';
import { CartridgeSetupError, type CartridgeLocation } from '../loader/cartridgeFolders';

export interface ParameterDeclaration {
  '@name': string;
  '@type': string;
  '@required'?: string | boolean;
  '@trim'?: string | boolean;
  'default-value'?: string;
  'enum-values'?: { value: string[] | string };
  pattern?: string;
  'min-length'?: string | number;
  'max-length'?: string | number;
  'min-value'?: string | number;
  'max-value'?: string | number;
}

interface StepTypeCommon {
  '@type-id': string;
  module: string;
  transactional?: string | boolean;
  'timeout-in-seconds'?: string | number;
  parameters?: { parameter?: ParameterDeclaration[] };
  'status-codes'?: { status?: Array<{ '@code': string }> };
}

export interface TaskStepType extends StepTypeCommon {
  kind: 'task';
  function?: string;
}

export interface ChunkStepType extends StepTypeCommon {
  kind: 'chunk';
  'chunk-size': string | number;
  'read-function'?: string;
  'process-function'?: string;
  'write-function'?: string;
  'before-step-function'?: string;
  'after-step-function'?: string;
  'before-chunk-function'?: string;
  'after-chunk-function'?: string;
  'total-count-function'?: string;
}

export type StepType = (TaskStepType | ChunkStepType) & { cartridge: string };

export function readStepTypes(cartridges: readonly CartridgeLocation[]): Map<string, StepType> {
  const types = new Map<string, StepType>();
  const declaredIn = new Map<string, string>();
  for (const { name: cartridge, directory } of cartridges) {
    const file = path.join(directory, 'steptypes.json');
    if (!fs.existsSync(file)) continue;
    const json = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      'step-types'?: { 'script-module-step'?: StepTypeCommon[]; 'chunk-script-module-step'?: StepTypeCommon[] };
    };
    const add = (stepType: StepType) => {
      const typeId = stepType['@type-id'];
      const earlier = declaredIn.get(typeId);
      if (earlier !== undefined) {
        throw new CartridgeSetupError(`Step type ${typeId} is declared twice: in ${earlier} and in ${file}`);
      }
      declaredIn.set(typeId, file);
      types.set(typeId, stepType);
    };
    for (const task of json['step-types']?.['script-module-step'] ?? []) add({ ...task, kind: 'task', cartridge });
    for (const chunk of json['step-types']?.['chunk-script-module-step'] ?? []) {
      add({ ...(chunk as ChunkStepType), kind: 'chunk', cartridge });
    }
  }
  return types;
}

const flag = (value: string | boolean | undefined, fallback: boolean): boolean =>
  value === undefined ? fallback : value === true || value === 'true';

export type ParameterValue = string | number | boolean;

/** Types the configured raw values; returns the typed parameters or the problems BM would report. */
export function typeParameters(
  declarations: ParameterDeclaration[],
  raw: Record<string, string | undefined>,
): { values: Record<string, ParameterValue>; problems: string[] } {
  const values: Record<string, ParameterValue> = {};
  const problems: string[] = [];
  const declared = new Set(declarations.map((d) => d['@name']));
  for (const name of Object.keys(raw)) {
    if (!declared.has(name)) problems.push(`parameter '${name}' is not declared by the step type`);
  }
  for (const declaration of declarations) {
    const name = declaration['@name'];
    let value = raw[name] ?? declaration['default-value'];
    if (value !== undefined && flag(declaration['@trim'], true)) value = value.trim();
    if (value === undefined || value === '') {
      if (flag(declaration['@required'], true)) problems.push(`parameter '${name}' is required`);
      continue;
    }
    const enumValues = declaration['enum-values']?.value;
    if (enumValues !== undefined) {
      const allowed = Array.isArray(enumValues) ? enumValues : [enumValues];
      if (!allowed.includes(value))
        problems.push(`parameter '${name}': '${value}' is not one of ${allowed.join(', ')}`);
    }
    if (declaration.pattern !== undefined && !new RegExp(`^(?:${declaration.pattern})$`).test(value)) {
      problems.push(`parameter '${name}': '${value}' does not match ${declaration.pattern}`);
    }
    if (declaration['min-length'] !== undefined && value.length < Number(declaration['min-length'])) {
      problems.push(`parameter '${name}' is shorter than ${declaration['min-length']}`);
    }
    if (declaration['max-length'] !== undefined && value.length > Number(declaration['max-length'])) {
      problems.push(`parameter '${name}' is longer than ${declaration['max-length']}`);
    }
    const type = declaration['@type'];
    if (type === 'boolean') {
      if (value !== 'true' && value !== 'false') problems.push(`parameter '${name}': '${value}' is not a boolean`);
      else values[name] = value === 'true';
    } else if (type === 'long' || type === 'double') {
      const number = Number(value);
      if (!Number.isFinite(number) || (type === 'long' && !Number.isInteger(number))) {
        problems.push(`parameter '${name}': '${value}' is not a ${type}`);
        continue;
      }
      if (declaration['min-value'] !== undefined && number < Number(declaration['min-value'])) {
        problems.push(`parameter '${name}' is below ${declaration['min-value']}`);
      }
      if (declaration['max-value'] !== undefined && number > Number(declaration['max-value'])) {
        problems.push(`parameter '${name}' is above ${declaration['max-value']}`);
      }
      values[name] = number;
    } else {
      values[name] = value;
    }
  }
  return { values, problems };
}
