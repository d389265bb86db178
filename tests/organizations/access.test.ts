// Who may see and change an organisation's private data, proved through the real loaders and actions:
// a member of one organisation learns nothing about another, and a MEMBER cannot do an OWNER's work.
import { beforeAll, describe, expect, test } from 'vitest'
import '~/modules/notifications/notifications.server'
import { createOrganization, inviteMember } from '~/modules/organizations/organizations.server'
import { OrganizationSchema, type OrganizationInput } from '~/modules/organizations/schemas'
import * as membersRoute from '~/routes/orgs/members'
import * as profileRoute from '~/routes/orgs/profile'
import * as settingsRoute from '~/routes/orgs/settings'
import * as switchRoute from '~/routes/orgs/switch'
import { prisma } from '~/utils/db.server'
import { browserFor, callRoute, createUser, type RouteResult } from '../utils/routes'

type Browser = Awaited<ReturnType<typeof browserFor>>

function orgInput(overrides: Partial<Record<keyof OrganizationInput, string>>): OrganizationInput {
  return OrganizationSchema.parse({
    kind: 'PRODUCER',
    legalForm: 'COOPERATIVE',
    addressLine: 'Thôn Lũng Cú',
    commune: 'Xã Đồng Văn',
    provinceCode: '08',
    regionType: 'MOUNTAIN',
    descriptionVi: 'Mô tả công khai.',
    ...overrides,
  })
}

async function createOrg(ownerId: string, overrides: Partial<Record<keyof OrganizationInput, string>>) {
  const result = await createOrganization(ownerId, orgInput(overrides))
  if (!result.ok) throw new Error(result.error)
  return result.organization
}

/** Everything an attack on organisation B could change, in a comparable form. */
async function snapshot() {
  const [organizations, memberships, invitations, outbox] = await Promise.all([
    prisma.organization.findMany({ orderBy: { id: 'asc' }, omit: { logoWebp: true } }),
    prisma.membership.findMany({ orderBy: { id: 'asc' } }),
    prisma.invitation.findMany({ orderBy: { id: 'asc' } }),
    prisma.outboxMessage.findMany({ orderBy: { id: 'asc' } }),
  ])
  return { organizations, memberships, invitations, outbox }
}

// Organisation B's private data: none of it may appear in an answer to someone outside B.
const B = {
  legalName: 'Hợp tác xã Bí Mật Sơn La',
  displayName: 'HTX Bí Mật',
  taxCode: '0100109106',
  phone: '0987 654 321',
  bankAccountNumber: '7777123456789',
  bankAccountHolder: 'HTX BI MAT SON LA',
  ownerName: 'Chủ Nhân Bê',
  ownerEmail: 'owner-b@example.com',
  memberName: 'Thành Viên Bê',
  memberEmail: 'member-b@example.com',
  invitedEmail: 'pending-b@example.com',
}
const B_SECRETS = [
  B.legalName,
  B.taxCode,
  '+84987654321',
  '0987 654 321',
  B.bankAccountNumber,
  B.bankAccountHolder,
  B.ownerName,
  B.ownerEmail,
  B.memberName,
  B.memberEmail,
  B.invitedEmail,
]

function expectNoSecrets(res: RouteResult) {
  const body = typeof res.data === 'string' ? res.data : JSON.stringify(res.data)
  for (const secret of B_SECRETS) expect(body).not.toContain(secret)
  for (const [, value] of res.headers) for (const secret of B_SECRETS) expect(value).not.toContain(secret)
}

/** A settings form that would change everything B shows. */
const hostileUpdate = {
  intent: 'profile',
  legalForm: 'COMPANY',
  legalName: 'Đã bị chiếm',
  displayName: 'Đã bị chiếm',
  taxCode: '0100109106',
  addressLine: 'Nơi khác',
  commune: 'Phường Khác',
  provinceCode: '01',
  phone: '0911 111 111',
  descriptionVi: 'Bị sửa',
  bankName: 'Kẻ gian Bank',
  bankAccountNumber: '1111222233334',
  bankAccountHolder: 'KE GIAN',
}

let a: { slug: string; id: string }
let b: { slug: string; id: string }
let ownerA: Browser
let memberB: Browser
let anonymous: Browser
let ownerBMembershipId: string
let memberBMembershipId: string
let invitationBId: string
const paramsB = () => ({ lang: 'vi', slug: b.slug })

