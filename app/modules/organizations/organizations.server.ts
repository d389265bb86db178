import sharp from 'sharp'
import { Prisma } from '~/generated/prisma/client'
import type { MemberRole, OrganizationKind } from '~/generated/prisma/enums'
import { prisma, type Tx } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import type { Language } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { hitRateLimit } from '~/utils/rate-limit.server'
import { fold } from '~/utils/text'
import { newToken, setActiveOrganization, tokenHash } from '../accounts/accounts.server'
import { formatPhone, parseIdentifier } from '../accounts/identifier'
import { messageTo, notify } from '../notifications/notifications.server'
import { buyerOnlyRoles, type OrganizationInput, type OrganizationUpdateInput } from './schemas'
import { roleRank } from './permissions'
import { taxCodeKind } from './tax-code'
import { enqueueProducerSync } from '../search/sync.server'

// Every function that reads or writes one organisation's data takes the organisation id returned by the
// route guard (requireOrgPermission) and scopes its queries by it; ids from a form are only ever looked up
// inside that organisation.

const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000
const INVITATIONS_PER_HOUR = 20
export const LOGO_MAX_BYTES = 5_000_000
const LOGO_MAX_PIXELS = 40_000_000
const LOGO_SIZE = 256
// Photos and drawings people actually have; not SVG/PDF (rendered by other libraries), not raw camera files.
const LOGO_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'heif', 'tiff'])
// Paths that sit beside /orgs/:slug in the route table.
const RESERVED_SLUGS = new Set(['new', 'switch'])

type Failure<E extends string> = { ok: false; error: E }

/** The organisations a user belongs to, for the switcher and the account menu. */
export async function listMyOrganizations(userId: string) {
  const memberships = await prisma.membership.findMany({
    where: { userId },
    orderBy: { createdAt: 'asc' },
    select: {
      role: true,
      organization: { select: { id: true, slug: true, displayName: true, kind: true, verificationStatus: true } },
    },
  })
  return memberships.map((m) => ({ ...m.organization, role: m.role }))
}

/** The user's role in the organisation, or null when not a member. */
export async function getMemberRole(userId: string, organizationId: string): Promise<MemberRole | null> {
  const membership = await prisma.membership.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    select: { role: true },
  })
  return membership?.role ?? null
}

// ---------------------------------------------------------------------------------------------------------
// Create, read, update

/** "Hợp tác xã Chè Shan Tuyết Đồng Văn" → "hop-tac-xa-che-shan-tuyet-dong-van". */
export function slugify(name: string) {
  const slug = fold(name)
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '')
  return slug || 'to-chuc'
}

async function uniqueSlug(tx: Tx, base: string) {
  const taken = new Set(
    (await tx.organization.findMany({ where: { slug: { startsWith: base } }, select: { slug: true } })).map((o) => o.slug),
  )
  const free = (slug: string) => !taken.has(slug) && !RESERVED_SLUGS.has(slug)
  if (free(base)) return base
  for (let n = 2; ; n++) if (free(`${base}-${n}`)) return `${base}-${n}`
}

