import sharp from 'sharp'
import { describe, expect, test } from 'vitest'
import { tokenHash } from '~/modules/accounts/accounts.server'
import '~/modules/notifications/notifications.server'
import {
  acceptInvitation,
  createOrganization,
  getInvitation,
  getOrganizationProfile,
  inviteMember,
  listPendingInvitations,
  removeMember,
  revokeInvitation,
  setOrganizationLogo,
  slugify,
  switchOrganization,
  updateOrganization,
} from '~/modules/organizations/organizations.server'
import { OrganizationSchema, type OrganizationInput } from '~/modules/organizations/schemas'
import * as logoRoute from '~/routes/media/org-logo'
import * as membersRoute from '~/routes/orgs/members'
import * as profileRoute from '~/routes/orgs/profile'
import * as settingsRoute from '~/routes/orgs/settings'
import * as switchRoute from '~/routes/orgs/switch'
import { prisma } from '~/utils/db.server'
import { browserFor, callRoute, createUser } from '../utils/routes'

/** A valid 10-digit MST from any 9-digit prefix whose check digit exists. */
let nextPrefix = 100_200_300
function newTaxCode(): string {
  for (;;) {
    const prefix = String(nextPrefix++).padStart(9, '0')
    const weights = [31, 29, 23, 19, 17, 13, 7, 5, 3]
    const check = 10 - (weights.reduce((s, w, i) => s + w * Number(prefix[i]), 0) % 11)
    if (check < 10) return `${prefix}${check}`
  }
}

function orgInput(overrides: Partial<Record<keyof OrganizationInput, string>> = {}): OrganizationInput {
  return OrganizationSchema.parse({
    kind: 'PRODUCER',
    legalForm: 'COOPERATIVE',
    legalName: 'Hợp tác xã Chè Shan Tuyết Đồng Văn',
    displayName: 'Hợp tác xã Chè Shan Tuyết Đồng Văn',
    taxCode: newTaxCode(),
    addressLine: 'Thôn Lũng Cú',
    commune: 'Xã Đồng Văn',
    provinceCode: '08',
    formerProvinceCode: '02',
    regionType: 'MOUNTAIN',
    phone: '0912 345 678',
    descriptionVi: 'Chè Shan tuyết cổ thụ trên 500 năm tuổi.',
    bankName: 'Agribank',
    bankAccountNumber: '8300205012345',
    bankAccountHolder: 'HTX CHE SHAN TUYET DONG VAN',
    ...overrides,
  })
}

async function createOrg(ownerId: string, overrides: Partial<Record<keyof OrganizationInput, string>> = {}) {
  const result = await createOrganization(ownerId, orgInput(overrides))
  if (!result.ok) throw new Error(result.error)
  return result.organization
}

/** The invitation link's token, read from the queued message the way the invitee would read it. */
async function lastInvitationToken() {
  const message = await prisma.outboxMessage.findFirstOrThrow({ where: { topic: 'notification.send' }, orderBy: { id: 'desc' } })
  const text = (message.payload as { text: string }).text
  return /\/invitations\/([\w-]+)/.exec(text)![1]
}

