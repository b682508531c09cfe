/**
 * Loads compiled cartridge modules the way the B2C Commerce engine does (TopLevel.global#require):
 *   ./x ../x   relative to the current module, never above the cartridges folder
 *   ~/x        relative to the current module's cartridge
 *   * /x       (no space) the first cartridge on the site's cartridge path that has x
 *   dw/…       the emulated platform API
 *   name/…     a top-level cartridge folder, then the `modules` folder
 * Extensions tried: as given, .js, .ds, .json; a folder resolves through package.json `main`,
 * else main.js. Node's globals (process, Buffer, timers, fetch, Promise) are hidden from
 * cartridge code: they do not exist on the platform. `Date` reads the runtime clock (clockDate.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { createClockDate } from './clockDate';

export const HIDDEN_GLOBALS = [
  'process',
  'Buffer',
  'setTimeout',
  'setInterval',
  'setImmediate',
  'clearTimeout',
  'clearInterval',
  'clearImmediate',
  'queueMicrotask',
  'fetch',
  'Promise',
  'global',
  '__dirname',
  '__filename',
] as const;

export interface LoaderOptions {
  cartridgesRoot: string;
  cartridgePath: () => string[];
  /** The emulated `dw/…` module, or undefined when the runtime does not emulate it. */
  dwModule: (specifier: string) => unknown;
  /** Platform globals given to every module (empty, request, session, …). */
  globals: Record<string, unknown>;
  /** The runtime clock: cartridge code's `new Date()`, `Date()` and `Date.now()` read it. */
  now: () => Date;
}

export class ModuleNotFoundError extends Error {}

interface LoadedModule {
  id: string;
  exports: unknown;
}

export class CartridgeLoader {
  private readonly root: string;
  private readonly cache = new Map<string, LoadedModule>();
  private readonly globalNames: string[];
  private readonly clockDate: DateConstructor;

  constructor(private readonly options: LoaderOptions) {
    this.root = path.resolve(options.cartridgesRoot);
    this.globalNames = Object.keys(options.globals);
    this.clockDate = createClockDate(options.now);
  }

  /** Resolves a specifier as cartridge code at `fromFile` would (fromFile: any file in a cartridge). */
  resolve(specifier: string, fromFile: string): string {
    const notFound = (why?: string): never => {
      throw new ModuleNotFoundError(
        `Cannot find module '${specifier}' required from ${path.relative(this.root, fromFile)}${why ? ` (${why})` : ''}`,
      );
    };
    let resolved: string | undefined;
    if (specifier.startsWith('./') || specifier.startsWith('../')) {
      const target = path.resolve(path.dirname(fromFile), specifier);
      if (!this.within(target)) notFound('relative paths cannot leave the cartridges folder');
      resolved = this.resolveFile(target);
    } else if (specifier.startsWith('~/')) {
      resolved = this.resolveFile(path.join(this.cartridgeOf(fromFile), specifier.slice(2)));
    } else if (specifier.startsWith('*/')) {
      for (const cartridge of this.options.cartridgePath()) {
        resolved = this.resolveFile(path.join(this.root, cartridge, specifier.slice(2)));
        if (resolved) break;
      }
    } else {
      resolved =
        this.resolveFile(path.join(this.root, specifier)) ??
        this.resolveFile(path.join(this.root, 'modules', specifier));
    }
    return resolved ?? notFound();
  }

  require(specifier: string, fromFile: string): unknown {
    if (typeof specifier !== 'string') throw new TypeError(`require() needs a string, got ${String(specifier)}`);
    if (specifier === 'dw' || specifier.startsWith('dw/')) {
      const module = this.options.dwModule(specifier);
      if (module === undefined) {
        throw new ModuleNotFoundError(
          `${specifier} is not emulated by the local runtime (required from ${path.relative(this.root, fromFile)}); see README, Local runtime`,
        );
      }
      return module;
    }
    return this.load(this.resolve(specifier, fromFile));
  }

  /** Loads a module by absolute file path (cached, like the engine's module cache). */
  load(file: string): unknown {
    const absolute = path.resolve(file);
    const cached = this.cache.get(absolute);
    if (cached) return cached.exports;
    const module: LoadedModule = { id: absolute, exports: {} };
    this.cache.set(absolute, module);
    try {
      if (absolute.endsWith('.json')) {
        module.exports = JSON.parse(fs.readFileSync(absolute, 'utf8'));
        return module.exports;
      }
      const parameters = ['exports', 'require', 'module', ...HIDDEN_GLOBALS, 'Date', ...this.globalNames];
      const source = `(function (${parameters.join(', ')}) {${fs.readFileSync(absolute, 'utf8')}\n})`;
      const wrapper = vm.runInThisContext(source, { filename: absolute }) as (...args: unknown[]) => void;
      const localRequire = (specifier: string) => this.require(specifier, absolute);
      const hidden = HIDDEN_GLOBALS.map(() => undefined);
      wrapper.call(
        undefined,
        module.exports,
        localRequire,
        module,
        ...hidden,
        this.clockDate,
        ...this.globalNames.map((n) => this.options.globals[n]),
      );
    } catch (error) {
      this.cache.delete(absolute);
      throw error;
    }
    return module.exports;
  }

  /** Resolves an absolute path as require would (extensions, folders); throws when nothing is there. */
  resolvePath(base: string): string {
    const resolved = this.resolveFile(path.resolve(base));
    if (!resolved) throw new ModuleNotFoundError(`Cannot find module ${path.relative(this.root, base)}`);
    return resolved;
  }

  private within(target: string): boolean {
    return target === this.root || target.startsWith(this.root + path.sep);
  }

  private cartridgeOf(file: string): string {
    const relative = path.relative(this.root, file);
    if (relative.startsWith('..')) throw new ModuleNotFoundError(`~/ is only defined inside a cartridge (${file})`);
    return path.join(this.root, relative.split(path.sep)[0]);
  }

  /**
   * Files found for a base path. Only hits are kept (a file that appears later is still found):
   * hooks resolve their script on every call, and each miss costs up to eight file-system calls.
   */
  private readonly resolvedFiles = new Map<string, string>();

  private resolveFile(base: string): string | undefined {
    const known = this.resolvedFiles.get(base);
    if (known !== undefined) return known;
    const found = this.findFile(base);
    if (found !== undefined) this.resolvedFiles.set(base, found);
    return found;
  }

  private findFile(base: string): string | undefined {
    for (const candidate of [base, `${base}.js`, `${base}.ds`, `${base}.json`]) {
      if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
    }
    if (fs.existsSync(base) && fs.statSync(base).isDirectory()) {
      const packageFile = path.join(base, 'package.json');
      if (fs.existsSync(packageFile)) {
        const main = (JSON.parse(fs.readFileSync(packageFile, 'utf8')) as { main?: string }).main;
        if (main) return this.resolveFile(path.join(base, main));
      }
      const mainFile = path.join(base, 'main.js');
      if (fs.existsSync(mainFile)) return mainFile;
    }
    return undefined;
  }
}
