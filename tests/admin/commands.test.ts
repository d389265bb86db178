import { beforeAll, describe, expect, test } from 'vitest'
import type { OrganizationKind, RegionType } from '~/generated/prisma/enums'
import { runAdminCommand } from '~/modules/admin/commands.server'
import { authenticateApiKey } from '~/modules/api-keys/api-keys.server'
import { prisma } from '~/utils/db.server'
import { createUser } from '../utils/routes'

const ACTOR = 'cli:operator@test-host'
const run = (...argv: string[]) => runAdminCommand(argv, ACTOR)

let taxCodeCounter = 0
async function createOrg(slug: string, kind: OrganizationKind, extra: { provinceCode?: string; regionType?: RegionType | null } = {}) {
  return prisma.organization.create({
    data: {
      slug,
      kind,
      legalForm: kind === 'PRODUCER' ? 'COOPERATIVE' : 'COMPANY',
      legalName: `Tổ chức ${slug}`,
      displayName: `Tổ chức ${slug}`,
      taxCode: String(1_000_000_000 + ++taxCodeCounter),
      addressLine: 'Thôn 1',
      commune: 'Xã Đồng Văn',
      provinceCode: extra.provinceCode ?? '08',
      regionType: extra.regionType === undefined ? (kind === 'PRODUCER' ? 'MOUNTAIN' : null) : extra.regionType,
      phone: '+84912345678',
    },
  })
}

const lastAudit = () => prisma.auditLog.findFirstOrThrow({ orderBy: { id: 'desc' } })
const auditCount = () => prisma.auditLog.count()

beforeAll(async () => {
  await createOrg('htx-che-shan-tuyet', 'PRODUCER', { provinceCode: '08', regionType: 'MOUNTAIN' })
  await createOrg('htx-toi-ly-son', 'PRODUCER', { provinceCode: '51', regionType: 'ISLAND' })
  await createOrg('co-op-mart', 'BUYER', { provinceCode: '79' })
})

describe('usage', () => {
  test('help prints every command on stdout and exits 0', async () => {
    const out = await run('help')
    expect(out.exitCode).toBe(0)
    expect(out.stderr).toBe('')
    for (const command of ['orgs list', 'org verify', 'org reject', 'org suspend', 'org restore', 'user role', 'api-key create', 'api-key list', 'api-key revoke', 'audit']) {
      expect(out.stdout).toContain(command)
    }
  })

  test('a command with --help prints its usage and runs nothing', async () => {
    const before = await auditCount()
    const out = await run('org', 'reject', '--help')
    expect(out).toMatchObject({ exitCode: 0, stderr: '' })
    expect(out.stdout).toContain('org reject --org <slug> --reason <text>')
    expect(await auditCount()).toBe(before)
  })

  test('no command, an unknown command or subcommand, or an unknown flag: usage on stderr, exit 2, recorded', async () => {
    expect(await run()).toMatchObject({ exitCode: 2, stdout: '' })

    const unknown = await run('frobnicate')
    expect(unknown).toMatchObject({ exitCode: 2, stdout: '' })
    expect(unknown.stderr).toContain('Unknown command "frobnicate"')
    expect(unknown.stderr).toContain('Usage:')
    expect(await lastAudit()).toMatchObject({ actor: ACTOR, action: 'usage-error', details: { argv: ['frobnicate'] } })

    const sub = await run('org', 'approve', '--org', 'htx-che-shan-tuyet')
    expect(sub.exitCode).toBe(2)
    expect(sub.stderr).toContain('Unknown command "org approve"')

    const flag = await run('orgs', 'list', '--bogus')
    expect(flag).toMatchObject({ exitCode: 2, stdout: '' })
    expect(flag.stderr).toContain("Unknown option '--bogus'")
    expect(await lastAudit()).toMatchObject({ action: 'orgs.list', details: { error: expect.stringContaining('--bogus') } })

    const positional = await run('orgs', 'list', 'extra')
    expect(positional.exitCode).toBe(2)
  })

  test('no stack trace reaches the operator', async () => {
    const out = await run('org', 'verify', '--org', 'nope')
    expect(out.stderr).not.toMatch(/\n\s+at /)
  })
})

