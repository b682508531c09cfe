/** Runs test/engine/rhino/run.js in Mozilla Rhino and returns its report. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

export interface ModuleReport {
  module: string;
  loaded: boolean;
  functions: string[];
  calls: Array<{ fn: string; result: unknown }>;
  error: string | null;
}

export function rhinoCommand(): string | null {
  const found = spawnSync('sh', ['-c', 'command -v rhino'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : null;
}

export function runInRhino(config: {
  cartridgesRoot: string;
  cartridgePath: string[];
  dwRoot: string;
  scenarios: string;
  modules: string[];
}): ModuleReport[] {
  const rhino = rhinoCommand();
  if (!rhino) throw new Error('rhino is not installed (Debian package rhino)');
  const configFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'payops-rhino-')), 'config.json');
  fs.writeFileSync(configFile, JSON.stringify(config));
  // -version 180: JavaScript 1.8, the oldest language level SFCC code versions run at;
  // -opt -1: interpreted mode, as the platform's script engine.
  const result = spawnSync(
    rhino,
    ['-version', '180', '-opt', '-1', path.join(__dirname, 'rhino', 'run.js'), configFile],
    {
      encoding: 'utf8',
      timeout: 60000,
    },
  );
  fs.rmSync(path.dirname(configFile), { recursive: true, force: true });
  const line = (result.stdout || '').split('\n').find((l) => l.startsWith('REPORT:'));
  if (!line) throw new Error(`Rhino produced no report (exit ${result.status}):\n${result.stdout}\n${result.stderr}`);
  return (JSON.parse(line.slice('REPORT:'.length)) as { modules: ModuleReport[] }).modules;
}
