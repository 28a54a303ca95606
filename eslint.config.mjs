import tsParser from '@typescript-eslint/parser';

/*
 * The import fence, and only that (formatting and style are not linted: files are not
 * mass-reformatted). Across packages only the bare `@trellis/<pkg>` specifier is allowed,
 * so each package's src/index.ts is its whole public surface; nothing reaches into
 * Fastify's private modules. Inside a package, relative imports (tests included) are free.
 */
const PACKAGES = 'metadata|fastify|swagger|cli|create-trellis';

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', 'test-output/**', 'bench/**', 'docs/.vitepress/**'] },
  {
    files: ['**/*.ts', '**/*.mts', '**/*.cts'],
    languageOptions: { parser: tsParser, ecmaVersion: 2022, sourceType: 'module' },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^@trellis/[^/]+/.', message: 'Import the package itself (`@trellis/<pkg>`): its src/index.ts is its public surface.' },
            { regex: `(^|/)\\.\\./(${PACKAGES})/`, message: "Another package's files are internal: import `@trellis/<pkg>` instead." },
            { regex: '(^|/)packages/', message: "A package's files are internal: import `@trellis/<pkg>` instead." },
            { regex: '^\\.{1,2}/(.*/)?dist(/|$)', message: 'Import the package (`@trellis/<pkg>`), never its build output.' },
            { regex: '^fastify/lib(/|$)', message: "Fastify's lib/ is private: use its public API." },
          ],
        },
      ],
    },
  },
];