describe('orgs list', () => {
  test('--json gives one array sorted by slug with province codes and null region types', async () => {
    const out = await run('orgs', 'list', '--json')
    expect(out).toMatchObject({ exitCode: 0, stderr: '' })
    const orgs = JSON.parse(out.stdout) as Record<string, unknown>[]
    expect(orgs.map((o) => o.slug)).toEqual(['co-op-mart', 'htx-che-shan-tuyet', 'htx-toi-ly-son'])
    expect(orgs[0]).toEqual({
      slug: 'co-op-mart',
      kind: 'BUYER',
      name: 'Tổ chức co-op-mart',
      province: '79',
      regionType: null,
      verificationStatus: 'UNVERIFIED',
      suspended: false,
    })
    expect(orgs[2]).toMatchObject({ province: '51', regionType: 'ISLAND', kind: 'PRODUCER' })
  })

  test('--kind filters, in any letter case; an unknown kind is a usage error', async () => {
    const producers = JSON.parse((await run('orgs', 'list', '--kind', 'PRODUCER', '--json')).stdout) as { kind: string }[]
    expect(producers).toHaveLength(2)
    expect(producers.every((o) => o.kind === 'PRODUCER')).toBe(true)
    const buyers = JSON.parse((await run('orgs', 'list', '--kind', 'buyer', '--json')).stdout) as { slug: string }[]
    expect(buyers.map((o) => o.slug)).toEqual(['co-op-mart'])
    const bad = await run('orgs', 'list', '--kind', 'FARMER')
    expect(bad.exitCode).toBe(2)
    expect(bad.stderr).toContain('--kind must be one of PRODUCER, BUYER')
  })

  test('the table for people names the province and the region, and is audited', async () => {
    const out = await run('orgs', 'list')
    expect(out.exitCode).toBe(0)
    const lines = out.stdout.trimEnd().split('\n')
    expect(lines[0]).toMatch(/^SLUG\s+KIND\s+NAME\s+PROVINCE\s+REGION\s+VERIFICATION\s+SUSPENDED$/)
    expect(lines.find((l) => l.startsWith('htx-toi-ly-son'))).toMatch(/PRODUCER\s+Tổ chức htx-toi-ly-son\s+Quảng Ngãi\s+ISLAND\s+UNVERIFIED\s+-/)
    expect(lines.at(-1)).toBe('3 organisation(s)')
    const audit = await lastAudit()
    expect(audit).toMatchObject({ actor: ACTOR, action: 'orgs.list', details: { count: 3 } })
    expect(Date.now() - audit.createdAt.getTime()).toBeLessThan(60_000)
  })
})

