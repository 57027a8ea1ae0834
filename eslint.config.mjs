// ESLint for every Nx project (`nx run-many -t lint`): typescript-eslint's recommended rules, plus the type-aware
// rules that catch real bugs in an event-driven service (a promise nobody awaits loses its error and its ordering).
// Type information comes from each project's tsconfig.spec.json, which includes the tests, so specs are linted with
// the same types as production code. Formatting is Prettier's job (.prettierrc), never ESLint's.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const projects = [
  'libs/contracts', 'libs/platform', 'libs/testing',
  'services/intake', 'services/risk-scoring', 'services/episode-tracker', 'services/notifier', 'services/web',
  'e2e',
];

export default defineConfig(
  globalIgnores(['**/dist/', '**/node_modules/', '.tools/', '.run/', '.nx/', 'infra/kafka/lib/', 'test-output/', 'coverage/']),
  js.configs.recommended,
  { languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: globals.node } },
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommended],
    rules: {
      // A dropped promise swallows its rejection (an unhandled rejection ends a Node process) and breaks ordering.
      '@typescript-eslint/no-floating-promises': 'error',
      // An async callback where a void one is expected (event emitters, Express handlers) has nobody to catch it.
      '@typescript-eslint/no-misused-promises': 'error',
      // Type-only imports vanish from the emitted JavaScript; the rule leaves files with decorators alone because
      // emitDecoratorMetadata needs the runtime import for Nest's dependency injection.
      // (`typeof import('testcontainers')` types a module that is imported lazily, only when Docker is used.)
      '@typescript-eslint/consistent-type-imports': ['error', { disallowTypeAnnotations: false }],
      '@typescript-eslint/no-explicit-any': 'error',
      // `_` marks a parameter kept for its position (Nest's exception filters, Express error handlers).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // One TypeScript program per project, from the tsconfig that includes its tests.
  ...projects.map((p) => ({
    files: [`${p}/**/*.ts`],
    languageOptions: { parserOptions: { project: `./${p}/tsconfig.spec.json`, tsconfigRootDir: import.meta.dirname } },
  })),
  // Scripts that run in the browser (the console's GOV.UK Frontend start-up).
  { files: ['services/web/static/**/*.js'], languageOptions: { globals: globals.browser } },
);
