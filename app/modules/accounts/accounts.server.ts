import { createHash, randomBytes } from 'node:crypto'
import { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { env } from '~/utils/env.server'
import type { Language } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { hitRateLimit, resetRateLimit } from '~/utils/rate-limit.server'
import { messageTo, notify } from '../notifications/notifications.server'
import { parseIdentifier, type Identifier } from './identifier'
import { dummyPasswordHash, hashPassword, verifyPassword } from './password.server'

export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000
const RESET_TTL_MS = 60 * 60 * 1000
const RESET_LIMIT_PER_ACCOUNT = 3
const RESET_LIMIT_PER_IP = 20
const RESET_LIMIT_WINDOW_MS = 60 * 60 * 1000

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex')
export const newToken = () => randomBytes(32).toString('base64url')

const whereIdentifier = (id: Identifier) => (id.email ? { email: id.email } : { phone: id.phone! })

export const publicUserSelect = {
  id: true,
  name: true,
  email: true,
  phone: true,
  locale: true,
  platformRoles: true,
} satisfies Prisma.UserSelect

export type SignupResult = { ok: true; userId: string } | { ok: false; error: 'identifier.taken' }

export async function signup(input: { name: string; identifier: string; password: string; locale: Language }): Promise<SignupResult> {
  const id = parseIdentifier(input.identifier)
  if (!id) throw new Error('signup: identifier must be validated first')
  const passwordHash = await hashPassword(input.password)
  try {
    const user = await prisma.user.create({ data: { ...whereIdentifier(id), name: input.name, passwordHash, locale: input.locale } })
    return { ok: true, userId: user.id }
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return { ok: false, error: 'identifier.taken' }
    throw error
  }
}

export type LoginResult = { ok: true; userId: string } | { ok: false; error: 'login.invalid' | 'login.rateLimited'; retryAfterSeconds?: number }

/**
 * Checks a login with rate limits per account and per IP. A wrong identifier and a wrong password give the
 * same answer, in about the same time.
 */
export async function login(input: { identifier: string; password: string; clientIp: string }): Promise<LoginResult> {
  const { LOGIN_LIMIT_PER_ACCOUNT, LOGIN_LIMIT_PER_IP, LOGIN_LIMIT_WINDOW_MINUTES } = env()
  const windowMs = LOGIN_LIMIT_WINDOW_MINUTES * 60_000
  const id = parseIdentifier(input.identifier)
  const accountKey = `login:account:${id ? (id.email ?? id.phone) : input.identifier.trim().toLowerCase()}`
  const [perIp, perAccount] = await Promise.all([
    hitRateLimit(`login:ip:${input.clientIp}`, LOGIN_LIMIT_PER_IP, windowMs),
    hitRateLimit(accountKey, LOGIN_LIMIT_PER_ACCOUNT, windowMs),
  ])
  if (!perIp.allowed || !perAccount.allowed) {
    return { ok: false, error: 'login.rateLimited', retryAfterSeconds: Math.max(perIp.retryAfterSeconds, perAccount.retryAfterSeconds) }
  }
  const user = id ? await prisma.user.findUnique({ where: whereIdentifier(id), select: { id: true, passwordHash: true } }) : null
  const valid = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password)
  if (!user || !valid) return { ok: false, error: 'login.invalid' }
  await resetRateLimit(accountKey)
  return { ok: true, userId: user.id }
}

export async function createSession(userId: string, activeOrganizationId?: string | null) {
  const session = await prisma.session.create({
    data: { userId, expiresAt: new Date(Date.now() + SESSION_TTL_MS), activeOrganizationId: activeOrganizationId ?? null },
  })
  return session.id
}

export async function getSessionWithUser(sessionId: string) {
  const session = await prisma.session.findUnique({
    where: { id: sessionId },
    select: { id: true, expiresAt: true, activeOrganizationId: true, user: { select: publicUserSelect } },
  })
  if (!session || session.expiresAt < new Date()) return null
  return session
}

export async function deleteSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } })
}

export async function setActiveOrganization(sessionId: string, organizationId: string | null) {
  await prisma.session.update({ where: { id: sessionId }, data: { activeOrganizationId: organizationId } })
}

/** Changes the password and signs out every other session of the user. */
export async function changePassword(input: { userId: string; sessionId: string; currentPassword: string; password: string }) {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: input.userId }, select: { passwordHash: true } })
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) return { ok: false as const, error: 'password.currentWrong' }
  const passwordHash = await hashPassword(input.password)
  await prisma.$transaction([
    prisma.user.update({ where: { id: input.userId }, data: { passwordHash } }),
    prisma.session.deleteMany({ where: { userId: input.userId, id: { not: input.sessionId } } }),
    // A reset link requested before the change would otherwise still override it.
    prisma.passwordResetToken.updateMany({ where: { userId: input.userId, usedAt: null }, data: { usedAt: new Date() } }),
  ])
  return { ok: true as const }
}

/**
 * Sends a reset link when the identifier belongs to an account; says nothing either way, so the page cannot
 * be used to find out who has an account.
 */
export async function requestPasswordReset(identifier: string, lang: Language, clientIp?: string) {
  const id = parseIdentifier(identifier)
  if (!id) return
  // Each request can cost an SMS and lands in someone's inbox: cap it per account and per client, silently
  // (a visible limit would tell who has an account).
  const [perAccount, perIp] = await Promise.all([
    hitRateLimit(`reset:account:${id.email ?? id.phone}`, RESET_LIMIT_PER_ACCOUNT, RESET_LIMIT_WINDOW_MS),
    clientIp ? hitRateLimit(`reset:ip:${clientIp}`, RESET_LIMIT_PER_IP, RESET_LIMIT_WINDOW_MS) : { allowed: true },
  ])
  if (!perAccount.allowed || !perIp.allowed) return
  const user = await prisma.user.findUnique({ where: whereIdentifier(id) })
  if (!user) return
  const token = newToken()
  const t = getT(lang)
  const link = `${env().APP_URL}/${lang}/reset-password?token=${token}`
  await prisma.$transaction(async (tx) => {
    await tx.passwordResetToken.create({ data: { userId: user.id, tokenHash: tokenHash(token), expiresAt: new Date(Date.now() + RESET_TTL_MS) } })
    await notify(tx, messageTo(id, { subject: t('mail:reset.subject'), text: t('mail:reset.text', { name: user.name, link }) }))
  })
}

export async function findValidResetToken(token: string) {
  const row = await prisma.passwordResetToken.findUnique({ where: { tokenHash: tokenHash(token) } })
  return row && !row.usedAt && row.expiresAt > new Date() ? row : null
}

/** Sets a new password from a reset link, once; every session of the user ends. */
export async function resetPassword(token: string, password: string) {
  const row = await findValidResetToken(token)
  if (!row) return { ok: false as const, error: 'reset.invalidToken' }
  const passwordHash = await hashPassword(password)
  const used = await prisma.$transaction(async (tx) => {
    const claimed = await tx.passwordResetToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } })
    if (claimed.count === 0) return false
    // Older links still waiting in the inbox must not undo the new password.
    await tx.passwordResetToken.updateMany({ where: { userId: row.userId, usedAt: null }, data: { usedAt: new Date() } })
    await tx.user.update({ where: { id: row.userId }, data: { passwordHash } })
    await tx.session.deleteMany({ where: { userId: row.userId } })
    return true
  })
  return used ? { ok: true as const, userId: row.userId } : { ok: false as const, error: 'reset.invalidToken' }
}

export async function setUserLocale(userId: string, locale: Language) {
  await prisma.user.update({ where: { id: userId }, data: { locale } })
}