describe('org verify, reject, suspend, restore', () => {
  test('verify sets VERIFIED and records who did it in the same change', async () => {
    const out = await run('org', 'verify', '--org', 'htx-che-shan-tuyet')
    expect(out).toEqual({ stdout: 'htx-che-shan-tuyet: VERIFIED (was UNVERIFIED)\n', stderr: '', exitCode: 0 })
    const org = await prisma.organization.findUniqueOrThrow({ where: { slug: 'htx-che-shan-tuyet' } })
    expect(org.verificationStatus).toBe('VERIFIED')
    expect(await lastAudit()).toMatchObject({
      actor: ACTOR,
      action: 'org.verify',
      target: 'organization:htx-che-shan-tuyet',
      details: { previous: 'UNVERIFIED', status: 'VERIFIED' },
    })
  })

  test('an unknown slug: exit 1, a clear message, the failure recorded', async () => {
    const out = await run('org', 'verify', '--org', 'khong-co')
    expect(out).toEqual({ stdout: '', stderr: 'No organisation with slug "khong-co".\n', exitCode: 1 })
    expect(await lastAudit()).toMatchObject({
      action: 'org.verify',
      target: 'organization:khong-co',
      details: { org: 'khong-co', error: 'No organisation with slug "khong-co".' },
    })
  })

  test('--org is required', async () => {
    const out = await run('org', 'verify')
    expect(out.exitCode).toBe(2)
    expect(out.stderr).toContain('--org is required.')
  })

  test('reject without --reason fails and changes nothing; with a reason it rejects and keeps the reason', async () => {
    for (const argv of [['org', 'reject', '--org', 'htx-toi-ly-son'], ['org', 'reject', '--org', 'htx-toi-ly-son', '--reason', '  ']]) {
      const out = await run(...argv)
      expect(out.exitCode).not.toBe(0)
      expect(out.stderr).toContain('--reason is required.')
      expect((await prisma.organization.findUniqueOrThrow({ where: { slug: 'htx-toi-ly-son' } })).verificationStatus).toBe('UNVERIFIED')
      expect(await lastAudit()).toMatchObject({ action: 'org.reject', target: 'organization:htx-toi-ly-son', details: { error: '--reason is required.' } })
    }

    const out = await run('org', 'reject', '--org', 'htx-toi-ly-son', '--reason', 'Mã số thuế không khớp với giấy phép')
    expect(out).toMatchObject({ exitCode: 0, stdout: 'htx-toi-ly-son: REJECTED (was UNVERIFIED)\n' })
    expect((await prisma.organization.findUniqueOrThrow({ where: { slug: 'htx-toi-ly-son' } })).verificationStatus).toBe('REJECTED')
    expect(await lastAudit()).toMatchObject({ action: 'org.reject', details: { reason: 'Mã số thuế không khớp với giấy phép', status: 'REJECTED' } })
  })

  test('suspend needs a reason, hides the organisation once; restore brings it back once', async () => {
    expect((await run('org', 'suspend', '--org', 'co-op-mart')).exitCode).toBe(2)
    expect((await prisma.organization.findUniqueOrThrow({ where: { slug: 'co-op-mart' } })).suspendedAt).toBeNull()

    const suspended = await run('org', 'suspend', '--org', 'co-op-mart', '--reason', 'Tranh chấp thanh toán')
    expect(suspended).toMatchObject({ exitCode: 0, stdout: 'co-op-mart: suspended\n' })
    const org = await prisma.organization.findUniqueOrThrow({ where: { slug: 'co-op-mart' } })
    expect(org.suspendedAt).not.toBeNull()
    expect(org.suspensionReason).toBe('Tranh chấp thanh toán')
    expect(await lastAudit()).toMatchObject({ action: 'org.suspend', details: { reason: 'Tranh chấp thanh toán' } })
    const listed = JSON.parse((await run('orgs', 'list', '--kind', 'BUYER', '--json')).stdout) as { suspended: boolean }[]
    expect(listed[0].suspended).toBe(true)

    const again = await run('org', 'suspend', '--org', 'co-op-mart', '--reason', 'again')
    expect(again).toMatchObject({ exitCode: 1, stderr: 'Organisation "co-op-mart" is already suspended.\n' })
    expect((await prisma.organization.findUniqueOrThrow({ where: { slug: 'co-op-mart' } })).suspensionReason).toBe('Tranh chấp thanh toán')

    const restored = await run('org', 'restore', '--org', 'co-op-mart', '--reason', 'Đã giải quyết')
    expect(restored).toMatchObject({ exitCode: 0, stdout: 'co-op-mart: restored\n' })
    const back = await prisma.organization.findUniqueOrThrow({ where: { slug: 'co-op-mart' } })
    expect(back.suspendedAt).toBeNull()
    expect(back.suspensionReason).toBeNull()
    expect(await lastAudit()).toMatchObject({ action: 'org.restore', details: { suspensionReason: 'Tranh chấp thanh toán', reason: 'Đã giải quyết' } })

    expect(await run('org', 'restore', '--org', 'co-op-mart')).toMatchObject({ exitCode: 1, stderr: 'Organisation "co-op-mart" is not suspended.\n' })
    expect(await run('org', 'suspend', '--org', 'khong-co', '--reason', 'x')).toMatchObject({ exitCode: 1 })
  })
})

