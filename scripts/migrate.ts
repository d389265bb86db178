// `npm run db:migrate`: applies pending migrations to the app's database, like `prisma migrate deploy`
// but through the WebAssembly schema engine, so it works offline and on the embedded PGlite.
// DATABASE_URL set → that PostgreSQL server; unset → PGlite in <DATA_DIR>/pgdata (DATA_DIR default ./data).
import { mkdirSync } from 'node:fs'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import cliProgress from 'cli-progress'
import { acquireDataDirLock, releaseDataDirLock } from '../app/utils/data-dir-lock.server.ts'
import { applyMigrations, type MigrationTarget } from './lib/schema-engine.ts'

export interface MigrateResult {
  applied: string[]
  pending: string[]
  database: string
}

function describe(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return 'PostgreSQL (unparsable DATABASE_URL)'
  }
}

/** Applies pending migrations; `pending` lists what is left after a failure (the error is rethrown). */
export async function migrateDatabase(
  opts: { onPending?(names: string[]): void; onProgress?(name: string): void } = {},
): Promise<MigrateResult> {
  const url = process.env.DATABASE_URL
  let target: MigrationTarget
  let database: string
  let pgdata: string | undefined
  if (url) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new Error(`DATABASE_URL must start with postgres:// or postgresql:// (got "${url.split(':')[0]}:…").`)
    }
    target = { kind: 'postgres', url }
    database = describe(url)
  } else {
    const dataDir = process.env.DATA_DIR || './data'
    pgdata = path.join(dataDir, 'pgdata')
    acquireDataDirLock(pgdata, 15_000) // <DATA_DIR>/pgdata.lock, shared with the app (app/utils/db.server.ts)
    mkdirSync(pgdata, { recursive: true })
    target = { kind: 'pglite', dataDir: pgdata }
    database = `embedded ${dataDir.startsWith('/') ? pgdata : `./${pgdata}`}`
  }
  let pending: string[] | undefined // unknown until the database has been read
  const applied: string[] = []
  try {
    await applyMigrations(target, {
      onPending(names) {
        pending = [...names]
        opts.onPending?.(names)
      },
      onProgress(name) {
        applied.push(name)
        pending = pending?.filter((p) => p !== name)
        opts.onProgress?.(name)
      },
    })
    return { applied, pending: pending ?? [], database }
  } catch (error) {
    const failed = pending?.[0]
    const message = (error instanceof Error ? error.message : String(error)).trim()
    throw Object.assign(new Error(failed ? `Migration ${failed} failed: ${message}` : message, { cause: error }), {
      result: pending && ({ applied, pending, database } satisfies MigrateResult),
    })
  } finally {
    if (pgdata) releaseDataDirLock(pgdata)
  }
}

function summary({ applied, pending, database }: MigrateResult): string {
  return `Migrations: ${applied.length} applied, ${pending.length} pending (database: ${database})`
}

async function main() {
  let bar: cliProgress.SingleBar | undefined
  let pending: string[] = []
  try {
    const result = await migrateDatabase({
      onPending(names) {
        pending = names
        if (names.length === 0) return
        if (process.stdout.isTTY) {
          bar = new cliProgress.SingleBar(
            { format: 'Migrating [{bar}] {value}/{total} {migration}', hideCursor: true },
            cliProgress.Presets.shades_classic,
          )
          bar.start(names.length, 0, { migration: names[0] })
        } else {
          console.log(`Applying ${names.length} migration(s)…`)
        }
      },
      onProgress(name) {
        // The bar names the migration being applied next.
        if (bar) bar.increment({ migration: pending[pending.indexOf(name) + 1] ?? '' })
        else console.log(`  applied ${name}`)
      },
    })
    bar?.stop()
    const seconds = process.uptime().toFixed(1)
    console.log(`${summary(result)} in ${seconds}s`)
  } catch (error) {
    bar?.stop()
    const result = (error as { result?: MigrateResult }).result
    console.error(`db:migrate failed: ${error instanceof Error ? error.message : String(error)}`)
    if (result) console.error(summary(result))
    process.exitCode = 1
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) await main()
