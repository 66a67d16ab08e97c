import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'out/**',
      'node_modules/**',
      '.vscode-test/**',
      '.stryker-tmp/**',
      'reports/**',
      '*.mjs',
      'test/fixtures/**',
      'demo/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    // Type-aware rules: a promise nobody awaits loses its error, and a switch over a union must name every member.
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        // VS Code's API returns Thenables, so they count too; a `void` is no excuse: fire-and-forget is marked in
        // place with its reason. node:test's test() and describe() return promises the runner itself awaits.
        {
          ignoreVoid: false,
          checkThenables: true,
          allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }],
        },
      ],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
    },
  },
  {
    // The core is plain Node: it must run and be tested without VS Code.
    files: ['src/stripe/**/*.ts', 'src/emulator/**/*.ts', 'src/model/**/*.ts', 'src/references/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'vscode', message: 'src/stripe, src/emulator, src/model and src/references are plain Node: keep vscode out.' }] },
      ],
    },
  },
  {
    // Layers: commands/ sits on top; what it uses never imports it back.
    files: [
      'src/ui/**/*.ts',
      'src/valueEditor/**/*.ts',
      'src/tree/**/*.ts',
      'src/fs/**/*.ts',
      'src/connections/**/*.ts',
      'src/codeInsight/**/*.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/commands/*'], message: 'commands/ is the top layer: move what you need down (model/, ui/).' }] },
      ],
    },
  },
  {
    // Test fixture extensions are plain CommonJS run by the extension host.
    files: ['test/fixtures/**/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The webview's pages run in a browser (src/webview/tsconfig.json gives them the DOM): neither vscode nor Node is there.
    files: ['src/webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'vscode',
              message: 'src/webview runs in the webview: talk to the extension with the messages of src/model/valueEditorProtocol.ts.',
            },
          ],
          patterns: [{ group: ['node:*'], message: 'src/webview runs in a browser: no Node modules.' }],
        },
      ],
    },
  },
);