describe('user role', () => {
  test('gives and takes away a platform role by e-mail address; repeating changes nothing', async () => {
    const user = await createUser({ email: 'thanh.operator@example.com' })
    const out = await run('user', 'role', '--email', 'Thanh.Operator@Example.com', '--role', 'OPERATOR')
    expect(out).toMatchObject({ exitCode: 0, stderr: '' })
    expect(out.stdout).toContain('added OPERATOR')
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).platformRoles).toEqual(['OPERATOR'])
    expect(await lastAudit()).toMatchObject({
      actor: ACTOR,
      action: 'user.role',
      target: 'user:thanh.operator@example.com',
      details: { role: 'OPERATOR', remove: false, changed: true },
    })

    expect((await run('user', 'role', '--email', 'thanh.operator@example.com', '--role', 'OPERATOR')).stdout).toContain('unchanged')
    await run('user', 'role', '--email', 'thanh.operator@example.com', '--role', 'CAMPAIGN_MANAGER')
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).platformRoles).toEqual(['OPERATOR', 'CAMPAIGN_MANAGER'])

    const removed = await run('user', 'role', '--email', 'thanh.operator@example.com', '--role', 'OPERATOR', '--remove')
    expect(removed.stdout).toContain('removed OPERATOR')
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).platformRoles).toEqual(['CAMPAIGN_MANAGER'])
  })

  test('a phone-only user is found by a mobile number in any common notation', async () => {
    const user = await createUser({ phone: '+84987654321' })
    const out = await run('user', 'role', '--phone', '0987 654 321', '--role', 'campaign_manager')
    expect(out.exitCode).toBe(0)
    expect((await prisma.user.findUniqueOrThrow({ where: { id: user.id } })).platformRoles).toEqual(['CAMPAIGN_MANAGER'])
    expect((await lastAudit()).target).toBe('user:+84987654321')
  })

  test('an unknown user is exit 1; wrong arguments are exit 2; nothing changes', async () => {
    expect(await run('user', 'role', '--email', 'nobody@example.com', '--role', 'OPERATOR')).toMatchObject({
      exitCode: 1,
      stderr: 'No user with e-mail address nobody@example.com.\n',
    })
    expect(await lastAudit()).toMatchObject({ action: 'user.role', target: 'user:nobody@example.com', details: { error: expect.any(String) } })
    expect((await run('user', 'role', '--role', 'OPERATOR')).exitCode).toBe(2)
    expect((await run('user', 'role', '--email', 'a@example.com', '--phone', '0912345678', '--role', 'OPERATOR')).exitCode).toBe(2)
    expect((await run('user', 'role', '--email', 'not-an-address', '--role', 'OPERATOR')).exitCode).toBe(2)
    const badRole = await run('user', 'role', '--email', 'thanh.operator@example.com', '--role', 'ADMIN')
    expect(badRole.exitCode).toBe(2)
    expect(badRole.stderr).toContain('--role must be one of OPERATOR, CAMPAIGN_MANAGER')
    expect(await prisma.user.count({ where: { platformRoles: { has: 'OPERATOR' } } })).toBe(0)
  })
})

