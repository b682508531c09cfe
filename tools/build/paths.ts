/** Every path the build tools use, relative to the repository root. */
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..');

export const CARTRIDGE_NAME = 'int_payment_operations';

export const PATHS = {
  root,
  cartridgesSrc: path.join(root, 'cartridges'),
  dist: path.join(root, 'dist'),
  distCartridges: path.join(root, 'dist', 'cartridges'),
  metadata: path.join(root, 'metadata', 'site_import'),
  siteTemplate: path.join(root, 'metadata', 'site_template'),
  jobs: path.join(root, 'jobs'),
  systemObjectExtensions: path.join(root, 'metadata', 'site_import', 'meta', 'system-objecttype-extensions.xml'),
  customObjectDefinitions: path.join(root, 'metadata', 'site_import', 'meta', 'custom-objecttype-definitions.xml'),
  sfccDtsAttrs: path.join(root, 'node_modules', 'sfcc-dts', '@types', 'sfcc', 'attrs.d.ts'),
  generatedTypings: path.join(root, 'build', 'generated', 'attrs.d.ts'),
  generatedContract: path.join(
    root,
    'cartridges',
    CARTRIDGE_NAME,
    'cartridge',
    'scripts',
    'generated',
    'metadataContract.ts',
  ),
  cartridgeTsconfig: path.join(root, 'tsconfig.cartridge.json'),
  xsd: path.resolve(root, '..', 'shared', 'sfcc-xsd'),
  packageJson: path.join(root, 'package.json'),
  dwJson: path.join(root, 'dw.json'),
};