function organizationData(input: OrganizationUpdateInput, kind: OrganizationKind) {
  // Origin region and payout account only mean something for a seller; a buyer's are never stored.
  const producer = kind === 'PRODUCER'
  const bank = producer && input.bankName && input.bankAccountNumber && input.bankAccountHolder
  return {
    legalForm: input.legalForm,
    legalName: input.legalName,
    displayName: input.displayName,
    taxCode: input.taxCode,
    addressLine: input.addressLine,
    commune: input.commune,
    provinceCode: input.provinceCode,
    formerProvinceCode: input.formerProvinceCode ?? null,
    regionType: producer ? (input.regionType ?? null) : null,
    phone: input.phone,
    descriptionVi: input.descriptionVi ?? '',
    descriptionEn: input.descriptionEn || null,
    bankName: bank ? input.bankName! : null,
    bankAccountNumber: bank ? input.bankAccountNumber! : null,
    bankAccountHolder: bank ? input.bankAccountHolder! : null,
  }
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002'

async function taxCodeTaken(taxCode: string, exceptOrganizationId?: string) {
  const found = await prisma.organization.findUnique({ where: { taxCode }, select: { id: true } })
  return !!found && found.id !== exceptOrganizationId
}

export type CreateOrganizationResult =
  | { ok: true; organization: { id: string; slug: string; displayName: string } }
  | Failure<'org.taxCode.taken'>

/** Creates the organisation with the creator as its first OWNER. */
export async function createOrganization(userId: string, input: OrganizationInput): Promise<CreateOrganizationResult> {
  if (await taxCodeTaken(input.taxCode)) return { ok: false, error: 'org.taxCode.taken' }
  // A concurrent create can take the slug (or the tax code) between our read and our insert: retry.
  for (let attempt = 0; ; attempt++) {
    try {
      const organization = await prisma.$transaction(async (tx) => {
        const slug = await uniqueSlug(tx, slugify(input.displayName))
        return tx.organization.create({
          data: {
            ...organizationData(input, input.kind),
            kind: input.kind,
            slug,
            memberships: { create: { userId, role: 'OWNER' } },
          },
          select: { id: true, slug: true, displayName: true },
        })
      })
      return { ok: true, organization }
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
      if (await taxCodeTaken(input.taxCode)) return { ok: false, error: 'org.taxCode.taken' }
      if (attempt >= 3) throw error
    }
  }
}

const profileSelect = {
  id: true,
  slug: true,
  kind: true,
  legalForm: true,
  legalName: true,
  displayName: true,
  taxCode: true,
  commune: true,
  provinceCode: true,
  formerProvinceCode: true,
  regionType: true,
  descriptionVi: true,
  descriptionEn: true,
  logoUpdatedAt: true,
  verificationStatus: true,
  suspendedAt: true,
  suspensionReason: true,
  verificationNote: true,
  createdAt: true,
} satisfies Prisma.OrganizationSelect

/**
 * The profile shown on /orgs/:slug, or null. `isPublic` is false for rejected or suspended organisations,
 * whose profile only their members may see. The street address, phone and bank account are not part of it,
 * and neither is a personal ID number used as a tax code (it identifies a person).
 */
export async function getOrganizationProfile(slug: string) {
  const org = await prisma.organization.findUnique({ where: { slug }, select: profileSelect })
  if (!org) return null
  const { taxCode, ...rest } = org
  return {
    ...rest,
    taxCode: taxCodeKind(taxCode) === 'personalId' ? null : taxCode,
    isPublic: org.verificationStatus !== 'REJECTED' && !org.suspendedAt,
  }
}
export type OrganizationProfile = NonNullable<Awaited<ReturnType<typeof getOrganizationProfile>>>

/** Everything the settings form edits, for the organisation the guard returned. */
export async function getOrganizationForEdit(organizationId: string) {
  return prisma.organization.findUnique({
    where: { id: organizationId },
    select: {
      id: true,
      slug: true,
      kind: true,
      legalForm: true,
      legalName: true,
      displayName: true,
      taxCode: true,
      addressLine: true,
      commune: true,
      provinceCode: true,
      formerProvinceCode: true,
      regionType: true,
      phone: true,
      descriptionVi: true,
      descriptionEn: true,
      bankName: true,
      bankAccountNumber: true,
      bankAccountHolder: true,
      logoUpdatedAt: true,
      verificationStatus: true,
    },
  })
}

export type UpdateOrganizationResult =
  | { ok: true; slug: string; verificationReset: boolean }
  | Failure<'org.taxCode.taken' | 'org.notFound'>

/**
 * Saves the settings form. The kind never changes and the slug stays (links keep working). Operators
 * verify an organisation by its legal name, legal form and tax code, so changing any of these takes the
 * verified badge away until they check again.
 */
export async function updateOrganization(organizationId: string, input: OrganizationUpdateInput): Promise<UpdateOrganizationResult> {
  const current = await prisma.organization.findUnique({
    where: { id: organizationId },
    select: { slug: true, kind: true, displayName: true, legalName: true, legalForm: true, taxCode: true, verificationStatus: true },
  })
  if (!current) return { ok: false, error: 'org.notFound' }
  if (await taxCodeTaken(input.taxCode, organizationId)) return { ok: false, error: 'org.taxCode.taken' }
  const identityChanged =
    current.legalName !== input.legalName || current.legalForm !== input.legalForm || current.taxCode !== input.taxCode
  const verificationReset = identityChanged && current.verificationStatus === 'VERIFIED'
  try {
    await prisma.$transaction(async (tx) => {
      await tx.organization.update({
        where: { id: organizationId },
        data: { ...organizationData(input, current.kind), ...(verificationReset ? { verificationStatus: 'UNVERIFIED' } : {}) },
      })
      // Search shows the producer's name beside each product.
      if (current.kind === 'PRODUCER' && current.displayName !== input.displayName) await enqueueProducerSync(tx, organizationId)
    })
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: 'org.taxCode.taken' }
    throw error
  }
  return { ok: true, slug: current.slug, verificationReset }
}

