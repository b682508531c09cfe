/**
 * Loads compiled cartridge modules the way the B2C Commerce engine does (TopLevel.global#require):
 *   ./x ../x   relative to the current module, never above the cartridges folder
 *   ~/x        relative to the current module's cartridge
 *   * /x       (no space) the first cartridge on the site's cartridge path that has x
 *   dw/…       the emulated platform API
 *   name/…     a top-level cartridge folder, then the `modules` folder
 * Cartridges are looked up by name in a CartridgeSet (they may live in several folders on disk).
 * The code version they stand for is one folder, so relative paths are resolved in it: `../`
 * may reach into another cartridge wherever it lives, and never above the code version.
 * Extensions tried: as given, .js, .ds, .json; a folder resolves through package.json `main`,
 * else main.js. Node's globals (process, Buffer, timers, fetch, Promise) are hidden from
 * cartridge code: they do not exist on the platform. `Date` reads the runtime clock (clockDate.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { MODULES_FOLDER, type CartridgeSet } from './cartridgeFolders';
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
  /** Every cartridge the runtime knows, by name. */
  cartridges: CartridgeSet;
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
  private readonly cartridges: CartridgeSet;
  private readonly cache = new Map<string, LoadedModule>();
  private readonly globalNames: string[];
  private readonly clockDate: DateConstructor;

  constructor(private readonly options: LoaderOptions) {
    this.cartridges = options.cartridges;
    this.globalNames = Object.keys(options.globals);
    this.clockDate = createClockDate(options.now);
  }

  /** Resolves a specifier as cartridge code at `fromFile` would (fromFile: any file in a cartridge). */
  resolve(specifier: string, fromFile: string): string {
    const notFound = (why?: string): never => {
      throw new ModuleNotFoundError(
        `Cannot find module '${specifier}' required from ${this.cartridges.describe(fromFile)}${why ? ` (${why})` : ''}`,
      );
    };
    let resolved: string | undefined;
    if (specifier.startsWith('./') || specifier.startsWith('../')) {
      const from = this.cartridges.locate(fromFile) ?? notFound('the requiring file is in no known cartridge');
      const fromDirectory = path.relative(from.directory, path.dirname(path.resolve(fromFile))).split(path.sep);
      const target = path.posix.normalize(path.posix.join(from.name, ...fromDirectory, specifier));
      if (target === '.' || target === '..' || target.startsWith('../')) {
        notFound('relative paths cannot leave the cartridges folder');
      }
      resolved = this.resolveInCodeVersion(target);
    } else if (specifier.startsWith('~/')) {
      const from = this.cartridges.locate(fromFile);
      if (!from) throw new ModuleNotFoundError(`~/ is only defined inside a cartridge (${fromFile})`);
      resolved = this.resolveFile(path.join(from.directory, specifier.slice(2)));
    } else if (specifier.startsWith('*/')) {
      for (const cartridge of this.options.cartridgePath()) {
        const directory =
          this.cartridges.directory(cartridge) ?? notFound(`cartridge '${cartridge}' of the cartridge path is unknown`);
        resolved = this.resolveFile(path.join(directory, specifier.slice(2)));
        if (resolved) break;
      }
    } else {
      resolved = this.resolveInCodeVersion(specifier) ?? this.resolveInCodeVersion(`${MODULES_FOLDER}/${specifier}`);
    }
    return resolved ?? notFound();
  }

  /**
   * Resolves a path of the code version, `<cartridge>/…` or `modules/…` (a step module's path in
   * steptypes.json, a bare specifier). With several `modules` folders, a module found in more than
   * one is an error: the code version has only one.
   */
  resolveInCodeVersion(logicalPath: string): string | undefined {
    const [topLevel, ...rest] = logicalPath.split('/');
    const hits = this.cartridges
      .topLevel(topLevel)
      .map((directory) => this.resolveFile(path.join(directory, ...rest)))
      .filter((hit): hit is string => hit !== undefined);
    if (hits.length > 1) {
      throw new Error(`'${logicalPath}' is ambiguous: it is in several modules folders (${hits.join(', ')})`);
    }
    return hits[0];
  }

  require(specifier: string, fromFile: string): unknown {
    if (typeof specifier !== 'string') throw new TypeError(`require() needs a string, got ${String(specifier)}`);
    if (specifier === 'dw' || specifier.startsWith('dw/')) {
      const module = this.options.dwModule(specifier);
      if (module === undefined) {
        throw new ModuleNotFoundError(
          `${specifier} is not emulated by the local runtime (required from ${this.cartridges.describe(fromFile)}); see README, Local runtime`,
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
    if (!resolved) throw new ModuleNotFoundError(`Cannot find module ${this.cartridges.describe(base)}`);
    return resolved;
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
