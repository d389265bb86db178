// The operators' commands for API keys' limits per order: `api-key create --order-limit`, `api-key limit`
// (set or remove), and `api-key list` showing the limit and whether the key approves orders.
import { beforeAll, describe, expect, test } from 'vitest'
import { runAdminCommand } from '~/modules/admin/commands.server'
import { authenticateApiKey, updateApiKeyPurchasing } from '~/modules/api-keys/api-keys.server'
import { prisma } from '~/utils/db.server'
import { makeOrg } from '../catalog/fixtures'

const ACTOR = 'cli:operator@test-host'
const run = (...argv: string[]) => runAdminCommand(argv, ACTOR)
const lastAudit = () => prisma.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } })
const limitOf = async (id: string) => (await prisma.apiKey.findUniqueOrThrow({ where: { id }, select: { orderLimitVnd: true } })).orderLimitVnd

let buyer: { id: string; slug: string }
let other: { id: string; slug: string }
let producer: { id: string; slug: string }

beforeAll(async () => {
  ;[buyer, other, producer] = await Promise.all([makeOrg('BUYER', { name: 'Co.op Mart' }), makeOrg('BUYER', { name: 'WinMart' }), makeOrg('PRODUCER')])
})

/** Creates a key by the CLI and answers its id. */
async function createKey(...extra: string[]) {
  const out = await run('api-key', 'create', '--org', buyer.slug, '--name', 'ERP Co.op', ...extra)
  expect(out.stderr).toBe('')
  expect(out.exitCode).toBe(0)
  const auth = await authenticateApiKey(out.stdout.trimEnd())
  return auth!.apiKeyId
}

describe('api-key create --order-limit', () => {
  test('stores the limit (as typed with dots), prints the key alone, audits the limit; list shows it', async () => {
    const id = await createKey('--order-limit', '50.000.000')
    expect(await limitOf(id)).toBe(50_000_000n)
    expect(await lastAudit()).toMatchObject({ actor: ACTOR, action: 'api-key.create', details: { apiKeyId: id, orderLimitVnd: '50000000' } })

    await updateApiKeyPurchasing(buyer.id, id, { canApproveOrders: true })
    const json = await run('api-key', 'list', '--org', buyer.slug, '--json')
    const keys = JSON.parse(json.stdout) as { id: string; orderLimit: unknown; canApproveOrders: boolean }[]
    expect(keys.find((k) => k.id === id)).toMatchObject({ orderLimit: { amount: '50000000', currency: 'VND' }, canApproveOrders: true })

    const table = await run('api-key', 'list', '--org', buyer.slug)
    expect(table.stdout).toMatch(/^ID\s+NAME\s+PREFIX\s+CREATED\s+LAST USED\s+REVOKED\s+ORDER LIMIT\s+APPROVES\n/)
    const row = table.stdout.split('\n').find((line) => line.startsWith(id))!
    expect(row).toMatch(/50,000,000 VND\s+yes$/)
  })

  test('without --order-limit the key has none (list: "-" and null)', async () => {
    const id = await createKey()
    expect(await limitOf(id)).toBeNull()
    const keys = JSON.parse((await run('api-key', 'list', '--org', buyer.slug, '--json')).stdout) as { id: string; orderLimit: unknown; canApproveOrders: boolean }[]
    expect(keys.find((k) => k.id === id)).toMatchObject({ orderLimit: null, canApproveOrders: false })
    const row = (await run('api-key', 'list', '--org', buyer.slug)).stdout.split('\n').find((line) => line.startsWith(id))!
    expect(row).toMatch(/-\s+no$/)
  })

  test('a bad amount is wrong usage (exit 2, no key); a producer\'s key takes no limit (exit 1, no key)', async () => {
    const before = await prisma.apiKey.count()
    for (const amount of ['abc', '0', '-5', '1,5', 'none', '2000000000000']) {
      const out = await run('api-key', 'create', '--org', buyer.slug, '--name', 'ERP', `--order-limit=${amount}`)
      expect(out.exitCode, amount).toBe(2)
      expect(out.stdout).toBe('')
      expect(out.stderr).toContain('--order-limit must be a whole number of đồng')
    }
    expect(await lastAudit()).toMatchObject({ action: 'api-key.create', details: { 'order-limit': '2000000000000', error: expect.any(String) } })
    const producerOut = await run('api-key', 'create', '--org', producer.slug, '--name', 'Kho', '--order-limit', '1000000')
    expect(producerOut).toMatchObject({ exitCode: 1, stdout: '' })
    expect(producerOut.stderr).toContain('producer')
    expect(await prisma.apiKey.count()).toBe(before)
  })
})

