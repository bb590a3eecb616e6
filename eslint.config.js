// Lint configuration. The layering rules below are the house plan (../shared/DESIGN.md) made enforceable:
// a file that imports across a forbidden boundary fails `npm run lint`, and test/lint proves it.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

const noNode = { group: nodeBuiltins, message: 'Node built-ins are not available in this layer.' };
const noElectron = {
  group: ['electron', 'electron/*'],
  message: 'Only src-main/desktop may import electron (DESIGN.md: layers).',
};
const noSvelte = {
  group: ['svelte', 'svelte/*'],
  message: 'src-shared must not depend on Svelte.',
};
const folder = (name, message) => ({
  group: [`**/${name}`, `**/${name}/**`],
  message,
});

/**
 * Issue 17: an error's English comes from the catalogue (src-shared/i18n/errors-en-*.ts), made with
 * `FerryError.of(code, key, params)` or `invalid(key, params)`; no call site writes English of its own.
 * test/lint/error-text.test.ts proves these fire.
 */
const ENGLISH = /^(Literal|TemplateLiteral|BinaryExpression|ConditionalExpression)$/;
const FROM_CATALOGUE =
  'Write no English at the call site: use FerryError.of(code, key, params) and put the text in src-shared/i18n/errors-en-*.ts (and errors-pt-br-*.ts).';
const USAGE_KEY = '/^cli\\.usage\\./';
const USAGE_FROM_CATALOGUE =
  'Write no English at the call site: usageError(key, params) takes a cli.usage.* key, like FerryError.of(code, key, params); put the text in src-shared/i18n/errors-en-cli.ts (and errors-pt-br-cli.ts).';
const errorText = [
  'error',
  {
    selector: `NewExpression[callee.name='FerryError'][arguments.1.type=${ENGLISH}]`,
    message: FROM_CATALOGUE,
  },
  {
    selector: `NewExpression[callee.name='FerryError'][arguments.2.type=${ENGLISH}]`,
    message: FROM_CATALOGUE,
  },
  {
    selector: "CallExpression[callee.name='invalid'][arguments.length>2]",
    message: FROM_CATALOGUE,
  },
  // The CLI's usageError(key, params) takes a cli.usage.* key: English as its key, or as a second string
  // argument (the old message, hint form), is refused; so is either branch of a choice that is not a key.
  {
    selector: `CallExpression[callee.name='usageError'][arguments.0.type=/^(TemplateLiteral|BinaryExpression)$/]`,
    message: USAGE_FROM_CATALOGUE,
  },
  {
    selector: `CallExpression[callee.name='usageError'] > Literal.arguments:first-child[value!=${USAGE_KEY}]`,
    message: USAGE_FROM_CATALOGUE,
  },
  {
    selector: `CallExpression[callee.name='usageError'] > ConditionalExpression.arguments:first-child > :matches(Literal.consequent, Literal.alternate)[value!=${USAGE_KEY}]`,
    message: USAGE_FROM_CATALOGUE,
  },
  {
    selector: `CallExpression[callee.name='usageError'][arguments.1.type=${ENGLISH}]`,
    message: USAGE_FROM_CATALOGUE,
  },
];
/** Builds a no-restricted-imports rule from pattern groups. */
const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'node_modules/**',
      'test/fixtures/**',
      'test-results/**',
      'docs/**',
      'assets/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    files: ['src-shared/**'],
    rules: {
      'no-restricted-imports': restrict(
        noNode,
        noElectron,
        noSvelte,
        folder('src-main', 'src-shared imports nothing of src-main.'),
        folder('src-renderer', 'src-shared imports nothing of src-renderer.'),
      ),
    },
  },
  {
    files: ['src-main/engine/**', 'src-main/cli/**', 'src-main/serve/**'],
    rules: {
      'no-restricted-imports': restrict(
        noElectron,
        folder('src-renderer', 'The main process never imports renderer code.'),
        folder(
          'desktop',
          'Only the desktop shell depends on itself; engine, cli and serve stay Electron-free.',
        ),
      ),
      'no-console': ['error'],
    },
  },
  {
    files: ['src-main/cli/**', 'src-main/serve/**'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['src-main/engine/**'],
    rules: {
      'no-restricted-imports': restrict(
        noElectron,
        folder('src-renderer', 'The engine never imports renderer code.'),
        folder('desktop', 'The engine is plain Node; it never imports the desktop shell.'),
        folder('cli', 'The engine never imports a face (cli).'),
        folder('serve', 'The engine never imports a face (serve).'),
      ),
    },
  },
  {
    files: ['src-main/desktop/**'],
    rules: {
      'no-restricted-imports': restrict(
        folder('src-renderer', 'The main process never imports renderer code.'),
        folder('cli', 'The desktop shell talks to the engine, not to the CLI.'),
        folder('serve', 'The desktop shell talks to the engine, not to serve.'),
      ),
    },
  },
  {
    files: ['src-main/**', 'src-shared/**'],
    rules: { 'no-restricted-syntax': errorText },
  },
  {
    files: ['src-renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': restrict(
        noNode,
        noElectron,
        folder('src-main', 'The renderer speaks only the contract (src-shared).'),
      ),
    },
  },
);