describe('creating an organisation', () => {
  test('the slug folds Vietnamese diacritics (đ → d) and stays unique with a numeric suffix', async () => {
    expect(slugify('Hợp tác xã Chè Shan Tuyết Đồng Văn')).toBe('hop-tac-xa-che-shan-tuyet-dong-van')
    expect(slugify('  Đắk Lắk — Cà phê!  ')).toBe('dak-lak-ca-phe')
    expect(slugify('!!!')).toBe('to-chuc')
    const owner = await createUser()
    const first = await createOrg(owner.id)
    const second = await createOrg(owner.id)
    expect(first.slug).toBe('hop-tac-xa-che-shan-tuyet-dong-van')
    expect(second.slug).toBe('hop-tac-xa-che-shan-tuyet-dong-van-2')
  })

  test('never takes a slug that a fixed route uses', async () => {
    const owner = await createUser()
    expect((await createOrg(owner.id, { displayName: 'New' })).slug).toBe('new-2')
  })

  test('the creator becomes its OWNER', async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Mật ong Bạc hà Mèo Vạc' })
    expect(await prisma.membership.findMany({ where: { organizationId: org.id }, select: { userId: true, role: true } })).toEqual([
      { userId: owner.id, role: 'OWNER' },
    ])
  })

  test('a tax code already registered is an expected error, not an exception', async () => {
    const owner = await createUser()
    const taxCode = newTaxCode()
    await createOrg(owner.id, { taxCode })
    expect(await createOrganization(owner.id, orgInput({ taxCode, displayName: 'Another' }))).toEqual({ ok: false, error: 'org.taxCode.taken' })
    expect(await prisma.organization.count({ where: { taxCode } })).toBe(1)
  })

  test("a buyer's region and payout account are never stored", async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { kind: 'BUYER', legalForm: 'COMPANY', displayName: 'Siêu thị Thử nghiệm' })
    expect(await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({
      kind: 'BUYER',
      regionType: null,
      bankName: null,
      bankAccountNumber: null,
      bankAccountHolder: null,
    })
  })
})

describe('updating an organisation', () => {
  test('changing the tax code of a verified organisation takes its verified badge away', async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Tỏi Lý Sơn' })
    await prisma.organization.update({ where: { id: org.id }, data: { verificationStatus: 'VERIFIED' } })
    const { kind: _kind, ...input } = orgInput({ displayName: 'HTX Tỏi Lý Sơn' })
    const result = await updateOrganization(org.id, input)
    expect(result).toEqual({ ok: true, slug: org.slug, verificationReset: true })
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).verificationStatus).toBe('UNVERIFIED')
  })

  test("another organisation's tax code is refused", async () => {
    const owner = await createUser()
    const taxCode = newTaxCode()
    await createOrg(owner.id, { taxCode, displayName: 'A' })
    const b = await createOrg(owner.id, { displayName: 'B' })
    const { kind: _kind, ...input } = orgInput({ taxCode, displayName: 'B' })
    expect(await updateOrganization(b.id, input)).toEqual({ ok: false, error: 'org.taxCode.taken' })
  })
})

describe('the public profile', () => {
  test('hides a personal ID number used as a tax code', async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { legalForm: 'HOUSEHOLD_BUSINESS', taxCode: '002203012345', displayName: 'Hộ Vàng A Páo' })
    expect((await getOrganizationProfile(org.slug))?.taxCode).toBeNull()
  })

  test('a suspended organisation is 404 to others and visible to its members', async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Tạm Ngừng' })
    await prisma.organization.update({ where: { id: org.id }, data: { suspendedAt: new Date(), suspensionReason: 'Kiểm tra giấy tờ' } })
    const stranger = await browserFor((await createUser()).id)
    const member = await browserFor(owner.id)
    const anonymous = await browserFor()
    const params = { lang: 'vi', slug: org.slug }
    expect((await callRoute(profileRoute.loader, anonymous.get(`/vi/orgs/${org.slug}`), params)).status).toBe(404)
    expect((await callRoute(profileRoute.loader, stranger.get(`/vi/orgs/${org.slug}`), params)).status).toBe(404)
    const seen = await callRoute(profileRoute.loader, member.get(`/vi/orgs/${org.slug}`), params)
    expect(seen.status).toBe(200)
    expect(seen.data).toMatchObject({ organization: { suspended: true, suspensionReason: 'Kiểm tra giấy tờ' } })
  })

  test('English falls back to the Vietnamese description', async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Mô Tả' })
    const res = await callRoute(profileRoute.loader, (await browserFor()).get(`/en/orgs/${org.slug}`), { lang: 'en', slug: org.slug })
    expect(res.data).toMatchObject({ description: 'Chè Shan tuyết cổ thụ trên 500 năm tuổi.', descriptionLang: 'vi' })
  })
})

