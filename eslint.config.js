import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['build/', 'app/generated/', 'node_modules/', 'data/', 'test-results/', 'playwright-report/', 'tests/output/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error', 'log'] }],
    },
  },
  {
    // Routes are adapters: they call modules, they never query the database themselves (STYLE.md).
    files: ['app/routes/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['~/utils/db.server', '**/utils/db.server'], message: 'Routes call module functions; they do not use the Prisma client.' },
            { group: ['~/generated/prisma/client', '**/generated/prisma/client'], message: 'Routes call module functions; they do not use the Prisma client.' },
          ],
        },
      ],
    },
  },
)
