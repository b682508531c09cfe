/**
 * The cartridges a runtime knows, by name. On the platform every cartridge is a top-level folder
 * of one code version, next to the special `modules` folder; here they may come from several
 * folders on disk (the compiled dist/cartridges and the developer's own), and this map stands for
 * that one code version. Everything that looks a cartridge up by name goes through it.
 *
 * A folder given to `discover` is either one cartridge (it has a `cartridge/` subfolder; its name
 * is the folder's name) or a folder of cartridges (each subfolder with a `cartridge/` subfolder,
 * plus an optional `modules` folder). A cartridge name found twice is an error.
 */
import fs from 'node:fs';
import path from 'node:path';

/** A problem with the cartridge folders or the cartridge path: the runtime cannot start. */
export class CartridgeSetupError extends Error {}

export const MODULES_FOLDER = 'modules';

export interface CartridgeLocation {
  /** The cartridge's name, or `modules` for a modules folder. */
  name: string;
  /** Absolute path of the cartridge (or modules) folder. */
  directory: string;
}

function isDirectory(file: string): boolean {
  return fs.existsSync(file) && fs.statSync(file).isDirectory();
}

function isCartridge(directory: string): boolean {
  return isDirectory(path.join(directory, 'cartridge'));
}

function within(file: string, directory: string): boolean {
  return file === directory || file.startsWith(directory + path.sep);
}

export class CartridgeSet {
  private constructor(
    private readonly byName: ReadonlyMap<string, string>,
    /** Every `modules` folder, in the order of the folders given. */
    readonly moduleFolders: readonly string[],
    /** The folders the cartridges were found in, as given. */
    readonly folders: readonly string[],
  ) {}

  /**
   * Finds the cartridges of `cartridgesRoot` (a folder of cartridges, e.g. dist/cartridges) and of
   * each folder in `more` (a cartridge, or a folder of cartridges).
   */
  static discover(cartridgesRoot: string, more: readonly string[] = []): CartridgeSet {
    const byName = new Map<string, string>();
    const moduleFolders: string[] = [];
    const add = (name: string, directory: string) => {
      const known = byName.get(name);
      if (known !== undefined) {
        throw new CartridgeSetupError(`Cartridge '${name}' is found twice: in ${known} and in ${directory}`);
      }
      byName.set(name, directory);
    };
    const folders = [cartridgesRoot, ...more].map((folder) => path.resolve(folder));
    folders.forEach((folder, index) => {
      if (!isDirectory(folder)) throw new CartridgeSetupError(`Cartridges folder ${folder} does not exist`);
      if (index > 0 && isCartridge(folder)) {
        add(path.basename(folder), folder);
        return;
      }
      let found = 0;
      for (const entry of fs.readdirSync(folder).sort()) {
        const directory = path.join(folder, entry);
        if (entry === MODULES_FOLDER && isDirectory(directory)) {
          moduleFolders.push(directory);
          found += 1;
        } else if (isCartridge(directory)) {
          add(entry, directory);
          found += 1;
        }
      }
      if (index > 0 && found === 0) {
        throw new CartridgeSetupError(
          `${folder} holds no cartridge: a cartridge is a folder with a cartridge/ subfolder (give the cartridge itself, or the folder holding cartridges)`,
        );
      }
    });
    return new CartridgeSet(byName, moduleFolders, folders);
  }

  /** Cartridge names, sorted. */
  names(): string[] {
    return [...this.byName.keys()].sort();
  }

  /** Every cartridge, sorted by name. */
  cartridges(): CartridgeLocation[] {
    return this.names().map((name) => ({ name, directory: this.byName.get(name) as string }));
  }

  directory(cartridge: string): string | undefined {
    return this.byName.get(cartridge);
  }

  /** The folders a top-level name of the code version stands for: a cartridge, or every `modules` folder. */
  topLevel(name: string): readonly string[] {
    if (name === MODULES_FOLDER) return this.moduleFolders;
    const directory = this.byName.get(name);
    return directory === undefined ? [] : [directory];
  }

  /** The cartridge (or modules folder) an absolute file lives in, or undefined outside all of them. */
  locate(file: string): CartridgeLocation | undefined {
    const absolute = path.resolve(file);
    for (const [name, directory] of this.byName) {
      if (within(absolute, directory)) return { name, directory };
    }
    const modules = this.moduleFolders.find((directory) => within(absolute, directory));
    return modules === undefined ? undefined : { name: MODULES_FOLDER, directory: modules };
  }

  /** `app_custom/cartridge/scripts/x.js` for a file in a cartridge; the absolute path otherwise. */
  describe(file: string): string {
    const location = this.locate(file);
    if (!location) return file;
    const relative = path.relative(location.directory, path.resolve(file)).split(path.sep).join('/');
    return relative ? `${location.name}/${relative}` : location.name;
  }

  /** Throws when a cartridge named on `cartridgePath` is in none of the folders. */
  assertKnown(cartridgePath: readonly string[], whose: string): void {
    const missing = cartridgePath.filter((cartridge) => !this.byName.has(cartridge));
    if (missing.length === 0) return;
    throw new CartridgeSetupError(
      `The cartridge path of ${whose} (${cartridgePath.join(':')}) names ${missing.map((m) => `'${m}'`).join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} in none of the cartridge folders (${this.folders.join(', ')}). Known cartridges: ${this.names().join(', ') || 'none'}`,
    );
  }
}
