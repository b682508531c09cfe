/**
 * dw.system.HookMgr over the hooks.json files along the current cartridge path. As on the
 * platform (platform.md §11.1, SFRA guide "SFRA Hooks": "If you call multiple modules, only the
 * last hook returns a value. All modules are called, regardless of whether any of them return a
 * value."), callHook calls every registration left to right and returns the last one's value,
 * even undefined. A registration whose script does not export the function is skipped: it
 * neither runs nor decides the value (the platform's behaviour there is not documented).
 */
import fs from 'node:fs';
import path from 'node:path';

export interface HookRegistration {
  cartridge: string;
  name: string;
  /** Absolute path of the hook script. */
  script: string;
}

export interface HookHost {
  /** The folder of a cartridge, wherever it lives; undefined when the runtime does not know it. */
  cartridgeDirectory(cartridge: string): string | undefined;
  cartridgePath(): string[];
  loadModule(file: string): unknown;
}

export function readHookRegistrations(
  cartridgeDirectory: (cartridge: string) => string | undefined,
  cartridgePath: string[],
): HookRegistration[] {
  const registrations: HookRegistration[] = [];
  for (const cartridge of cartridgePath) {
    const directory = cartridgeDirectory(cartridge);
    if (directory === undefined) continue;
    const packageFile = path.join(directory, 'package.json');
    if (!fs.existsSync(packageFile)) continue;
    const hooksRef = (JSON.parse(fs.readFileSync(packageFile, 'utf8')) as { hooks?: string }).hooks;
    if (!hooksRef) continue;
    const hooksFile = path.resolve(path.dirname(packageFile), hooksRef);
    const hooks = (
      JSON.parse(fs.readFileSync(hooksFile, 'utf8')) as { hooks?: Array<{ name: string; script: string }> }
    ).hooks;
    for (const hook of hooks ?? []) {
      registrations.push({ cartridge, name: hook.name, script: path.resolve(path.dirname(hooksFile), hook.script) });
    }
  }
  return registrations;
}

export function createHookMgrModule(host: HookHost): unknown {
  const cache = new Map<string, HookRegistration[]>();
  const registrationsFor = (extensionPoint: string): HookRegistration[] => {
    const key = host.cartridgePath().join(':');
    let all = cache.get(key);
    if (!all) {
      all = readHookRegistrations((cartridge) => host.cartridgeDirectory(cartridge), host.cartridgePath());
      cache.set(key, all);
    }
    return all.filter((registration) => registration.name === extensionPoint);
  };
  return {
    hasHook: (extensionPoint: string): boolean => registrationsFor(String(extensionPoint)).length > 0,
    callHook: (extensionPoint: string, functionName: string, ...args: unknown[]): unknown => {
      let last: unknown = undefined;
      for (const registration of registrationsFor(String(extensionPoint))) {
        const exported = host.loadModule(registration.script) as Record<string, unknown>;
        const fn = exported[String(functionName)];
        if (typeof fn !== 'function') continue;
        last = fn(...args);
      }
      return last;
    },
  };
}
