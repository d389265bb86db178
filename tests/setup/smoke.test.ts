import { expect, test } from 'vitest'
import { prisma } from '~/utils/db.server'

test('each test file starts on its own empty, migrated database', async () => {
  expect(await prisma.user.count()).toBe(0)
  await prisma.user.create({ data: { name: 'Smoke', email: 'smoke@example.com', passwordHash: 'x' } })
  expect(await prisma.user.count()).toBe(1)
})
