// `prisma generate` only checks that a schema engine path exists; migrations run through the
// WebAssembly engine in scripts/migrate.ts, so no native engine is downloaded.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= '/dev/null'

import { defineConfig } from 'prisma/config'

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
})