beforeAll(async () => {
  const userA = await createUser({ name: 'Chủ Nhân A', email: 'owner-a@example.com' })
  const ownerB = await createUser({ name: B.ownerName, email: B.ownerEmail })
  const userMemberB = await createUser({ name: B.memberName, email: B.memberEmail })
  a = await createOrg(userA.id, { legalName: 'Hợp tác xã A', displayName: 'HTX A', taxCode: '0100109113', phone: '0912 000 111' })
  b = await createOrg(ownerB.id, {
    legalName: B.legalName,
    displayName: B.displayName,
    taxCode: B.taxCode,
    phone: B.phone,
    bankName: 'Agribank',
    bankAccountNumber: B.bankAccountNumber,
    bankAccountHolder: B.bankAccountHolder,
  })
  ownerBMembershipId = (await prisma.membership.findFirstOrThrow({ where: { organizationId: b.id, userId: ownerB.id } })).id
  memberBMembershipId = (await prisma.membership.create({ data: { organizationId: b.id, userId: userMemberB.id, role: 'MEMBER' } })).id
  const invited = await inviteMember({ organizationId: b.id, inviterId: ownerB.id, identifier: B.invitedEmail, role: 'MEMBER', lang: 'vi' })
  if (!invited.ok) throw new Error(invited.error)
  invitationBId = invited.invitationId
  ownerA = await browserFor(userA.id)
  memberB = await browserFor(userMemberB.id)
  anonymous = await browserFor()
})

describe("the OWNER of organisation A and organisation B's private pages", () => {
  test('the settings page is a 404 that shows nothing of B', async () => {
    const res = await callRoute(settingsRoute.loader, ownerA.get(`/vi/orgs/${b.slug}/settings`), paramsB())
    expect(res.status).toBe(404)
    expectNoSecrets(res)
  })

  test('the members page is a 404 that shows nothing of B', async () => {
    const res = await callRoute(membersRoute.loader, ownerA.get(`/vi/orgs/${b.slug}/members`), paramsB())
    expect(res.status).toBe(404)
    expectNoSecrets(res)
  })

  test('the 404 is the same as for an organisation that does not exist', async () => {
    const params = { lang: 'vi', slug: 'khong-ton-tai' }
    for (const [route, page] of [
      [settingsRoute, 'settings'],
      [membersRoute, 'members'],
    ] as const) {
      const missing = await callRoute(route.loader, ownerA.get(`/vi/orgs/khong-ton-tai/${page}`), params)
      const existing = await callRoute(route.loader, ownerA.get(`/vi/orgs/${b.slug}/${page}`), paramsB())
      expect({ status: existing.status, data: existing.data }).toEqual({ status: missing.status, data: missing.data })
    }
  })

  test('her own pages still work (the guard is not simply refusing everyone)', async () => {
    const params = { lang: 'vi', slug: a.slug }
    expect((await callRoute(settingsRoute.loader, ownerA.get(`/vi/orgs/${a.slug}/settings`), params)).status).toBe(200)
    expect((await callRoute(membersRoute.loader, ownerA.get(`/vi/orgs/${a.slug}/members`), params)).status).toBe(200)
  })

  test('the public profile of B carries no phone, bank account, members or personal contact', async () => {
    const res = await callRoute(profileRoute.loader, ownerA.get(`/vi/orgs/${b.slug}`), paramsB())
    expect(res.status).toBe(200)
    const body = JSON.stringify(res.data)
    for (const secret of ['+84987654321', B.bankAccountNumber, B.bankAccountHolder, B.ownerName, B.ownerEmail, B.memberName, B.memberEmail, B.invitedEmail]) {
      expect(body).not.toContain(secret)
    }
    expect(res.data).toMatchObject({ can: { members: false, settings: false } })
  })

  const posts: [string, () => Promise<RouteResult>][] = [
    ['the settings form (profile update)', () => callRoute(settingsRoute.action, ownerA.post(`/vi/orgs/${b.slug}/settings`, hostileUpdate), paramsB())],
    ['removing the logo', () => callRoute(settingsRoute.action, ownerA.post(`/vi/orgs/${b.slug}/settings`, { intent: 'removeLogo' }), paramsB())],
    [
      'the invite form',
      () => callRoute(membersRoute.action, ownerA.post(`/vi/orgs/${b.slug}/members`, { intent: 'invite', identifier: 'owner-a@example.com', role: 'OWNER' }), paramsB()),
    ],
    [
      'removing the owner',
      () => callRoute(membersRoute.action, ownerA.post(`/vi/orgs/${b.slug}/members`, { intent: 'remove', id: ownerBMembershipId }), paramsB()),
    ],
    [
      'removing a member',
      () => callRoute(membersRoute.action, ownerA.post(`/vi/orgs/${b.slug}/members`, { intent: 'remove', id: memberBMembershipId }), paramsB()),
    ],
    [
      'revoking an invitation',
      () => callRoute(membersRoute.action, ownerA.post(`/vi/orgs/${b.slug}/members`, { intent: 'revoke', id: invitationBId }), paramsB()),
    ],
  ]
  for (const [what, post] of posts) {
    test(`posting ${what} to B is a 404 and changes nothing`, async () => {
      const before = await snapshot()
      const res = await post()
      expect(res.status).toBe(404)
      expectNoSecrets(res)
      expect(await snapshot()).toEqual(before)
    })
  }

  test("B's member and invitation ids posted through A's own members page change nothing in B", async () => {
    const params = { lang: 'vi', slug: a.slug }
    const before = await snapshot()
    const remove = await callRoute(membersRoute.action, ownerA.post(`/vi/orgs/${a.slug}/members`, { intent: 'remove', id: memberBMembershipId }), params)
    const revoke = await callRoute(membersRoute.action, ownerA.post(`/vi/orgs/${a.slug}/members`, { intent: 'revoke', id: invitationBId }), params)
    // An error toast on A's own page, not a success.
    for (const res of [remove, revoke]) {
      expect(res.status).toBe(302)
      expect(res.location).toBe(`/vi/orgs/${a.slug}/members`)
    }
    expect(await snapshot()).toEqual(before)
  })
})

