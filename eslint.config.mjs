// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const commonjsGlobals = { require: 'readonly', module: 'writable', exports: 'writable' };

export default tseslint.config(
  // .local/ is the git-ignored scratch folder of the README's examples: not our sources.
  {
    ignores: [
      'node_modules/',
      'dist/',
      'build/',
      '.local/',
      'cartridges/*/cartridge/scripts/generated/',
      'test/**/fixtures/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // Shipped server code: the engine has no Promise, timers or Node globals (the build checks
    // the compiled output too; this catches it while editing).
    files: ['cartridges/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...['Promise', 'setTimeout', 'setInterval', 'setImmediate', 'queueMicrotask', 'process', 'Buffer', 'fetch'].map(
          (name) => ({ name, message: `${name} does not exist on the B2C Commerce engine` }),
        ),
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector:
            'FunctionDeclaration[async=true], ArrowFunctionExpression[async=true], FunctionExpression[async=true]',
          message: 'async needs Promise, which the engine lacks',
        },
        {
          selector: 'ExportDefaultDeclaration',
          message: 'SFCC looks up named exports; export default becomes exports.default',
        },
      ],
    },
  },
  {
    // These tests drive the emulated dw.* API dynamically, as cartridge code does.
    files: ['test/unit/tools/runtime/**/*.ts', 'test/integration/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // dw.* mocks are plain ES5 so that the Rhino engine check can load them too.
    files: ['test/mocks/**/*.js'],
    languageOptions: { ecmaVersion: 5, sourceType: 'script', globals: commonjsGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/engine/rhino/**/*.js'],
    languageOptions: {
      ecmaVersion: 5,
      sourceType: 'script',
      globals: {
        ...commonjsGlobals,
        print: 'readonly',
        readFile: 'readonly',
        java: 'readonly',
        Packages: 'readonly',
        quit: 'readonly',
        arguments: 'readonly',
        JSON: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['test/reporter.js'],
    languageOptions: { sourceType: 'commonjs', globals: { ...commonjsGlobals, process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);