describe('api-key limit', () => {
  test('sets, changes and removes a limit (none); each change is audited; the same value again says unchanged and is still recorded', async () => {
    const id = await createKey()
    const set = await run('api-key', 'limit', '--org', buyer.slug, '--id', id, '--order-limit', '20000000')
    expect(set).toEqual({ exitCode: 0, stderr: '', stdout: `API key ${id} of ${buyer.slug}: limit per order now 20,000,000 VND.\n` })
    expect(await limitOf(id)).toBe(20_000_000n)
    expect(await lastAudit()).toMatchObject({ actor: ACTOR, action: 'api-key.limit', target: `organization:${buyer.slug}`, details: { apiKeyId: id, from: null, to: '20000000' } })

    const same = await run('api-key', 'limit', '--org', buyer.slug, '--id', id, '--order-limit', '20.000.000')
    expect(same.stdout).toBe(`API key ${id} of ${buyer.slug}: limit per order unchanged, 20,000,000 VND.\n`)
    expect(await lastAudit()).toMatchObject({ action: 'api-key.limit', details: { id, 'order-limit': '20.000.000' } })

    const removed = await run('api-key', 'limit', '--org', buyer.slug, '--id', id, '--order-limit', 'NONE')
    expect(removed.stdout).toBe(`API key ${id} of ${buyer.slug}: limit per order now none.\n`)
    expect(await limitOf(id)).toBeNull()
    expect(await lastAudit()).toMatchObject({ action: 'api-key.limit', details: { apiKeyId: id, from: '20000000', to: null } })
  })

  test('another organisation\'s, an unknown or a revoked key: exit 1, nothing changed', async () => {
    const id = await createKey('--order-limit', '3000000')
    for (const [org, key] of [
      [other.slug, id],
      [buyer.slug, 'khong-co'],
    ]) {
      const out = await run('api-key', 'limit', '--org', org, '--id', key, '--order-limit', '1')
      expect(out).toMatchObject({ exitCode: 1, stdout: '' })
      expect(out.stderr).toContain('No active API key')
    }
    expect((await run('api-key', 'revoke', '--org', buyer.slug, '--id', id)).exitCode).toBe(0)
    expect((await run('api-key', 'limit', '--org', buyer.slug, '--id', id, '--order-limit', '1')).exitCode).toBe(1)
    expect(await limitOf(id)).toBe(3_000_000n)
    expect(await lastAudit()).toMatchObject({ action: 'api-key.limit', details: { error: expect.stringContaining('No active API key') } })
  })

  test('wrong usage: a missing or bad --order-limit, a producer; help lists the command', async () => {
    const id = await createKey()
    expect((await run('api-key', 'limit', '--org', buyer.slug, '--id', id)).exitCode).toBe(2)
    expect((await run('api-key', 'limit', '--org', buyer.slug, '--id', id, '--order-limit', 'mười triệu')).exitCode).toBe(2)
    expect(await limitOf(id)).toBeNull()
    const producerKey = await prisma.apiKey.create({ data: { organizationId: producer.id, name: 'Kho', prefix: 'cvm_abcdef', keyHash: `hash-${Date.now()}` } })
    const out = await run('api-key', 'limit', '--org', producer.slug, '--id', producerKey.id, '--order-limit', '1000000')
    expect(out.exitCode).toBe(1)
    expect(out.stderr).toContain('only a buyer organisation')
    const help = await run('help', 'api-key')
    expect(help.stdout).toContain('api-key limit --org <slug> --id <key id> --order-limit <đồng|none>')
    expect(help.stdout).toContain('api-key create --org <slug> --name <label> [--order-limit <đồng>]')
  })
})
