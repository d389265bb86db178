import path from 'node:path'
import { mkdirSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import { PrismaClient } from '~/generated/prisma/client'
import { env } from './env.server'
import { acquireDataDirLock, releaseDataDirLock } from './data-dir-lock.server'

export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0]

let client: PrismaClient | undefined
let closeCurrent: (() => Promise<void>) | undefined

/** PGlite in DATA_DIR when DATABASE_URL is unset, PostgreSQL otherwise. */
function open(): PrismaClient {
  const { DATABASE_URL, DATA_DIR } = env()
  if (DATABASE_URL) {
    const c = new PrismaClient({ adapter: new PrismaPg({ connectionString: DATABASE_URL }) })
    closeCurrent = () => c.$disconnect()
    return c
  }
  const dataDir = path.resolve(DATA_DIR, 'pgdata')
  mkdirSync(dataDir, { recursive: true })
  acquireDataDirLock(dataDir, 15_000) // an admin command run without the app may hold it for a moment
  const pglite = new PGlite(dataDir)
  const c = new PrismaClient({ adapter: new PrismaPGlite(pglite) })
  closeCurrent = async () => {
    await c.$disconnect()
    await pglite.close()
    releaseDataDirLock(dataDir)
  }
  return c
}

/** The one Prisma client of the process, opened on first use. */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    client ??= open()
    const value = Reflect.get(client, property, client)
    return typeof value === 'function' ? value.bind(client) : value
  },
})

/** Tests give each file its own database. */
export function setDatabaseForTests(c: PrismaClient) {
  client = c
  closeCurrent = () => c.$disconnect()
}

export async function closeDatabase() {
  const close = closeCurrent
  client = undefined
  closeCurrent = undefined
  await close?.()
}

// remix-serve closes its listener on SIGTERM, but an open pool or PGlite keeps the process alive.
if (!process.env.VITEST) {
  // A repeated signal (npm and the terminal both forward Ctrl-C) must not cut the close short.
  let stopping = false
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.on(signal, () => {
      if (stopping) return
      stopping = true
      void closeDatabase().finally(() => process.exit(0))
    })
  }
}