describe('api-key', () => {
  test('create prints the key alone; it authenticates as the organisation; revoke ends it', async () => {
    const out = await run('api-key', 'create', '--org', 'htx-che-shan-tuyet', '--name', 'ERP Kho Hà Nội')
    expect(out.exitCode).toBe(0)
    expect(out.stderr).toBe('')
    expect(out.stdout).toMatch(/^cvm_[A-Za-z0-9_-]{32}\n$/)
    const key = out.stdout.trimEnd()

    const auth = await authenticateApiKey(key)
    expect(auth?.organization.slug).toBe('htx-che-shan-tuyet')

    const audit = await lastAudit()
    expect(audit).toMatchObject({ actor: ACTOR, action: 'api-key.create', target: 'organization:htx-che-shan-tuyet' })
    expect(JSON.stringify(audit.details)).not.toContain(key)
    expect(JSON.stringify(audit.details)).not.toContain(key.slice(12))

    const listed = await run('api-key', 'list', '--org', 'htx-che-shan-tuyet', '--json')
    expect(listed.exitCode).toBe(0)
    expect(listed.stdout).not.toContain(key)
    const keys = JSON.parse(listed.stdout) as { id: string; name: string; prefix: string; revokedAt: string | null }[]
    expect(keys).toHaveLength(1)
    expect(keys[0]).toMatchObject({ name: 'ERP Kho Hà Nội', prefix: key.slice(0, 10), revokedAt: null })
    expect(keys[0].id).toBe(auth!.apiKeyId)

    const table = await run('api-key', 'list', '--org', 'htx-che-shan-tuyet')
    expect(table.stdout).toMatch(/^ID\s+NAME\s+PREFIX\s+CREATED\s+LAST USED\s+REVOKED/)
    expect(table.stdout).toContain('ERP Kho Hà Nội')

    // Another organisation cannot revoke it through its slug.
    expect(await run('api-key', 'revoke', '--org', 'co-op-mart', '--id', keys[0].id)).toMatchObject({ exitCode: 1 })
    expect(await authenticateApiKey(key)).not.toBeNull()

    const revoked = await run('api-key', 'revoke', '--org', 'htx-che-shan-tuyet', '--id', keys[0].id)
    expect(revoked).toMatchObject({ exitCode: 0, stderr: '' })
    expect(await authenticateApiKey(key)).toBeNull()
    expect(await lastAudit()).toMatchObject({ action: 'api-key.revoke', target: 'organization:htx-che-shan-tuyet', details: { apiKeyId: keys[0].id } })

    const twice = await run('api-key', 'revoke', '--org', 'htx-che-shan-tuyet', '--id', keys[0].id)
    expect(twice).toMatchObject({ exitCode: 1, stdout: '' })
    expect(twice.stderr).toContain('No active API key')
  })

  test('create for an unknown organisation or without a name: non-zero exit, no key', async () => {
    const before = await prisma.apiKey.count()
    const unknown = await run('api-key', 'create', '--org', 'khong-co', '--name', 'ERP')
    expect(unknown).toEqual({ stdout: '', stderr: 'No organisation with slug "khong-co".\n', exitCode: 1 })
    expect(await lastAudit()).toMatchObject({ action: 'api-key.create', target: 'organization:khong-co', details: { name: 'ERP', error: expect.any(String) } })
    expect((await run('api-key', 'create', '--org', 'htx-toi-ly-son')).exitCode).toBe(2)
    expect((await run('api-key', 'create', '--org', 'htx-toi-ly-son', '--name', '   ')).exitCode).toBe(2)
    expect((await run('api-key', 'create', '--org', 'htx-toi-ly-son', '--name', 'x'.repeat(101))).exitCode).toBe(2)
    expect(await prisma.apiKey.count()).toBe(before)
    expect((await run('api-key', 'list', '--org', 'khong-co')).exitCode).toBe(1)
  })
})

describe('audit', () => {
  test('--json lists the latest rows first with who, what and when', async () => {
    await run('org', 'verify', '--org', 'htx-che-shan-tuyet')
    const out = await run('audit', '--limit', '3', '--json')
    expect(out).toMatchObject({ exitCode: 0, stderr: '' })
    const rows = JSON.parse(out.stdout) as { id: string; actor: string; action: string; target: string | null; createdAt: string }[]
    expect(rows).toHaveLength(3)
    expect(rows[0]).toMatchObject({ actor: ACTOR, action: 'org.verify', target: 'organization:htx-che-shan-tuyet' })
    expect(Number.isNaN(Date.parse(rows[0].createdAt))).toBe(false)
    expect(BigInt(rows[0].id) > BigInt(rows[1].id)).toBe(true)
    // The listing itself is recorded too.
    expect(await lastAudit()).toMatchObject({ action: 'audit.list', details: { limit: '3', count: 3 } })
  })

  test('--target narrows to one organisation; the table has a header', async () => {
    const rows = JSON.parse((await run('audit', '--target', 'organization:co-op-mart', '--json')).stdout) as { target: string }[]
    expect(rows.length).toBeGreaterThan(0)
    expect(rows.every((r) => r.target === 'organization:co-op-mart')).toBe(true)
    const table = await run('audit', '--limit', '5')
    expect(table.stdout.split('\n')[0]).toMatch(/^TIME \(UTC\+7\)\s+ACTOR\s+ACTION\s+TARGET\s+DETAILS$/)
  })

  test('--limit must be a whole number from 1 to 1000', async () => {
    for (const limit of ['0', '1001', 'ten', '2.5']) expect((await run('audit', '--limit', limit)).exitCode).toBe(2)
  })
})
