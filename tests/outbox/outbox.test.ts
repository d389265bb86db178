import { expect, test } from 'vitest'
import { drainOutbox, enqueue, MAX_ATTEMPTS, registerOutboxHandler } from '~/modules/outbox/outbox.server'
import { prisma } from '~/utils/db.server'

test('a message written in a rolled-back transaction never runs', async () => {
  const seen: unknown[] = []
  registerOutboxHandler('test.rollback', async (p) => void seen.push(p))
  await expect(
    prisma.$transaction(async (tx) => {
      await enqueue(tx, 'test.rollback', { n: 1 })
      throw new Error('change failed')
    }),
  ).rejects.toThrow('change failed')
  await drainOutbox()
  expect(seen).toEqual([])
  expect(await prisma.outboxMessage.count({ where: { topic: 'test.rollback' } })).toBe(0)
})

test('a failing handler is retried later with backoff, then succeeds', async () => {
  let calls = 0
  registerOutboxHandler('test.flaky', async () => {
    calls++
    if (calls === 1) throw new Error('mail server down')
  })
  await prisma.$transaction((tx) => enqueue(tx, 'test.flaky', { to: 'x' }))
  await drainOutbox()
  const afterFailure = await prisma.outboxMessage.findFirstOrThrow({ where: { topic: 'test.flaky' } })
  expect(afterFailure).toMatchObject({ status: 'PENDING', attempts: 1, lastError: 'mail server down' })
  expect(afterFailure.runAfter.getTime()).toBeGreaterThan(Date.now())

  await drainOutbox() // not due yet
  expect(calls).toBe(1)
  await prisma.outboxMessage.update({ where: { id: afterFailure.id }, data: { runAfter: new Date() } })
  await drainOutbox()
  expect(calls).toBe(2)
  expect(await prisma.outboxMessage.findUniqueOrThrow({ where: { id: afterFailure.id } })).toMatchObject({ status: 'DONE', attempts: 2, lastError: null })
})

test(`a message that keeps failing is parked as FAILED after ${MAX_ATTEMPTS} attempts`, async () => {
  registerOutboxHandler('test.broken', async () => {
    throw new Error('always')
  })
  await prisma.$transaction((tx) => enqueue(tx, 'test.broken', {}))
  for (let i = 0; i < MAX_ATTEMPTS + 2; i++) {
    await prisma.outboxMessage.updateMany({ where: { topic: 'test.broken' }, data: { runAfter: new Date(0) } })
    await drainOutbox()
  }
  expect(await prisma.outboxMessage.findFirstOrThrow({ where: { topic: 'test.broken' } })).toMatchObject({ status: 'FAILED', attempts: MAX_ATTEMPTS })
})

test('two drains at once run each message once', async () => {
  let calls = 0
  registerOutboxHandler('test.once', async () => {
    calls++
  })
  await prisma.$transaction(async (tx) => {
    for (let i = 0; i < 10; i++) await enqueue(tx, 'test.once', { i })
  })
  await Promise.all([drainOutbox(), drainOutbox(), drainOutbox()])
  expect(calls).toBe(10)
})

test('slow work has its own lane: a queue of it never holds up quick messages', async () => {
  const ran: string[] = []
  registerOutboxHandler('test.slow', async () => void ran.push('slow'), { lane: 'slow' })
  registerOutboxHandler('test.quick', async () => void ran.push('quick'))
  await prisma.$transaction(async (tx) => {
    for (let i = 0; i < 5; i++) await enqueue(tx, 'test.slow', { i })
    await enqueue(tx, 'test.quick', {})
  })
  expect(await drainOutbox(20, 'fast')).toBe(1)
  expect(ran).toEqual(['quick'])
  expect(await drainOutbox(1, 'slow')).toBe(1)
  expect(ran).toEqual(['quick', 'slow'])
  while ((await drainOutbox(1, 'slow')) > 0);
  expect(ran.filter((r) => r === 'slow')).toHaveLength(5)
})
