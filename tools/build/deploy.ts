/**
 * npm run deploy          [-- --dry-run] [--config dw.json] [--no-package] [--activate]
 * npm run deploy:metadata [-- --dry-run] [--config dw.json] [--no-package] [--upgrade] [--site …]
 *
 * Packages (unless --no-package), then calls sfcc-ci with the settings of dw.json:
 *   code:      client:auth → code:deploy dist/<codeVersion>.zip [-a]
 *   metadata:  client:auth → instance:upload dist/site_import.zip → instance:import (sync, fail fast)
 * Credentials go to sfcc-ci through its environment variables, never on the command line
 * (except the certificate passphrase, which sfcc-ci only takes as -p); --dry-run prints the
 * exact calls with secrets masked and touches no network.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { build } from './build';
import { ConfigError, readDwJson, resolveCodeVersion, resolveSites, type DwJson } from './config';
import { packageArchives, SITE_IMPORT_NAME } from './package';
import { PATHS } from './paths';

export type DeployTarget = 'code' | 'metadata';

export interface SfccCiCall {
  args: string[];
  env: { [name: string]: string };
  /** Values printed as ***** in dry runs and logs. */
  secrets: string[];
}

export interface DeployPlan {
  archive: string;
  calls: SfccCiCall[];
}

export interface DeployOptions {
  codeVersion?: string;
  activate?: boolean;
  distDir?: string;
}

const MASK = '*****';

function required(config: DwJson, key: 'hostname' | 'client-id' | 'client-secret', file: string): string {
  const value = config[key];
  if (!value) throw new ConfigError(`${file}: "${key}" is required to deploy (see dw.json.example)`);
  return value;
}

function authCall(config: DwJson, file: string): SfccCiCall {
  const env: { [name: string]: string } = {
    SFCC_OAUTH_CLIENT_ID: required(config, 'client-id', file),
    SFCC_OAUTH_CLIENT_SECRET: required(config, 'client-secret', file),
  };
  const secrets = [env.SFCC_OAUTH_CLIENT_SECRET];
  if (config.username || config.password) {
    if (!config.username || !config.password) {
      throw new ConfigError(`${file}: "username" and "password" go together (password = the user's access key)`);
    }
    env.SFCC_OAUTH_USER_NAME = config.username;
    env.SFCC_OAUTH_USER_PASSWORD = config.password;
    secrets.push(config.password);
    return { args: ['client:auth'], env, secrets };
  }
  return { args: ['client:auth', '-t', 'client_credentials'], env, secrets };
}

function certificateArgs(config: DwJson): { args: string[]; secrets: string[] } {
  if (!config.p12) return { args: [], secrets: [] };
  const args = ['-c', config.p12];
  if (config.passphrase) args.push('-p', config.passphrase);
  return { args, secrets: config.passphrase ? [config.passphrase] : [] };
}

export function planDeploy(
  target: DeployTarget,
  config: DwJson,
  file: string,
  options: DeployOptions = {},
): DeployPlan {
  const hostname = required(config, 'hostname', file)
    .replace(/^https?:\/\//, '')
    .replace(/\/+$/, '');
  const distDir = options.distDir ?? PATHS.dist;
  const auth = authCall(config, file);
  const certificate = certificateArgs(config);
  if (target === 'code') {
    const codeVersion = resolveCodeVersion(options.codeVersion, config);
    const archive = path.join(distDir, `${codeVersion}.zip`);
    const args = ['code:deploy', archive, '-i', hostname, ...certificate.args];
    if (options.activate ?? config.activate ?? false) args.push('-a');
    return { archive, calls: [auth, { args, env: {}, secrets: certificate.secrets }] };
  }
  const archive = path.join(distDir, `${SITE_IMPORT_NAME}.zip`);
  return {
    archive,
    calls: [
      auth,
      {
        args: ['instance:upload', archive, '-i', hostname, ...certificate.args],
        env: {},
        secrets: certificate.secrets,
      },
      { args: ['instance:import', `${SITE_IMPORT_NAME}.zip`, '-i', hostname, '-s', '-f'], env: {}, secrets: [] },
    ],
  };
}

function shellQuote(value: string): string {
  return /^[\w@%+=:,./-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

export function formatCall(call: SfccCiCall): string {
  const mask = (value: string): string => (call.secrets.includes(value) ? MASK : value);
  const env = Object.entries(call.env).map(([k, v]) => `${k}=${shellQuote(mask(v))}`);
  return [...env, 'sfcc-ci', ...call.args.map((a) => shellQuote(mask(a)))].join(' ');
}

function runCalls(calls: SfccCiCall[]): void {
  const sfccCi = path.join(path.dirname(require.resolve('sfcc-ci/package.json')), 'cli.js');
  // An empty working directory: sfcc-ci would otherwise prefer a dw.json in the current
  // directory over the values we pass, whichever --config was asked for.
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'payops-deploy-'));
  try {
    for (const call of calls) {
      console.log(`$ ${formatCall(call)}`);
      const result = spawnSync(process.execPath, [sfccCi, ...call.args], {
        cwd,
        env: { ...process.env, ...call.env },
        stdio: 'inherit',
      });
      if (result.status !== 0)
        throw new Error(`sfcc-ci ${call.args[0]} failed (exit ${result.status ?? result.signal})`);
    }
  } finally {
    fs.rmSync(cwd, { recursive: true, force: true });
  }
}

export async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean', default: false },
      config: { type: 'string' },
      'no-package': { type: 'boolean', default: false },
      'code-version': { type: 'string' },
      activate: { type: 'boolean' },
      upgrade: { type: 'boolean', default: false },
      site: { type: 'string', multiple: true },
    },
  });
  const target = positionals[0];
  if (target !== 'code' && target !== 'metadata')
    throw new ConfigError('usage: deploy.ts code|metadata [--dry-run] [--config dw.json]');
  const file = path.resolve(values.config ?? PATHS.dwJson);
  const { config, warnings } = readDwJson(file, true);
  warnings.forEach((w) => console.warn(`warning: ${w}`));
  const plan = planDeploy(target, config, file, { codeVersion: values['code-version'], activate: values.activate });

  if (!values['no-package']) {
    build();
    await packageArchives({
      sites: resolveSites(values.site, config),
      codeVersion: resolveCodeVersion(values['code-version'], config),
      upgrade: values.upgrade ?? false,
    });
  }
  if (values['dry-run']) {
    console.log(
      `dry run: would call sfcc-ci ${plan.calls.length} time(s) for ${path.relative(PATHS.root, plan.archive)}:`,
    );
    plan.calls.forEach((call) => console.log(formatCall(call)));
    if (!fs.existsSync(plan.archive)) console.log(`note: ${plan.archive} does not exist yet (run npm run package)`);
    return;
  }
  if (!fs.existsSync(plan.archive)) throw new ConfigError(`${plan.archive} does not exist: run npm run package first`);
  runCalls(plan.calls);
}

if (require.main === module) {
  main(process.argv.slice(2)).catch((e: Error) => {
    console.error(e.message);
    process.exit(1);
  });
}
