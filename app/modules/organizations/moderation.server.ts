// What operators do to organisations: verify or reject them, suspend and restore them. Each change and its
// audit row commit together, so the log never misses a change nor records one that did not happen.
import type { OrganizationKind, VerificationStatus } from '~/generated/prisma/enums'
import { prisma } from '~/utils/db.server'
import { recordAudit } from '../audit/audit.server'
import { enqueueProducerSync } from '../search/sync.server'

type Failure<E extends string> = { ok: false; error: E }

/** An organisation by slug or id; operators type slugs, pages hold ids. */
export type OrganizationRef = { slug: string } | { id: string }

const whereRef = (ref: OrganizationRef) => ('slug' in ref ? { slug: ref.slug } : { id: ref.id })

/** Every organisation for operators (rejected and suspended included), sorted by slug. */
export function listOrganizationsForOperators(filter: { kind?: OrganizationKind } = {}) {
  return prisma.organization.findMany({
    where: filter.kind ? { kind: filter.kind } : undefined,
    orderBy: { slug: 'asc' },
    select: {
      id: true,
      slug: true,
      kind: true,
      displayName: true,
      provinceCode: true,
      regionType: true,
      verificationStatus: true,
      suspendedAt: true,
      suspensionReason: true,
    },
  })
}

export function findOrganization(ref: OrganizationRef) {
  return prisma.organization.findUnique({
    where: whereRef(ref),
    select: { id: true, slug: true, kind: true, displayName: true, verificationStatus: true, suspendedAt: true },
  })
}

export type SetVerificationResult =
  | { ok: true; slug: string; previous: VerificationStatus; status: VerificationStatus }
  | Failure<'org.notFound' | 'org.reasonRequired'>

/**
 * Sets the verification status. A rejection needs a reason: the organisation's members see it on its
 * profile, and it is kept in the audit row; any other status clears it.
 */
export async function setVerificationStatus(
  ref: OrganizationRef,
  status: VerificationStatus,
  by: { actor: string; reason?: string },
): Promise<SetVerificationResult> {
  const reason = by.reason?.trim() || undefined
  if (status === 'REJECTED' && !reason) return { ok: false, error: 'org.reasonRequired' }
  return prisma.$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: whereRef(ref), select: { id: true, slug: true, verificationStatus: true } })
    if (!org) return { ok: false, error: 'org.notFound' } as const
    await tx.organization.update({
      where: { id: org.id },
      data: { verificationStatus: status, verificationNote: status === 'REJECTED' ? reason : null },
    })
    // A rejected producer's products leave the public catalogue, and come back when it is verified again.
    await enqueueProducerSync(tx, org.id)
    const action = status === 'VERIFIED' ? 'org.verify' : status === 'REJECTED' ? 'org.reject' : 'org.unverify'
    await recordAudit(
      {
        actor: by.actor,
        action,
        target: `organization:${org.slug}`,
        details: { org: org.slug, previous: org.verificationStatus, status, ...(reason ? { reason } : {}) },
      },
      tx,
    )
    return { ok: true, slug: org.slug, previous: org.verificationStatus, status } as const
  })
}

export type SuspendResult =
  | { ok: true; slug: string; suspendedAt: Date }
  | Failure<'org.notFound' | 'org.reasonRequired' | 'org.alreadySuspended'>

/** Hides the organisation from the public and keeps why; suspending twice would lose the first date. */
export async function suspendOrganization(ref: OrganizationRef, by: { actor: string; reason: string }): Promise<SuspendResult> {
  const reason = by.reason.trim()
  if (!reason) return { ok: false, error: 'org.reasonRequired' }
  return prisma.$transaction(async (tx) => {
    const org = await tx.organization.findUnique({ where: whereRef(ref), select: { id: true, slug: true, suspendedAt: true } })
    if (!org) return { ok: false, error: 'org.notFound' } as const
    if (org.suspendedAt) return { ok: false, error: 'org.alreadySuspended' } as const
    const suspendedAt = new Date()
    await tx.organization.update({ where: { id: org.id }, data: { suspendedAt, suspensionReason: reason } })
    await enqueueProducerSync(tx, org.id)
    await recordAudit({ actor: by.actor, action: 'org.suspend', target: `organization:${org.slug}`, details: { org: org.slug, reason } }, tx)
    return { ok: true, slug: org.slug, suspendedAt } as const
  })
}

export type RestoreResult = { ok: true; slug: string } | Failure<'org.notFound' | 'org.notSuspended'>

export async function restoreOrganization(ref: OrganizationRef, by: { actor: string; reason?: string }): Promise<RestoreResult> {
  const reason = by.reason?.trim() || undefined
  return prisma.$transaction(async (tx) => {
    const org = await tx.organization.findUnique({
      where: whereRef(ref),
      select: { id: true, slug: true, suspendedAt: true, suspensionReason: true },
    })
    if (!org) return { ok: false, error: 'org.notFound' } as const
    if (!org.suspendedAt) return { ok: false, error: 'org.notSuspended' } as const
    await tx.organization.update({ where: { id: org.id }, data: { suspendedAt: null, suspensionReason: null } })
    await enqueueProducerSync(tx, org.id)
    await recordAudit(
      {
        actor: by.actor,
        action: 'org.restore',
        target: `organization:${org.slug}`,
        details: {
          org: org.slug,
          suspendedAt: org.suspendedAt.toISOString(),
          suspensionReason: org.suspensionReason,
          ...(reason ? { reason } : {}),
        },
      },
      tx,
    )
    return { ok: true, slug: org.slug } as const
  })
}
