// Gives each test file its own migrated database before any app module touches `prisma`.
import { readFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { afterAll } from 'vitest'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPg } from '@prisma/adapter-pg'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import pg from 'pg'
import { PrismaClient } from '~/generated/prisma/client'
import { setDatabaseForTests } from '~/utils/db.server'

const url = process.env.TEST_DATABASE_URL
if (url) {
  const name = `cvm_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${process.env.TEST_TEMPLATE_DATABASE}"`)
  const fileUrl = new URL(url)
  fileUrl.pathname = `/${name}`
  const client = new PrismaClient({ adapter: new PrismaPg({ connectionString: fileUrl.toString() }) })
  setDatabaseForTests(client)
  afterAll(async () => {
    await client.$disconnect()
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    await admin.end()
  })
} else {
  const template = readFileSync(process.env.TEST_PGLITE_TEMPLATE!)
  const pglite = await PGlite.create({ loadDataDir: new Blob([template]) })
  const client = new PrismaClient({ adapter: new PrismaPGlite(pglite) })
  setDatabaseForTests(client)
  afterAll(async () => {
    await client.$disconnect()
    await pglite.close()
  })
}