// ---------------------------------------------------------------------------------------------------------
// Logo

export type SetLogoResult = { ok: true } | Failure<'org.logo.invalid' | 'org.logo.tooLarge' | 'org.logo.required'>

/**
 * Stores a 256×256 WebP made from an uploaded image. Whether it is an image is decided by its content
 * (what the decoder reads), never by its name or declared type; metadata (GPS, camera) is dropped.
 */
export async function setOrganizationLogo(organizationId: string, bytes: Uint8Array): Promise<SetLogoResult> {
  if (bytes.byteLength === 0) return { ok: false, error: 'org.logo.required' }
  if (bytes.byteLength > LOGO_MAX_BYTES) return { ok: false, error: 'org.logo.tooLarge' }
  let webp: Buffer
  try {
    const options = { limitInputPixels: LOGO_MAX_PIXELS, failOn: 'error' as const }
    const metadata = await sharp(bytes, options).metadata()
    if (!metadata.format || !LOGO_FORMATS.has(metadata.format)) return { ok: false, error: 'org.logo.invalid' }
    if ((metadata.width ?? 0) * (metadata.height ?? 0) > LOGO_MAX_PIXELS) return { ok: false, error: 'org.logo.tooLarge' }
    webp = await sharp(bytes, options)
      .rotate()
      .resize(LOGO_SIZE, LOGO_SIZE, { fit: 'cover' })
      .webp({ quality: 82 })
      .toBuffer()
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) return { ok: false, error: 'org.logo.tooLarge' }
    return { ok: false, error: 'org.logo.invalid' }
  }
  await prisma.organization.update({
    where: { id: organizationId },
    data: { logoWebp: new Uint8Array(webp), logoUpdatedAt: new Date() },
  })
  return { ok: true }
}

export async function removeOrganizationLogo(organizationId: string) {
  await prisma.organization.update({ where: { id: organizationId }, data: { logoWebp: null, logoUpdatedAt: null } })
}

/** The logo bytes for the media route; `isPublic` as in getOrganizationProfile. */
export async function getOrganizationLogo(slug: string) {
  const org = await prisma.organization.findUnique({
    where: { slug },
    select: { id: true, logoWebp: true, logoUpdatedAt: true, verificationStatus: true, suspendedAt: true },
  })
  if (!org?.logoWebp || !org.logoUpdatedAt) return null
  return {
    organizationId: org.id,
    bytes: org.logoWebp,
    updatedAt: org.logoUpdatedAt,
    isPublic: org.verificationStatus !== 'REJECTED' && !org.suspendedAt,
  }
}

// ---------------------------------------------------------------------------------------------------------
// Members and invitations

export async function listMembers(organizationId: string) {
  const members = await prisma.membership.findMany({
    where: { organizationId },
    orderBy: { createdAt: 'asc' },
    select: {
      id: true,
      role: true,
      orderLimitVnd: true,
      monthlyLimitVnd: true,
      createdAt: true,
      user: { select: { id: true, name: true, email: true, phone: true } },
    },
  })
  // Owners first: they are whom other members go to.
  return members.sort((a, b) => Number(b.role === 'OWNER') - Number(a.role === 'OWNER'))
}

export type InviteResult =
  | { ok: true; invitationId: string }
  | Failure<'org.invite.alreadyMember' | 'org.invite.rateLimited'>

/**
 * Sends an invitation link by email or SMS, valid for 7 days. Inviting the same address again replaces the
 * pending invitation (the old link stops working), so "send again" needs nothing else.
 */