describe('the logo', () => {
  test('an image becomes a 256×256 WebP without metadata, served with a long cache for the current version', async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Logo' })
    const png = await sharp({ create: { width: 800, height: 500, channels: 3, background: '#0f5132' } })
      .png()
      .withMetadata({ exif: { IFD0: { Copyright: 'secret camera' } } })
      .toBuffer()
    expect(await setOrganizationLogo(org.id, new Uint8Array(png))).toEqual({ ok: true })
    const stored = await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })
    const meta = await sharp(stored.logoWebp!).metadata()
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 })
    expect(meta.exif).toBeUndefined()

    const v = stored.logoUpdatedAt!.getTime()
    const res = await logoRoute.loader({ request: new Request(`http://localhost/media/org-logo/${org.slug}?v=${v}`), params: { slug: org.slug }, context: {} })
    expect(res.status).toBe(200)
    expect(res.headers.get('Content-Type')).toBe('image/webp')
    expect(res.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
  })

  test('refuses what is not an image by its content, and files over 5 MB', async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Không Ảnh' })
    const fakePng = new TextEncoder().encode('\x89PNG\r\n\x1a\n this is not really a picture')
    expect(await setOrganizationLogo(org.id, fakePng)).toEqual({ ok: false, error: 'org.logo.invalid' })
    expect(await setOrganizationLogo(org.id, new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({
      ok: false,
      error: 'org.logo.invalid',
    })
    expect(await setOrganizationLogo(org.id, new Uint8Array(5_000_001))).toEqual({ ok: false, error: 'org.logo.tooLarge' })
    expect((await prisma.organization.findUniqueOrThrow({ where: { id: org.id } })).logoWebp).toBeNull()
  })

  test('the settings form refuses a non-image upload with a message, not a 500', async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Upload' })
    const browser = await browserFor(owner.id)
    const body = new FormData()
    body.append('csrf', browser.csrfToken)
    body.append('intent', 'logo')
    body.append('logo', new File(['hello'], 'logo.png', { type: 'image/png' }))
    const request = new Request(`http://localhost:3000/vi/orgs/${org.slug}/settings`, { method: 'POST', body, headers: { Cookie: browser.cookie } })
    const res = await callRoute(settingsRoute.action, request, { lang: 'vi', slug: org.slug })
    expect(res.status).toBe(400)
    expect(res.data).toEqual({ intent: 'logo', error: 'org.logo.invalid' })
  })

  test('the settings form turns a file over 5 MB into a message, not a 500', async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Upload Lớn' })
    const browser = await browserFor(owner.id)
    const body = new FormData()
    body.append('csrf', browser.csrfToken)
    body.append('intent', 'logo')
    body.append('logo', new File([new Uint8Array(5_100_000)], 'big.jpg', { type: 'image/jpeg' }))
    const request = new Request(`http://localhost:3000/vi/orgs/${org.slug}/settings`, { method: 'POST', body, headers: { Cookie: browser.cookie } })
    const res = await callRoute(settingsRoute.action, request, { lang: 'vi', slug: org.slug })
    expect(res.status).toBe(413)
    expect(res.data).toEqual({ intent: 'logo', error: 'org.logo.tooLarge' })
  })
})

