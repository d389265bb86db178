import type { Prisma } from '~/generated/prisma/client'
import { prisma, type Tx } from '~/utils/db.server'

export type AuditEntry = { actor: string; action: string; target?: string | null; details?: Prisma.InputJsonValue }

/** Records who did what; pass the transaction of the change so both commit or neither. */
export async function recordAudit(entry: AuditEntry, tx: Tx = prisma) {
  await tx.auditLog.create({ data: { actor: entry.actor, action: entry.action, target: entry.target ?? null, details: entry.details } })
}

export function listAudit(options: { target?: string; limit?: number } = {}) {
  return prisma.auditLog.findMany({
    where: options.target ? { target: options.target } : undefined,
    orderBy: { id: 'desc' },
    take: options.limit ?? 50,
  })
}
