// `npm run db:new-migration -- <name>`: writes the SQL that takes the last migrated schema
// (prisma/migrations/schema.snapshot.prisma) to prisma/schema.prisma as a new migration folder.
// Works offline with no database: the diff is between two schema texts.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import {
  diffSchemas,
  LOCKFILE_CONTENT,
  LOCKFILE_NAME,
  MIGRATIONS_DIR,
  ROOT_DIR,
  SCHEMA_PATH,
  SNAPSHOT_PATH,
} from './lib/schema-engine.ts'

function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\D/g, '').slice(0, 14) // YYYYMMDDHHMMSS, UTC like Prisma
}

async function main() {
  const rawName = process.argv.slice(2).join('_')
  const name = rawName.toLowerCase().replace(/[^a-z0-9_]+/g, '_').replace(/^_+|_+$/g, '')
  if (!name) {
    console.error('Usage: npm run db:new-migration -- <name>   (e.g. add_product_table)')
    process.exit(1)
  }
  const schema = readFileSync(SCHEMA_PATH, 'utf8')
  const snapshot = existsSync(SNAPSHOT_PATH) ? readFileSync(SNAPSHOT_PATH, 'utf8') : null
  const sql = await diffSchemas(snapshot, schema)
  if (!sql) {
    console.log('No changes: prisma/schema.prisma matches the last migration.')
    return
  }
  const dir = path.join(MIGRATIONS_DIR, `${timestamp()}_${name}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(path.join(dir, 'migration.sql'), sql)
  writeFileSync(SNAPSHOT_PATH, schema)
  const lockfile = path.join(MIGRATIONS_DIR, LOCKFILE_NAME)
  if (!existsSync(lockfile)) writeFileSync(lockfile, LOCKFILE_CONTENT)
  console.log(`Created ${path.relative(ROOT_DIR, dir)}/migration.sql. Review it, then run npm run db:migrate.`)
}

main().catch((error: unknown) => {
  console.error(`db:new-migration failed: ${error instanceof Error ? error.message : String(error)}`)
  process.exit(1)
})
