import { createHash, randomBytes } from 'node:crypto'
import { recordAudit } from '~/modules/audit/audit.server'
import { prisma } from '~/utils/db.server'

const KEY_PREFIX = 'cvm_'
const LAST_USED_RESOLUTION_MS = 60_000

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex')

/**
 * Makes a key; the plain key is returned once and only its hash is stored. With `actor` ("user:<id>"),
 * the creation is audited in the same transaction.
 */
export async function createApiKey(input: { organizationId: string; name: string; createdById?: string | null; actor?: string }) {
  const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`
  const apiKey = await prisma.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        organizationId: input.organizationId,
        name: input.name,
        prefix: key.slice(0, KEY_PREFIX.length + 6),
        keyHash: hashKey(key),
        createdById: input.createdById ?? null,
      },
      select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, organization: { select: { slug: true } } },
    })
    if (input.actor) {
      await recordAudit(
        { actor: input.actor, action: 'api-key.create', target: `organization:${created.organization.slug}`, details: { apiKeyId: created.id, name: created.name, prefix: created.prefix } },
        tx,
      )
    }
    return created
  })
  const { organization: _organization, ...rest } = apiKey
  return { key, apiKey: rest }
}

/** The organisation's keys, newest first (never the key itself). */
export function listApiKeys(organizationId: string) {
  return prisma.apiKey.findMany({
    where: { organizationId },
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
  })
}

/** One key of this organisation (null for another organisation's key), revoked or not. */
export function findApiKey(organizationId: string, apiKeyId: string) {
  return prisma.apiKey.findFirst({
    where: { id: apiKeyId, organizationId },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
  })
}

/**
 * Revokes a key of this organisation; false when it has no such key (or it was already revoked). With
 * `actor`, the revocation is audited in the same transaction.
 */
export async function revokeApiKey(organizationId: string, apiKeyId: string, actor?: string) {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.apiKey.updateMany({
      where: { id: apiKeyId, organizationId, revokedAt: null },
      data: { revokedAt: new Date() },
    })
    if (count > 0 && actor) {
      const organization = await tx.organization.findUniqueOrThrow({ where: { id: organizationId }, select: { slug: true } })
      await recordAudit({ actor, action: 'api-key.revoke', target: `organization:${organization.slug}`, details: { apiKeyId } }, tx)
    }
    return count > 0
  })
}

/** The key's organisation, or null for an unknown or revoked key. Records the last use (to the minute). */
export async function authenticateApiKey(key: string) {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null
  const apiKey = await prisma.apiKey.findUnique({
    where: { keyHash: hashKey(key) },
    select: {
      id: true,
      revokedAt: true,
      lastUsedAt: true,
      organization: { select: { id: true, slug: true, kind: true, displayName: true, verificationStatus: true, suspendedAt: true } },
    },
  })
  if (!apiKey || apiKey.revokedAt) return null
  if (!apiKey.lastUsedAt || Date.now() - apiKey.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await prisma.apiKey.update({ where: { id: apiKey.id }, data: { lastUsedAt: new Date() } })
  }
  return { apiKeyId: apiKey.id, organization: apiKey.organization }
}