export async function inviteMember(input: {
  organizationId: string
  inviterId: string
  identifier: string
  role: MemberRole
  lang: Language
}): Promise<InviteResult> {
  const contact = parseIdentifier(input.identifier)
  if (!contact) throw new Error('inviteMember: the identifier must be validated first')
  const existing = await prisma.membership.findFirst({
    where: { organizationId: input.organizationId, user: contact.email ? { email: contact.email } : { phone: contact.phone } },
    select: { id: true },
  })
  if (existing) return { ok: false, error: 'org.invite.alreadyMember' }
  // Each invitation sends an email or a paid SMS to an address someone typed in: cap them per organisation.
  const limit = await hitRateLimit(`invite:org:${input.organizationId}`, INVITATIONS_PER_HOUR, 60 * 60_000)
  if (!limit.allowed) return { ok: false, error: 'org.invite.rateLimited' }

  const [organization, inviter] = await Promise.all([
    prisma.organization.findUniqueOrThrow({ where: { id: input.organizationId }, select: { displayName: true } }),
    prisma.user.findUniqueOrThrow({ where: { id: input.inviterId }, select: { name: true } }),
  ])
  const token = newToken()
  const t = getT(input.lang)
  const link = `${env().APP_URL}/${input.lang}/invitations/${token}`
  const contactWhere = contact.email ? { email: contact.email } : { phone: contact.phone }
  const invitation = await prisma.$transaction(async (tx) => {
    await tx.invitation.updateMany({
      where: { organizationId: input.organizationId, ...contactWhere, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    })
    const created = await tx.invitation.create({
      data: {
        organizationId: input.organizationId,
        email: contact.email ?? null,
        phone: contact.phone ?? null,
        role: input.role,
        tokenHash: tokenHash(token),
        invitedById: input.inviterId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      },
      select: { id: true },
    })
    const values = { inviter: inviter.name, organization: organization.displayName, role: t(`common:role.${input.role}`), link }
    await notify(tx, messageTo(contact, { subject: t('mail:invitation.subject', values), text: t('mail:invitation.text', values) }))
    return created
  })
  return { ok: true, invitationId: invitation.id }
}

export async function listPendingInvitations(organizationId: string) {
  return prisma.invitation.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: 'desc' },
    select: { id: true, email: true, phone: true, role: true, createdAt: true, expiresAt: true, invitedBy: { select: { name: true } } },
  })
}

/** Revokes a pending invitation of this organisation; false when there is none with that id here. */
export async function revokeInvitation(organizationId: string, invitationId: string) {
  const { count } = await prisma.invitation.updateMany({
    where: { id: invitationId, organizationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: new Date() },
  })
  return count > 0
}

export type InvitationStatus = 'valid' | 'accepted' | 'revoked' | 'expired'

/** The invitation behind a link, or null when the token is unknown. `valid` = not accepted, revoked or expired. */
export async function getInvitation(token: string) {
  const invitation = await prisma.invitation.findUnique({
    where: { tokenHash: tokenHash(token) },
    select: {
      id: true,
      email: true,
      phone: true,
      role: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      invitedBy: { select: { name: true } },
      organization: { select: { id: true, slug: true, displayName: true, kind: true, logoUpdatedAt: true } },
    },
  })
  if (!invitation) return null
  const status: InvitationStatus = invitation.acceptedAt
    ? 'accepted'
    : invitation.revokedAt
      ? 'revoked'
      : invitation.expiresAt <= new Date()
        ? 'expired'
        : 'valid'
  return { ...invitation, status, valid: status === 'valid' }
}

/** Whether the signed-in user is the person the invitation was sent to (same email or same phone). */
export function invitationIsFor(
  invitation: { email: string | null; phone: string | null },
  user: { email: string | null; phone: string | null },
) {
  return invitation.email ? invitation.email === user.email : !!invitation.phone && invitation.phone === user.phone
}

/** Shows enough of the address for the invitee to recognise it, not enough to harvest it: n•••@example.com, 0912 ••• 678. */
export function maskContact(contact: { email: string | null; phone: string | null }) {
  if (contact.email) {
    const [local, domain] = contact.email.split('@')
    return `${local.slice(0, 1)}•••@${domain}`
  }
  if (contact.phone) {
    const [a, , c] = formatPhone(contact.phone).split(' ')
    return `${a} ••• ${c}`
  }
  return ''
}

export type AcceptInvitationResult =
  | { ok: true; organization: { id: string; slug: string; displayName: string } }
  | Failure<'org.invite.invalid' | 'org.invite.wrongAccount'>

/**
 * Makes the user a member. Idempotent: accepting again, or when already a member, succeeds. Only the
 * account with the invited email or phone may accept, so a forwarded link does not let someone else in.
 */
