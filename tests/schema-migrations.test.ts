// The migrations folder must describe prisma/schema.prisma exactly, and apply cleanly on the embedded
// PGlite and (when TEST_DATABASE_URL is set) on PostgreSQL.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  acquireDataDirLock,
  dataDirLockPath,
  releaseDataDirLock,
} from '../app/utils/data-dir-lock.server.ts'
import {
  applyMigrations,
  diffDatabaseToSchema,
  diffSchemas,
  listMigrations,
  MIGRATIONS_DIR,
  SCHEMA_PATH,
  SNAPSHOT_PATH,
} from '../scripts/lib/schema-engine.ts'

const schema = readFileSync(SCHEMA_PATH, 'utf8')
const migrations = listMigrations()

describe('migrations folder', () => {
  it('has a migration for every change in prisma/schema.prisma', async () => {
    expect(migrations.length, 'no migrations: run npm run db:new-migration -- init').toBeGreaterThan(0)
    const snapshot = existsSync(SNAPSHOT_PATH) ? readFileSync(SNAPSHOT_PATH, 'utf8') : null
    const missing = await diffSchemas(snapshot, schema)
    expect(
      missing,
      'prisma/schema.prisma changed without a migration: run npm run db:new-migration -- <name>',
    ).toBe('')
  })

  it('is locked to PostgreSQL like prisma migrate expects', () => {
    expect(readFileSync(path.join(MIGRATIONS_DIR, 'migration_lock.toml'), 'utf8')).toMatch(
      /^provider = "postgresql"$/m,
    )
  })
})

async function tableNames(query: (sql: string) => Promise<{ rows: unknown[] }>): Promise<string[]> {
  const { rows } = await query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`)
  return (rows as { tablename: string }[]).map((row) => row.tablename)
}

async function migrationRows(query: (sql: string) => Promise<{ rows: unknown[] }>) {
  const { rows } = await query(
    `SELECT migration_name, finished_at IS NOT NULL AS finished, rolled_back_at IS NULL AS current
       FROM _prisma_migrations ORDER BY migration_name`,
  )
  return rows
}

const expectedRows = () => migrations.map((name) => ({ migration_name: name, finished: true, current: true }))

describe('migrations on the embedded PGlite', () => {
  let db: PGlite
  const query = (sql: string) => db.query(sql)

  beforeAll(async () => {
    db = await PGlite.create()
  })
  afterAll(async () => {
    await db?.close()
  })

  it('apply to an empty database and record each one in _prisma_migrations', async () => {
    const progress: string[] = []
    const { applied } = await applyMigrations({ kind: 'pglite', dataDir: db }, { onProgress: (n) => progress.push(n) })
    expect(applied).toEqual(migrations)
    expect(progress).toEqual(migrations)
    expect(await tableNames(query)).toEqual(expect.arrayContaining(['User', 'Organization', '_prisma_migrations']))
    expect(await migrationRows(query)).toEqual(expectedRows())
  })

  it('produce exactly the schema in prisma/schema.prisma', async () => {
    expect(
      await diffDatabaseToSchema({ kind: 'pglite', dataDir: db }, schema),
      'the migrations do not produce prisma/schema.prisma (edited migration.sql or snapshot?)',
    ).toBe('')
  })

  it('apply nothing the second time', async () => {
    expect(await applyMigrations({ kind: 'pglite', dataDir: db })).toEqual({ applied: [] })
    expect(await migrationRows(query)).toEqual(expectedRows())
  })

  it('stop at a failing migration without recording it as applied', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'bad-migrations-'))
    try {
      for (const [name, sql] of [
        ['29990101000000_ok', 'CREATE TABLE "MigrationProbe" (id int);'],
        ['29990101000001_broken', 'CREATE TABLE "Broken" (id int REFERENCES "Nowhere"(id));'],
        ['29990101000002_after', 'CREATE TABLE "After" (id int);'],
      ]) {
        mkdirSync(path.join(dir, name))
        writeFileSync(path.join(dir, name, 'migration.sql'), sql)
      }
      const progress: string[] = []
      await expect(
        applyMigrations({ kind: 'pglite', dataDir: db }, { migrationsDir: dir, onProgress: (n) => progress.push(n) }),
      ).rejects.toThrow(/Nowhere/)
      expect(progress).toEqual(['29990101000000_ok'])
      const { rows } = await db.query<{ migration_name: string; finished: boolean }>(
        `SELECT migration_name, finished_at IS NOT NULL AS finished
           FROM _prisma_migrations WHERE migration_name LIKE '2999%' ORDER BY 1`,
      )
      expect(rows).toEqual([
        { migration_name: '29990101000000_ok', finished: true },
        { migration_name: '29990101000001_broken', finished: false },
      ])
      expect(await tableNames(query)).not.toContain('After')
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

// Skipped in the PGlite run only: .ci/run runs the suite again with TEST_DATABASE_URL, where this runs.
describe.skipIf(!process.env.TEST_DATABASE_URL)('migrations on PostgreSQL (TEST_DATABASE_URL)', () => {
  // The describe body runs even when skipped, so nothing here may parse the URL.
  const database = `migrations_test_${process.pid}_${Date.now()}`
  let url: string
  let admin: pg.Client
  let client: pg.Client
  const query = (sql: string) => client.query(sql)

  beforeAll(async () => {
    const serverUrl = process.env.TEST_DATABASE_URL ?? ''
    url = Object.assign(new URL(serverUrl), { pathname: `/${database}` }).toString()
    admin = new pg.Client({ connectionString: serverUrl })
    client = new pg.Client({ connectionString: url })
    await admin.connect()
    await admin.query(`CREATE DATABASE "${database}"`)
  })
  afterAll(async () => {
    await client?.end().catch(() => {})
    await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`)
    await admin.end()
  })

  it('apply to a new database, then apply nothing the second time', async () => {
    expect(await applyMigrations({ kind: 'postgres', url })).toEqual({ applied: migrations })
    await client.connect()
    expect(await tableNames(query)).toEqual(expect.arrayContaining(['User', 'Organization', '_prisma_migrations']))
    expect(await migrationRows(query)).toEqual(expectedRows())
    expect(await applyMigrations({ kind: 'postgres', url })).toEqual({ applied: [] })
    expect(await migrationRows(query)).toEqual(expectedRows())
  })
})