describe('a MEMBER (not owner) of B', () => {
  test('gets a 403 on the settings page', async () => {
    const res = await callRoute(settingsRoute.loader, memberB.get(`/vi/orgs/${b.slug}/settings`), paramsB())
    expect(res.status).toBe(403)
    expect(JSON.stringify(res.data)).not.toContain(B.bankAccountNumber)
  })

  test('can read the members page, without the pending invitations or owner actions', async () => {
    const res = await callRoute(membersRoute.loader, memberB.get(`/vi/orgs/${b.slug}/members`), paramsB())
    expect(res.status).toBe(200)
    const data = res.data as { members: { name: string }[]; invitations: unknown[]; can: Record<string, boolean> }
    expect(data.members.map((m) => m.name).sort()).toEqual([B.memberName, B.ownerName].sort())
    expect(data.invitations).toEqual([])
    expect(data.can).toEqual({ invite: false, remove: false, revoke: false, settings: false })
    expect(JSON.stringify(res.data)).not.toContain(B.invitedEmail)
  })

  const ownerActions: [string, () => Promise<RouteResult>][] = [
    ['updating the profile', () => callRoute(settingsRoute.action, memberB.post(`/vi/orgs/${b.slug}/settings`, hostileUpdate), paramsB())],
    ['removing the logo', () => callRoute(settingsRoute.action, memberB.post(`/vi/orgs/${b.slug}/settings`, { intent: 'removeLogo' }), paramsB())],
    [
      'inviting',
      () => callRoute(membersRoute.action, memberB.post(`/vi/orgs/${b.slug}/members`, { intent: 'invite', identifier: 'friend@example.com', role: 'OWNER' }), paramsB()),
    ],
    [
      'removing the owner',
      () => callRoute(membersRoute.action, memberB.post(`/vi/orgs/${b.slug}/members`, { intent: 'remove', id: ownerBMembershipId }), paramsB()),
    ],
    [
      'revoking an invitation',
      () => callRoute(membersRoute.action, memberB.post(`/vi/orgs/${b.slug}/members`, { intent: 'revoke', id: invitationBId }), paramsB()),
    ],
  ]
  for (const [what, post] of ownerActions) {
    test(`gets a 403 ${what}, and nothing changes`, async () => {
      const before = await snapshot()
      expect((await post()).status).toBe(403)
      expect(await snapshot()).toEqual(before)
    })
  }
})

