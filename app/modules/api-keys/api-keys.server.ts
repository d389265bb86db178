import { createHash, randomBytes } from 'node:crypto'
import { prisma } from '~/utils/db.server'

const KEY_PREFIX = 'cvm_'
const LAST_USED_RESOLUTION_MS = 60_000

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex')

/** Makes a key; the plain key is returned once and only its hash is stored. */
export async function createApiKey(input: { organizationId: string; name: string; createdById?: string | null }) {
  const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`
  const apiKey = await prisma.apiKey.create({
    data: {
      organizationId: input.organizationId,
      name: input.name,
      prefix: key.slice(0, KEY_PREFIX.length + 6),
      keyHash: hashKey(key),
      createdById: input.createdById ?? null,
    },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true },
  })
  return { key, apiKey }
}

/** The organisation's keys, newest first (never the key itself). */
export function listApiKeys(organizationId: string) {
  return prisma.apiKey.findMany({
    where: { organizationId },
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
  })
}

/** Revokes a key of this organisation; false when it has no such key (or it was already revoked). */
export async function revokeApiKey(organizationId: string, apiKeyId: string) {
  const { count } = await prisma.apiKey.updateMany({
    where: { id: apiKeyId, organizationId, revokedAt: null },
    data: { revokedAt: new Date() },
  })
  return count > 0
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
