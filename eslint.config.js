// @ts-check
import tseslint from 'typescript-eslint';

/** Imports a folder may not make: the layering rule of docs/ARCHITECTURE.md, enforced. */
const forbid = (patterns) => ({ 'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group: [group], message: 'layering: see docs/ARCHITECTURE.md' })) }] });

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', 'bench/results/**'] },
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      // Fastify plugins and hooks are async by contract, with or without an await inside.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true, named: true, defaultFrom: true, namedFrom: true, namespaceFrom: true } }],
      camelcase: ['error', { properties: 'never', ignoreDestructuring: true }],
    },
  },
  { files: ['src/model/**', 'src/lib/**'], rules: forbid(['**/store/**', '**/services/**', '**/http/**', '**/realtime/**', '**/cluster/**', '**/authz/**', '**/events/**', 'fastify', 'kysely', 'ws', 'ioredis']) },
  { files: ['src/store/**'], rules: forbid(['**/services/**', '**/http/**', '**/realtime/**', '**/cluster/**', 'fastify', 'ws', 'ioredis']) },
  { files: ['src/authz/**', 'src/events/**'], rules: forbid(['**/store/**', '**/services/**', '**/http/**', '**/realtime/**', '**/cluster/**', 'fastify', 'kysely', 'ws', 'ioredis']) },
  { files: ['src/services/**'], rules: forbid(['**/http/**', '**/realtime/**', '**/cluster/**', 'fastify', '@fastify/*', 'kysely', 'ws', 'ioredis']) },
  { files: ['src/http/**', 'src/realtime/**'], rules: forbid(['**/store/**', '**/cluster/**', 'kysely', 'ioredis']) },
  { files: ['src/cluster/**'], rules: forbid(['**/store/**', '**/http/**', '**/realtime/**', 'fastify', '@fastify/*', 'kysely', 'ws']) },
  { files: ['eslint.config.js', 'vitest.config.ts'], ...tseslint.configs.disableTypeChecked },
  { files: ['eslint.config.js', 'vitest.config.ts'], rules: { 'no-restricted-exports': 'off' } },
  { files: ['test/**', 'bench/**'], rules: { '@typescript-eslint/no-unsafe-assignment': 'off', '@typescript-eslint/no-unsafe-member-access': 'off', '@typescript-eslint/no-unsafe-return': 'off' } },
);
