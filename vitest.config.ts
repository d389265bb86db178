import { defineConfig } from 'vitest/config'
import tsconfigPaths from 'vite-tsconfig-paths'

// Unit and integration tests. Every test file gets its own migrated database (tests/setup/database.ts):
// an in-memory PGlite clone by default, a fresh PostgreSQL database when TEST_DATABASE_URL is set.
export default defineConfig({
  plugins: [tsconfigPaths()],
  test: {
    include: ['tests/**/*.test.ts', 'app/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    globalSetup: ['tests/setup/global.ts'],
    setupFiles: ['tests/setup/database.ts'],
    env: {
      NODE_ENV: 'test',
      SESSION_SECRET: 'test-session-secret-that-is-long-enough-0123456789',
      APP_URL: 'http://localhost:3000',
      DATA_DIR: 'data/test-unused',
    },
    pool: 'forks',
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
