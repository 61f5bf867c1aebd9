// ESLint with typescript-eslint's type-aware rules (recommendedTypeChecked) over everything the
// project runs: src, db, tests, bench, scripts and the config files. `npm run lint`; part of npm test.
import eslint from '@eslint/js';
import { defineConfig } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default defineConfig(
  { ignores: ['dist/**', 'coverage/**', 'test-results/**', 'node_modules/**', 'bench/results/**', 'bench/data/**'] },
  eslint.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: {
        projectService: {
          // Files no tsconfig includes: the configs and the plain-JavaScript scripts.
          allowDefaultProject: ['*.js', '*.ts', 'scripts/*.mjs', 'db/drizzle*.config.ts'],
          defaultProject: 'tsconfig.base.json',
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // `async` without `await` is deliberate here: Fastify plugins and hooks are async functions, and
      // the SQLite store's synchronous methods are async so a throw becomes a rejection (Store is async).
      '@typescript-eslint/require-await': 'off',
      // A leading underscore names what a signature or destructuring must have but does not use.
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
    },
  },
  {
    files: ['tests/**'],
    rules: {
      // Tests read response bodies as untyped JSON and check them with expect(): the assertion is the
      // type check there, and typing every body would only restate the schemas the tests verify.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
