import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type RuntimeContext } from '../context';
import { Collection } from '../util/Collection';
import { nullPointer } from '../util/JavaException';
import { formatMessage } from '../util/messageFormat';
import { perContext } from '../util/perContext';
import { parseProperties } from './propertiesFile';

const DEFAULT_BUNDLE = 'message';

/** Bundle file suffixes from the most specific to the base: `fr_FR` → `_fr_FR`, `_fr`, ``. */
export function localeSuffixes(locale: string): string[] {
  if (!locale || locale === 'default') return [''];
  const parts = locale.split('_');
  const suffixes = parts.map((_, index) => `_${parts.slice(0, parts.length - index).join('_')}`);
  return [...suffixes, ''];
}

function createResource(ctx: RuntimeContext) {
  const files = new Map<string, Map<string, string> | null>();
  const propertiesAt = (file: string): Map<string, string> | null => {
    if (!files.has(file)) {
      let properties: Map<string, string> | null = null;
      try {
        properties = parseProperties(readFileSync(file, 'utf8'));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      files.set(file, properties);
    }
    return files.get(file) ?? null;
  };

  /** Cartridge by cartridge (first wins); within one, Java ResourceBundle fallback fr_FR → fr → base. */
  const lookup = (key: string, bundleName: string | null | undefined): string | undefined => {
    const bundle = bundleName ?? DEFAULT_BUNDLE;
    for (const directory of ctx.resourceDirectories()) {
      for (const suffix of localeSuffixes(ctx.locale)) {
        const message = propertiesAt(path.join(directory, `${bundle}${suffix}.properties`))?.get(key);
        if (message !== undefined) return message;
      }
    }
    return undefined;
  };

  const message = (key: string, bundleName: string | null | undefined, defaultMessage: string | null | undefined) => {
    if (key === null || key === undefined) throw nullPointer('Resource key must not be null');
    return lookup(String(key), bundleName) ?? defaultMessage ?? String(key);
  };

  /** `dw.web.Resource`: messages of the run's cartridge resource bundles for the request locale. */
  class Resource {
    private constructor() {}

    /** msg(key), msg(key, defaultMessage) or msg(key, bundleName, defaultMessage); the key if nothing is found. */
    static msg(key: string, ...rest: (string | null | undefined)[]): string {
      if (rest.length <= 1) return message(key, null, rest[0]);
      return message(key, rest[0], rest[1]);
    }

    /** As msg(key, bundleName, defaultMessage), then Java MessageFormat with the arguments. */
    static msgf(key: string, bundleName: string | null, defaultMessage: string | null, ...args: unknown[]): string {
      const text = message(key, bundleName, defaultMessage);
      if (args.length === 0 || (args.length === 1 && args[0] === null)) return text;
      const values = args.length === 1 && args[0] instanceof Collection ? args[0].toArray() : args;
      return formatMessage(text, values, ctx.locale);
    }
  }
  return Resource;
}

export type ResourceClass = ReturnType<typeof createResource>;

/** The run's `dw.web.Resource`. Bundles are read once per run. */
export const resourceClassFor = perContext(createResource);
