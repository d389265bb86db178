import { PrismaPg } from '@prisma/adapter-pg'
import { expect, test } from 'vitest'
import { PrismaClient } from '~/generated/prisma/client'
import { loader } from '~/routes/healthz'
import { setDatabaseForTests } from '~/utils/db.server'

test('/healthz is 200 while the database answers and 503 when it does not', async () => {
  const ok = await loader()
  expect(ok.status).toBe(200)
  expect(await ok.json()).toEqual({ status: 'ok' })

  const unreachable = new PrismaClient({
    adapter: new PrismaPg({ connectionString: 'postgres://nobody@127.0.0.1:1/none', connectionTimeoutMillis: 500 }),
  })
  setDatabaseForTests(unreachable) // the last test of this file: its own database is closed by the setup anyway
  const down = await loader()
  expect(down.status).toBe(503)
  expect(await down.json()).toEqual({ status: 'unavailable' })
  await unreachable.$disconnect()
})