describe('an anonymous visitor', () => {
  test('is sent to the login page, and back afterwards, from the settings and members pages', async () => {
    for (const page of ['settings', 'members']) {
      const path = `/vi/orgs/${b.slug}/${page}`
      const route = page === 'settings' ? settingsRoute : membersRoute
      const res = await callRoute(route.loader, anonymous.get(path), paramsB())
      expect(res.status).toBe(302)
      expect(res.location).toBe(`/vi/login?${new URLSearchParams({ redirectTo: path })}`)
      expect(new URL(res.location!, 'http://x').searchParams.get('redirectTo')).toBe(path)
    }
  })

  test('posting the settings or members forms writes nothing', async () => {
    const before = await snapshot()
    const update = await callRoute(settingsRoute.action, anonymous.post(`/vi/orgs/${b.slug}/settings`, hostileUpdate), paramsB())
    expect(update.status).toBe(302)
    expect(update.location).toMatch(/^\/vi\/login\?redirectTo=/)
    const invite = await callRoute(
      membersRoute.action,
      anonymous.post(`/vi/orgs/${b.slug}/members`, { intent: 'invite', identifier: 'x@example.com', role: 'OWNER' }),
      paramsB(),
    )
    expect(invite.status).toBe(302)
    expect(invite.location).toMatch(/^\/vi\/login\?redirectTo=/)
    expect(await snapshot()).toEqual(before)
  })
})

describe('switching the active organisation', () => {
  test("to B by someone outside B is a 404 and leaves the session's active organisation as it was", async () => {
    const owner = await prisma.membership.findFirstOrThrow({ where: { organizationId: a.id }, select: { userId: true } })
    const browser = await browserFor(owner.userId)
    const session = () => prisma.session.findFirstOrThrow({ where: { userId: owner.userId }, orderBy: { createdAt: 'desc' } })

    const toA = await callRoute(switchRoute.action, browser.post('/vi/orgs/switch', { organizationId: a.id, redirectTo: '/vi' }), { lang: 'vi' })
    expect(toA.status).toBe(302)
    expect((await session()).activeOrganizationId).toBe(a.id)

    const toB = await callRoute(switchRoute.action, browser.post('/vi/orgs/switch', { organizationId: b.id, redirectTo: '/vi' }), { lang: 'vi' })
    expect(toB.status).toBe(404)
    expectNoSecrets(toB)
    expect((await session()).activeOrganizationId).toBe(a.id)

    const unknown = await callRoute(switchRoute.action, browser.post('/vi/orgs/switch', { organizationId: 'no-such-id' }), { lang: 'vi' })
    expect({ status: unknown.status, data: unknown.data }).toEqual({ status: toB.status, data: toB.data })
    expect((await session()).activeOrganizationId).toBe(a.id)
  })
})

describe('leaving an organisation', () => {
  test('a MEMBER may leave by themselves; the last OWNER may not', async () => {
    const owner = await createUser({ name: 'Chủ Rời' })
    const member = await createUser({ name: 'Thành Viên Rời' })
    const org = await createOrg(owner.id, { legalName: 'HTX Rời Đi', displayName: 'HTX Rời Đi', taxCode: '0100109106-002', phone: '0912 111 222' })
    await prisma.membership.create({ data: { userId: member.id, organizationId: org.id, role: 'MEMBER' } })

    const asMember = await browserFor(member.id)
    const left = await callRoute(membersRoute.action, asMember.post(`/vi/orgs/${org.slug}/members`, { intent: 'leave' }), { lang: 'vi', slug: org.slug })
    expect(left.status).toBe(302)
    expect(left.location).toBe('/vi')
    expect(await prisma.membership.count({ where: { organizationId: org.id, userId: member.id } })).toBe(0)

    const asOwner = await browserFor(owner.id)
    const refused = await callRoute(membersRoute.action, asOwner.post(`/vi/orgs/${org.slug}/members`, { intent: 'leave' }), { lang: 'vi', slug: org.slug })
    expect(refused.status).toBe(302)
    expect(await prisma.membership.count({ where: { organizationId: org.id, userId: owner.id } })).toBe(1)
  })
})
