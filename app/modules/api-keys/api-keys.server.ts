import { createHash, randomBytes } from 'node:crypto'
import type { Prisma } from '~/generated/prisma/client'
import { recordAudit } from '~/modules/audit/audit.server'
import { prisma } from '~/utils/db.server'

const KEY_PREFIX = 'cvm_'
const LAST_USED_RESOLUTION_MS = 60_000

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex')

/** What the owners' page, the admin CLI and the API show of a key (never the key itself). */
const apiKeySelect = {
  id: true,
  name: true,
  prefix: true,
  createdAt: true,
  lastUsedAt: true,
  revokedAt: true,
  orderLimitVnd: true,
  canApproveOrders: true,
  createdBy: { select: { name: true } },
} satisfies Prisma.ApiKeySelect

/**
 * Makes a key; the plain key is returned once and only its hash is stored. `orderLimitVnd` (whole đồng, VAT
 * included): orders placed with the key above it wait for an approver. With `actor` ("user:<id>"), the
 * creation is audited in the same transaction.
 */
export async function createApiKey(input: {
  organizationId: string
  name: string
  createdById?: string | null
  orderLimitVnd?: bigint | null
  actor?: string
}) {
  const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`
  const apiKey = await prisma.$transaction(async (tx) => {
    const created = await tx.apiKey.create({
      data: {
        organizationId: input.organizationId,
        name: input.name,
        prefix: key.slice(0, KEY_PREFIX.length + 6),
        keyHash: hashKey(key),
        createdById: input.createdById ?? null,
        orderLimitVnd: input.orderLimitVnd ?? null,
      },
      select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, orderLimitVnd: true, organization: { select: { slug: true } } },
    })
    if (input.actor) {
      const details = { apiKeyId: created.id, name: created.name, prefix: created.prefix, orderLimitVnd: created.orderLimitVnd?.toString() ?? null }
      await recordAudit({ actor: input.actor, action: 'api-key.create', target: `organization:${created.organization.slug}`, details }, tx)
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
    select: apiKeySelect,
  })
}

/** One key of this organisation (null for another organisation's key), revoked or not. */
export function findApiKey(organizationId: string, apiKeyId: string) {
  return prisma.apiKey.findFirst({ where: { id: apiKeyId, organizationId }, select: apiKeySelect })
}

export type ApiKeyPurchasingChanges = {
  /** Whole đồng, VAT included; null removes the limit. Left out: unchanged. */
  orderLimitVnd?: bigint | null
  /** Whether the key may approve or refuse orders waiting for approval. Left out: unchanged. */
  canApproveOrders?: boolean
}

/**
 * Sets an active key's limit per order and/or whether it may approve orders. Null when the organisation has
 * no such active key. Each setting that really changes is audited (`api-key.limit`, `api-key.approver`) in
 * the same transaction when `actor` is given; `changed` names them.
 */
export async function updateApiKeyPurchasing(organizationId: string, apiKeyId: string, changes: ApiKeyPurchasingChanges, actor?: string) {
  return prisma.$transaction(async (tx) => {
    const before = await tx.apiKey.findFirst({
      where: { id: apiKeyId, organizationId, revokedAt: null },
      select: { orderLimitVnd: true, canApproveOrders: true, organization: { select: { slug: true } } },
    })
    if (!before) return null
    const changed: ('orderLimit' | 'canApproveOrders')[] = []
    if (changes.orderLimitVnd !== undefined && changes.orderLimitVnd !== before.orderLimitVnd) changed.push('orderLimit')
    if (changes.canApproveOrders !== undefined && changes.canApproveOrders !== before.canApproveOrders) changed.push('canApproveOrders')
    const apiKey = await tx.apiKey.update({
      where: { id: apiKeyId },
      data: { orderLimitVnd: changes.orderLimitVnd, canApproveOrders: changes.canApproveOrders },
      select: apiKeySelect,
    })
    if (actor) {
      const target = `organization:${before.organization.slug}`
      if (changed.includes('orderLimit')) {
        const details = { apiKeyId, from: before.orderLimitVnd?.toString() ?? null, to: apiKey.orderLimitVnd?.toString() ?? null }
        await recordAudit({ actor, action: 'api-key.limit', target, details }, tx)
      }
      if (changed.includes('canApproveOrders')) {
        await recordAudit({ actor, action: 'api-key.approver', target, details: { apiKeyId, canApproveOrders: apiKey.canApproveOrders } }, tx)
      }
    }
    return { apiKey, changed }
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