describe('invitations', () => {
  test('inviting queues a notification.send message in the outbox with the link', async () => {
    const owner = await createUser({ name: 'Giàng Thị Dua' })
    const org = await createOrg(owner.id, { displayName: 'HTX Mời' })
    const result = await inviteMember({ organizationId: org.id, inviterId: owner.id, identifier: 'Mai@Example.com', role: 'MEMBER', lang: 'vi' })
    expect(result.ok).toBe(true)
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { topic: 'notification.send' }, orderBy: { id: 'desc' } })
    expect(message.payload).toMatchObject({ channel: 'EMAIL', to: 'mai@example.com' })
    const payload = message.payload as { subject: string; text: string }
    expect(payload.subject).toContain('Giàng Thị Dua')
    expect(payload.text).toMatch(/http:\/\/localhost:3000\/vi\/invitations\/[\w-]{40,}/)
    // Only the token's hash is stored.
    const token = await lastInvitationToken()
    const invitation = await prisma.invitation.findUniqueOrThrow({ where: { tokenHash: tokenHash(token) } })
    expect(invitation).toMatchObject({ organizationId: org.id, email: 'mai@example.com', role: 'MEMBER' })
    expect(invitation.expiresAt.getTime() - Date.now()).toBeGreaterThan(6.9 * 24 * 3600_000)
  })

  test('an existing member cannot be invited again', async () => {
    const owner = await createUser({ email: 'owner-again@example.com' })
    const org = await createOrg(owner.id, { displayName: 'HTX Đã Là Thành Viên' })
    expect(await inviteMember({ organizationId: org.id, inviterId: owner.id, identifier: 'owner-again@example.com', role: 'MEMBER', lang: 'vi' })).toEqual({
      ok: false,
      error: 'org.invite.alreadyMember',
    })
  })

  test('inviting the same address again replaces the pending invitation', async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Mời Lại' })
    await inviteMember({ organizationId: org.id, inviterId: owner.id, identifier: '0987 111 222', role: 'MEMBER', lang: 'vi' })
    const first = await lastInvitationToken()
    await inviteMember({ organizationId: org.id, inviterId: owner.id, identifier: '+84987111222', role: 'OWNER', lang: 'en' })
    expect((await getInvitation(first))?.status).toBe('revoked')
    expect(await listPendingInvitations(org.id)).toMatchObject([{ phone: '+84987111222', role: 'OWNER' }])
  })

  test('only the invited account may accept; accepting is idempotent', async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Chấp Nhận' })
    const invitee = await createUser({ email: 'invitee@example.com' })
    const someoneElse = await createUser({ email: 'forwarded-to@example.com' })
    await inviteMember({ organizationId: org.id, inviterId: owner.id, identifier: 'invitee@example.com', role: 'MEMBER', lang: 'vi' })
    const token = await lastInvitationToken()

    expect(await acceptInvitation(token, someoneElse.id)).toEqual({ ok: false, error: 'org.invite.wrongAccount' })
    expect(await prisma.membership.count({ where: { organizationId: org.id, userId: someoneElse.id } })).toBe(0)
    expect((await getInvitation(token))?.valid).toBe(true)

    const accepted = await acceptInvitation(token, invitee.id)
    expect(accepted).toMatchObject({ ok: true, organization: { id: org.id, slug: org.slug } })
    expect(await acceptInvitation(token, invitee.id)).toMatchObject({ ok: true })
    expect(await prisma.membership.findMany({ where: { organizationId: org.id, userId: invitee.id }, select: { role: true } })).toEqual([
      { role: 'MEMBER' },
    ])
    expect((await getInvitation(token))?.status).toBe('accepted')
  })

  test('an expired or unknown link is refused', async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Hết Hạn' })
    const invitee = await createUser({ phone: '+84977000111' })
    await inviteMember({ organizationId: org.id, inviterId: owner.id, identifier: '0977 000 111', role: 'MEMBER', lang: 'vi' })
    const token = await lastInvitationToken()
    await prisma.invitation.updateMany({ where: { tokenHash: tokenHash(token) }, data: { expiresAt: new Date(Date.now() - 1000) } })
    expect(await acceptInvitation(token, invitee.id)).toEqual({ ok: false, error: 'org.invite.invalid' })
    expect(await acceptInvitation('no-such-token', invitee.id)).toEqual({ ok: false, error: 'org.invite.invalid' })
  })

  test("revoking with another organisation's id does nothing", async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Thu Hồi' })
    const otherOrg = await createOrg(owner.id, { displayName: 'HTX Khác' })
    const invited = await inviteMember({ organizationId: org.id, inviterId: owner.id, identifier: 'revoke-me@example.com', role: 'MEMBER', lang: 'vi' })
    if (!invited.ok) throw new Error(invited.error)
    expect(await revokeInvitation(otherOrg.id, invited.invitationId)).toBe(false)
    expect(await listPendingInvitations(org.id)).toHaveLength(1)
    expect(await revokeInvitation(org.id, invited.invitationId)).toBe(true)
    expect(await listPendingInvitations(org.id)).toHaveLength(0)
  })
})

