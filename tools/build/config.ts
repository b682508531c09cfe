/**
 * dw.json (the file sfcc-ci and Salesforce's tools read) and the options derived from it:
 * code version and site IDs. Command-line options win over dw.json, dw.json over defaults.
 */
import fs from 'node:fs';
import { PATHS } from './paths';

export interface DwJson {
  hostname?: string;
  'code-version'?: string;
  'client-id'?: string;
  'client-secret'?: string;
  username?: string;
  password?: string;
  sites?: string[];
  activate?: boolean;
  p12?: string;
  passphrase?: string;
}

/** Every key we read, with what it holds; dw.json.example and the README list the same. */
export const DW_JSON_KEYS: {
  [key in keyof DwJson]-?: { type: 'string' | 'boolean' | 'string[]'; secret: boolean; about: string };
} = {
  hostname: { type: 'string', secret: false, about: 'instance host name, without https://' },
  'code-version': { type: 'string', secret: false, about: 'code version to deploy into (the zip is named after it)' },
  'client-id': { type: 'string', secret: false, about: 'Account Manager API client ID' },
  'client-secret': { type: 'string', secret: true, about: 'Account Manager API client secret' },
  username: { type: 'string', secret: false, about: 'optional BM user for the password grant' },
  password: { type: 'string', secret: true, about: "optional BM user's access key" },
  sites: { type: 'string[]', secret: false, about: 'site IDs the site import is scoped to (default ["RefArch"])' },
  activate: { type: 'boolean', secret: false, about: 'activate the code version after deploying (default false)' },
  p12: { type: 'string', secret: false, about: 'client certificate for two-factor staging instances' },
  passphrase: { type: 'string', secret: true, about: 'passphrase of the p12 certificate' },
};

export const DEFAULT_SITES = ['RefArch'];

export class ConfigError extends Error {}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? 'string[]' : 'array';
  return typeof value;
}

export function parseDwJson(text: string, file: string): { config: DwJson; warnings: string[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${file} is not valid JSON: ${(e as Error).message}`);
  }
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new ConfigError(`${file} must hold a JSON object`);
  const warnings: string[] = [];
  for (const [key, value] of Object.entries(data)) {
    const spec = DW_JSON_KEYS[key as keyof DwJson];
    if (!spec) {
      warnings.push(`${file}: key "${key}" is not used by this project (see dw.json.example)`);
      continue;
    }
    if (typeOf(value) !== spec.type) throw new ConfigError(`${file}: "${key}" must be a ${spec.type}`);
  }
  return { config: data as DwJson, warnings };
}

export function readDwJson(file = PATHS.dwJson, required = false): { config: DwJson; warnings: string[] } {
  if (!fs.existsSync(file)) {
    if (required) {
      throw new ConfigError(`${file} not found: copy dw.json.example to dw.json and fill in your instance's values`);
    }
    return { config: {}, warnings: [] };
  }
  return parseDwJson(fs.readFileSync(file, 'utf8'), file);
}

export function defaultCodeVersion(): string {
  const { version } = JSON.parse(fs.readFileSync(PATHS.packageJson, 'utf8')) as { version: string };
  return `payment_operations_${version.replace(/[^A-Za-z0-9]/g, '_')}`;
}

export function resolveCodeVersion(option: string | undefined, config: DwJson): string {
  const codeVersion = option ?? config['code-version'] ?? defaultCodeVersion();
  if (!/^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$/.test(codeVersion)) {
    throw new ConfigError(`Code version "${codeVersion}" may only hold letters, digits, ".", "-" and "_"`);
  }
  return codeVersion;
}

/**
 * `--site A --site B` or `--site A,B`, each site once; else dw.json "sites"; else RefArch. An
 * empty site ID (`--site ''`, `--site A,`) is refused rather than read as "no --site".
 */
export function resolveSites(options: string[] | undefined, config: DwJson): string[] {
  for (const option of options ?? []) {
    if (option.split(',').some((s) => s.trim() === '')) {
      throw new ConfigError(
        `--site ${JSON.stringify(option)} names no site ID: give one, e.g. --site RefArch (without --site: the sites in dw.json, else RefArch)`,
      );
    }
  }
  const fromOptions = (options ?? []).flatMap((s) => s.split(',')).map((s) => s.trim());
  if (fromOptions.length) return [...new Set(fromOptions)];
  return config.sites && config.sites.length ? [...new Set(config.sites)] : DEFAULT_SITES;
}
