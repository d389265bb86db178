// The demo data: what `npm run seed` puts in an empty database, that it is coherent (every tax code valid,
// every organisation owned), that the README's logins work, and that running it again changes nothing.
import { beforeAll, describe, expect, test } from 'vitest'
import { login } from '~/modules/accounts/accounts.server'
import { provinceCodes } from '~/modules/geo/provinces'
import { isValidTaxCode } from '~/modules/organizations/tax-code'
import { prisma } from '~/utils/db.server'
import { DEMO_PASSWORD, demoLogins, seedDemo, type SeedResult } from '../../prisma/seed/index'

async function counts() {
  const [organizations, users, memberships, sessions, invitations] = await Promise.all([
    prisma.organization.count(),
    prisma.user.count(),
    prisma.membership.count(),
    prisma.session.count(),
    prisma.invitation.count(),
  ])
  return { organizations, users, memberships, sessions, invitations }
}

/** Every row the seed writes, with the fields a second run must leave untouched. */
async function contents() {
  const [organizations, users, memberships] = await Promise.all([
    prisma.organization.findMany({ orderBy: { slug: 'asc' }, omit: { logoWebp: true } }),
    prisma.user.findMany({ orderBy: { id: 'asc' } }),
    prisma.membership.findMany({ orderBy: { id: 'asc' } }),
  ])
  return { organizations, users, memberships }
}

let first: SeedResult
let afterFirst: Awaited<ReturnType<typeof counts>>

beforeAll(async () => {
  expect(await counts()).toEqual({ organizations: 0, users: 0, memberships: 0, sessions: 0, invitations: 0 })
  first = await seedDemo()
  afterFirst = await counts()
}, 180_000) // the whole demo catalogue with its photos

describe('the first run on an empty database', () => {
  test('creates every organisation, user and membership it reports', () => {
    if (first.skipped) throw new Error('the first run skipped')
    expect(first.alreadyThere).toBe(0)
    expect(afterFirst.organizations).toBe(first.producers + first.buyers)
    expect(afterFirst.users).toBe(first.users)
    expect(afterFirst.memberships).toBe(first.memberships)
    expect(first.created).toBe(afterFirst.organizations + afterFirst.users + afterFirst.memberships)
    // Demo data is accounts and organisations only: nobody is signed in, nobody invited.
    expect(afterFirst.sessions).toBe(0)
    expect(afterFirst.invitations).toBe(0)
  })

  test('at least 30 producers across at least 25 provinces, all of them real province codes', async () => {
    const producers = await prisma.organization.findMany({ where: { kind: 'PRODUCER' }, select: { provinceCode: true } })
    expect(producers.length).toBeGreaterThanOrEqual(30)
    const provinces = new Set(producers.map((p) => p.provinceCode))
    expect(provinces.size).toBeGreaterThanOrEqual(25)
    for (const code of provinces) expect(provinceCodes).toContain(code)
  })

  test('producers cover every region type and none; buyers have no region', async () => {
    const regions = await prisma.organization.groupBy({ by: ['regionType'], where: { kind: 'PRODUCER' }, _count: true })
    expect(regions.map((r) => r.regionType)).toEqual(expect.arrayContaining(['MOUNTAIN', 'REMOTE', 'ISLAND', 'BORDER', null]))
    expect(await prisma.organization.count({ where: { kind: 'BUYER', regionType: { not: null } } })).toBe(0)
  })

  test('every legal form is there', async () => {
    const forms = await prisma.organization.groupBy({ by: ['legalForm'], _count: true })
    expect(forms.map((f) => f.legalForm).sort()).toEqual(['COMPANY', 'COOPERATIVE', 'HOUSEHOLD_BUSINESS', 'INDIVIDUAL'])
  })

  test('at least 8 buyers', async () => {
    expect(await prisma.organization.count({ where: { kind: 'BUYER' } })).toBeGreaterThanOrEqual(8)
  })

  test('an OPERATOR and a CAMPAIGN_MANAGER, with no organisation', async () => {
    for (const role of ['OPERATOR', 'CAMPAIGN_MANAGER'] as const) {
      const staff = await prisma.user.findMany({ where: { platformRoles: { has: role } }, select: { memberships: { select: { id: true } } } })
      expect(staff.length, role).toBeGreaterThanOrEqual(1)
      expect(staff.flatMap((u) => u.memberships)).toEqual([])
    }
  })

  test('every organisation has an OWNER', async () => {
    const withoutOwner = await prisma.organization.findMany({
      where: { memberships: { none: { role: 'OWNER' } } },
      select: { slug: true },
    })
    expect(withoutOwner).toEqual([])
  })

  test('every tax code passes the MST check and is unique', async () => {
    const codes = (await prisma.organization.findMany({ select: { slug: true, taxCode: true } })).map((o) => ({ ...o, valid: isValidTaxCode(o.taxCode) }))
    expect(codes.filter((c) => !c.valid)).toEqual([])
    expect(new Set(codes.map((c) => c.taxCode)).size).toBe(codes.length)
  })

  test('every user can be reached: an email address or an E.164 mobile number', async () => {
    const users = await prisma.user.findMany({ select: { email: true, phone: true } })
    for (const u of users) {
      expect(u.email ?? u.phone).toBeTruthy()
      if (u.phone) expect(u.phone).toMatch(/^\+84\d{9}$/)
    }
  })

  test("the README's demo logins log in with the README's password", async () => {
    expect(DEMO_PASSWORD).toBe('demo-password-2026')
    const producer = await login({ identifier: 'producer@demo.chovungmien.vn', password: 'demo-password-2026', clientIp: '127.0.0.1' })
    expect(producer.ok).toBe(true)
    if (!producer.ok) return
    const memberships = await prisma.membership.findMany({ where: { userId: producer.userId }, select: { role: true, organization: { select: { kind: true } } } })
    expect(memberships).toContainEqual({ role: 'OWNER', organization: { kind: 'PRODUCER' } })

    for (const identifier of Object.values(demoLogins)) {
      expect((await login({ identifier, password: DEMO_PASSWORD, clientIp: '127.0.0.2' })).ok, identifier).toBe(true)
    }
    expect((await login({ identifier: 'producer@demo.chovungmien.vn', password: 'wrong-password', clientIp: '127.0.0.3' })).ok).toBe(false)
  })
})

describe('running it again', () => {
  test('creates nothing and changes nothing', async () => {
    const before = await contents()
    const again = await seedDemo()
    if (again.skipped) throw new Error('the second run skipped')
    expect(again.created).toBe(0)
    expect(again.alreadyThere).toBe(afterFirst.organizations + afterFirst.users + afterFirst.memberships)
    expect(await counts()).toEqual(afterFirst)
    expect(await contents()).toEqual(before)
  })

  test('with ifEmpty on a seeded database, skips', async () => {
    const before = await counts()
    expect(await seedDemo({ ifEmpty: true })).toEqual({ skipped: true, existingOrganizations: afterFirst.organizations })
    expect(await counts()).toEqual(before)
  })
})