export async function acceptInvitation(token: string, userId: string): Promise<AcceptInvitationResult> {
  const [invitation, user] = await Promise.all([
    getInvitation(token),
    prisma.user.findUnique({ where: { id: userId }, select: { email: true, phone: true } }),
  ])
  if (!invitation || !user) return { ok: false, error: 'org.invite.invalid' }
  if (!invitationIsFor(invitation, user)) return { ok: false, error: 'org.invite.wrongAccount' }
  const organization = { id: invitation.organization.id, slug: invitation.organization.slug, displayName: invitation.organization.displayName }
  if (invitation.status === 'accepted') {
    const role = await getMemberRole(userId, organization.id)
    return role ? { ok: true, organization } : { ok: false, error: 'org.invite.invalid' }
  }
  if (!invitation.valid) return { ok: false, error: 'org.invite.invalid' }

  const now = new Date()
  const claimed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.invitation.updateMany({
      where: { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now, acceptedById: userId },
    })
    if (count === 0) return false
    const where = { userId_organizationId: { userId, organizationId: organization.id } }
    const existing = await tx.membership.findUnique({ where, select: { role: true } })
    if (!existing) await tx.membership.create({ data: { userId, organizationId: organization.id, role: invitation.role } })
    // An invitation never demotes, it may promote (VIEWER → MEMBER → OWNER).
    else if (roleRank[invitation.role] > roleRank[existing.role]) await tx.membership.update({ where, data: { role: invitation.role } })
    return true
  })
  if (claimed) return { ok: true, organization }
  // Someone (most likely this same user, in another tab) got there first.
  return (await getMemberRole(userId, organization.id)) ? { ok: true, organization } : { ok: false, error: 'org.invite.invalid' }
}

export type RemoveMemberResult = { ok: true; userId: string } | Failure<'org.member.notFound' | 'org.member.lastOwner'>

/** Removes a membership of this organisation; the last OWNER stays, so an organisation is never orphaned. */
export async function removeMember(organizationId: string, membershipId: string): Promise<RemoveMemberResult> {
  return prisma.$transaction(async (tx) => {
    // Serialise removals in one organisation: two owners removing each other at once must not both succeed.
    await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${organizationId} FOR UPDATE`
    const membership = await tx.membership.findFirst({ where: { id: membershipId, organizationId }, select: { userId: true, role: true } })
    if (!membership) return { ok: false, error: 'org.member.notFound' } as const
    if (membership.role === 'OWNER') {
      const owners = await tx.membership.count({ where: { organizationId, role: 'OWNER' } })
      if (owners <= 1) return { ok: false, error: 'org.member.lastOwner' } as const
    }
    await tx.membership.delete({ where: { id: membershipId } })
    await tx.session.updateMany({
      where: { userId: membership.userId, activeOrganizationId: organizationId },
      data: { activeOrganizationId: null },
    })
    return { ok: true, userId: membership.userId } as const
  })
}

export type UpdateMemberResult =
  | { ok: true; userId: string; name: string }
  | Failure<'org.member.notFound' | 'org.member.lastOwner' | 'org.member.roleBuyerOnly'>

/**
 * Sets a member's role and spending limits (whole đồng, VAT included, null = none; placeOrders applies them).
 * Purchasing roles exist only in buyer organisations, and a producer's members have no limits (they do not
 * place orders). The last OWNER keeps the role, so an organisation always has someone to manage it.
 */
export async function updateMember(
  organizationId: string,
  membershipId: string,
  input: { role: MemberRole; orderLimitVnd: bigint | null; monthlyLimitVnd: bigint | null },
): Promise<UpdateMemberResult> {
  return prisma.$transaction(async (tx) => {
    // Serialised with removals: two owners demoting each other at once must not both succeed.
    await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${organizationId} FOR UPDATE`
    const organization = await tx.organization.findUnique({ where: { id: organizationId }, select: { kind: true } })
    const membership = await tx.membership.findFirst({
      where: { id: membershipId, organizationId },
      select: { userId: true, role: true, user: { select: { name: true } } },
    })
    if (!organization || !membership) return { ok: false, error: 'org.member.notFound' } as const
    const buyer = organization.kind === 'BUYER'
    if (!buyer && (buyerOnlyRoles as readonly MemberRole[]).includes(input.role)) return { ok: false, error: 'org.member.roleBuyerOnly' } as const
    if (membership.role === 'OWNER' && input.role !== 'OWNER') {
      const owners = await tx.membership.count({ where: { organizationId, role: 'OWNER' } })
      if (owners <= 1) return { ok: false, error: 'org.member.lastOwner' } as const
    }
    await tx.membership.update({
      where: { id: membershipId },
      data: { role: input.role, orderLimitVnd: buyer ? input.orderLimitVnd : null, monthlyLimitVnd: buyer ? input.monthlyLimitVnd : null },
    })
    return { ok: true, userId: membership.userId, name: membership.user.name } as const
  })
}

/** Makes the organisation the session's active one; null when the user is not a member of it. */
export async function switchOrganization(sessionId: string, userId: string, organizationId: string) {
  const membership = await prisma.membership.findUnique({
    where: { userId_organizationId: { userId, organizationId } },
    select: { organization: { select: { id: true, slug: true, displayName: true } } },
  })
  if (!membership) return null
  await setActiveOrganization(sessionId, organizationId)
  return membership.organization
}