describe('embedded database lock', () => {
  let root: string
  let dataDir: string
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'data-dir-lock-'))
    dataDir = path.join(root, 'pgdata')
  })
  afterAll(() => rmSync(root, { recursive: true, force: true }))

  it('lives next to the PGlite directory, as <DATA_DIR>/pgdata.lock', () => {
    expect(dataDirLockPath(dataDir)).toBe(path.join(root, 'pgdata.lock'))
  })

  it('refuses a directory held by a live process', () => {
    writeFileSync(dataDirLockPath(dataDir), String(process.ppid))
    expect(() => acquireDataDirLock(dataDir)).toThrow(
      `The embedded database in ${dataDir} is in use by process ${process.ppid}. Stop it first or set DATABASE_URL.`,
    )
    rmSync(dataDirLockPath(dataDir))
  })

  it('takes over the lock of a dead process and releases only its own', () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString()
    writeFileSync(dataDirLockPath(dataDir), dead)
    acquireDataDirLock(dataDir)
    expect(readFileSync(dataDirLockPath(dataDir), 'utf8')).toBe(String(process.pid))
    releaseDataDirLock(dataDir)
    expect(existsSync(dataDirLockPath(dataDir))).toBe(false)

    writeFileSync(dataDirLockPath(dataDir), String(process.ppid))
    releaseDataDirLock(dataDir)
    expect(readFileSync(dataDirLockPath(dataDir), 'utf8')).toBe(String(process.ppid))
  })

  it('waits for a holder that lets go within the wait, and gives up on one that does not', () => {
    const lock = dataDirLockPath(dataDir)
    // Another process holds the lock and releases it (removes the file) after 0.7 s, staying alive.
    const holder = spawn(process.execPath, ['-e', 'setTimeout(() => require("fs").rmSync(process.argv[1]), 700); setTimeout(() => {}, 5000)', lock])
    writeFileSync(lock, String(holder.pid))
    try {
      expect(() => acquireDataDirLock(dataDir, 200)).toThrow(/is in use by process/)
      const started = Date.now()
      acquireDataDirLock(dataDir, 10_000)
      expect(Date.now() - started).toBeGreaterThan(200)
      expect(readFileSync(lock, 'utf8')).toBe(String(process.pid))
      releaseDataDirLock(dataDir)
    } finally {
      holder.kill()
    }
  })
})