describe('members', () => {
  test('the last OWNER cannot be removed; one of two owners can', async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Chủ Cuối' })
    const ownerMembership = await prisma.membership.findFirstOrThrow({ where: { organizationId: org.id, userId: owner.id } })
    expect(await removeMember(org.id, ownerMembership.id)).toEqual({ ok: false, error: 'org.member.lastOwner' })

    const second = await createUser()
    await prisma.membership.create({ data: { organizationId: org.id, userId: second.id, role: 'OWNER' } })
    expect(await removeMember(org.id, ownerMembership.id)).toEqual({ ok: true, userId: owner.id })
    expect(await prisma.membership.count({ where: { organizationId: org.id } })).toBe(1)
  })

  test("removing with another organisation's id does nothing", async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Một' })
    const other = await createOrg(owner.id, { displayName: 'HTX Hai' })
    const member = await createUser()
    const membership = await prisma.membership.create({ data: { organizationId: org.id, userId: member.id, role: 'MEMBER' } })
    expect(await removeMember(other.id, membership.id)).toEqual({ ok: false, error: 'org.member.notFound' })
    expect(await prisma.membership.count({ where: { id: membership.id } })).toBe(1)
  })

  test("a MEMBER posting an owner's action gets a 403; a stranger gets a 404", async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Quyền' })
    const member = await createUser()
    await prisma.membership.create({ data: { organizationId: org.id, userId: member.id, role: 'MEMBER' } })
    const ownerMembership = await prisma.membership.findFirstOrThrow({ where: { organizationId: org.id, userId: owner.id } })
    const params = { lang: 'vi', slug: org.slug }
    const asMember = await browserFor(member.id)
    const invite = await callRoute(membersRoute.action, asMember.post(`/vi/orgs/${org.slug}/members`, { intent: 'invite', identifier: 'x@example.com', role: 'OWNER' }), params)
    expect(invite.status).toBe(403)
    const remove = await callRoute(membersRoute.action, asMember.post(`/vi/orgs/${org.slug}/members`, { intent: 'remove', id: ownerMembership.id }), params)
    expect(remove.status).toBe(403)
    expect((await callRoute(membersRoute.loader, asMember.get(`/vi/orgs/${org.slug}/members`), params)).status).toBe(200)

    const stranger = await browserFor((await createUser()).id)
    expect((await callRoute(membersRoute.loader, stranger.get(`/vi/orgs/${org.slug}/members`), params)).status).toBe(404)
    expect(await prisma.invitation.count({ where: { organizationId: org.id } })).toBe(0)
  })
})

describe('switching organisation', () => {
  test('only to an organisation the user belongs to', async () => {
    const owner = await createUser()
    const org = await createOrg(owner.id, { displayName: 'HTX Chuyển' })
    const outsider = await createUser()
    const session = await prisma.session.create({ data: { userId: outsider.id, expiresAt: new Date(Date.now() + 3600_000) } })
    expect(await switchOrganization(session.id, outsider.id, org.id)).toBeNull()
    expect((await prisma.session.findUniqueOrThrow({ where: { id: session.id } })).activeOrganizationId).toBeNull()

    const browser = await browserFor(outsider.id)
    const res = await callRoute(switchRoute.action, browser.post('/vi/orgs/switch', { organizationId: org.id, redirectTo: '/vi' }), { lang: 'vi' })
    expect(res.status).toBe(404)

    const ownerBrowser = await browserFor(owner.id)
    const ok = await callRoute(switchRoute.action, ownerBrowser.post('/vi/orgs/switch', { organizationId: org.id, redirectTo: '//evil.example' }), { lang: 'vi' })
    expect(ok.status).toBe(302)
    expect(ok.location).toBe('/vi')
  })
})
