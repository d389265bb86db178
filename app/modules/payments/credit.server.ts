// Operators give buyers payment terms: 30 or 60 days after confirmation, up to a credit limit that the
// buyer's open invoices on terms may not exceed (payment-methods.server.ts checks it at every checkout).
// An unverified buyer may be given terms ahead of its verification, but cannot use them until verified.
// Every change is audited with what was there before.
import type { Prisma } from '~/generated/prisma/client'
import type { VerificationStatus } from '~/generated/prisma/enums'
import { prisma } from '~/utils/db.server'
import { recordAudit } from '../audit/audit.server'
import { parseVnd } from '../catalog/product-schemas'
import { availableCredit, openOnTermsWhere } from './payment-methods.server'
import { CREDIT_LIMIT_MAX_VND, CREDIT_PAGE_SIZE, isNetTermsDays, type NetTermsDays } from './terms'

export type BuyerCredit = {
  id: string
  slug: string
  displayName: string
  legalName: string
  taxCode: string
  verificationStatus: VerificationStatus
  suspended: boolean
  termDays: number | null
  creditLimitVnd: bigint | null
  /** Unpaid orders on terms (placed, confirmed or invoiced), less what was received. */
  openVnd: bigint
  /** What the buyer may still order on terms; null without terms. */
  availableVnd: bigint | null
  /** Whether the buyer can choose terms at checkout now. */
  usable: boolean
}

function buyerWhere(q: string): Prisma.OrganizationWhereInput {
  if (!q) return { kind: 'BUYER' }
  return {
    kind: 'BUYER',
    OR: [
      { displayName: { contains: q, mode: 'insensitive' } },
      { legalName: { contains: q, mode: 'insensitive' } },
      { taxCode: { contains: q } },
      { slug: { contains: q.toLowerCase() } },
    ],
  }
}

/** Buyer organisations for the credit page: those with terms first, then by name; `page` from 1. */
export async function listBuyerCredit(input: { q: string; page: number }): Promise<{ items: BuyerCredit[]; total: number }> {
  const where = buyerWhere(input.q.trim())
  const [rows, total] = await prisma.$transaction([
    prisma.organization.findMany({
      where,
      select: {
        id: true,
        slug: true,
        displayName: true,
        legalName: true,
        taxCode: true,
        verificationStatus: true,
        suspendedAt: true,
        netTermsDays: true,
        creditLimitVnd: true,
      },
      orderBy: [{ netTermsDays: { sort: 'asc', nulls: 'last' } }, { displayName: 'asc' }, { id: 'asc' }],
      skip: (input.page - 1) * CREDIT_PAGE_SIZE,
      take: CREDIT_PAGE_SIZE,
    }),
    prisma.organization.count({ where }),
  ])
  const open = await prisma.order.groupBy({
    by: ['buyerId'],
    where: { buyerId: { in: rows.map((r) => r.id) }, ...openOnTermsWhere },
    _sum: { totalVnd: true, amountReceivedVnd: true },
  })
  const openOf = new Map(open.map((o) => [o.buyerId, (o._sum.totalVnd ?? 0n) - (o._sum.amountReceivedVnd ?? 0n)]))
  const items = rows.map((r): BuyerCredit => {
    const openVnd = openOf.get(r.id) ?? 0n
    const hasTerms = r.netTermsDays !== null && r.creditLimitVnd !== null
    return {
      id: r.id,
      slug: r.slug,
      displayName: r.displayName,
      legalName: r.legalName,
      taxCode: r.taxCode,
      verificationStatus: r.verificationStatus,
      suspended: r.suspendedAt !== null,
      termDays: hasTerms ? r.netTermsDays : null,
      creditLimitVnd: hasTerms ? r.creditLimitVnd : null,
      openVnd,
      availableVnd: hasTerms ? availableCredit(r.creditLimitVnd!, openVnd) : null,
      usable: hasTerms && r.verificationStatus === 'VERIFIED' && r.suspendedAt === null,
    }
  })
  return { items, total }
}

/** The terms form as typed: `terms` is '', '30' or '60'; `creditLimit` a whole đồng amount. */
export type TermsForm = { terms: string; creditLimit: string }

export type TermsFormError = { field: 'terms' | 'creditLimit'; key: string }

/** Checks the form: no terms (the limit is then ignored and cleared), or 30/60 days with a limit from 0 to the maximum. */
export function parseTermsForm(form: TermsForm): { ok: true; termDays: NetTermsDays | null; creditLimitVnd: bigint | null } | { ok: false; errors: TermsFormError[] } {
  const terms = form.terms.trim()
  if (terms === '') return { ok: true, termDays: null, creditLimitVnd: null }
  const errors: TermsFormError[] = []
  const termDays = Number(terms)
  if (!/^\d+$/.test(terms) || !isNetTermsDays(termDays)) errors.push({ field: 'terms', key: 'terms:credit.error.terms' })
  const text = form.creditLimit.trim()
  const limit = text === '' ? null : parseVnd(text)
  if (text === '') errors.push({ field: 'creditLimit', key: 'terms:credit.error.limitRequired' })
  else if (limit === null || limit < 0n) errors.push({ field: 'creditLimit', key: 'terms:credit.error.limitInvalid' })
  else if (limit > CREDIT_LIMIT_MAX_VND) errors.push({ field: 'creditLimit', key: 'terms:credit.error.limitTooLarge' })
  if (errors.length > 0 || limit === null || !isNetTermsDays(termDays)) return { ok: false, errors }
  return { ok: true, termDays, creditLimitVnd: limit }
}

export type SetTermsResult =
  | { ok: true; buyer: { slug: string; displayName: string; verificationStatus: VerificationStatus }; termDays: number | null; creditLimitVnd: bigint | null; changed: boolean }
  | { ok: false; error: 'notFound' }

/**
 * Sets (termDays and a limit) or removes (both null) a buyer's terms, audited as `actor` ("user:<id>") in the
 * same transaction. Lowering a limit below what is open is allowed: the buyer then cannot order on terms
 * until invoices are paid. Orders already placed on terms keep the term they were placed with.
 */
export async function setBuyerTerms(input: { buyerId: string; termDays: NetTermsDays | null; creditLimitVnd: bigint | null; actor: string }): Promise<SetTermsResult> {
  const termDays = input.termDays === null || input.creditLimitVnd === null ? null : input.termDays
  const creditLimitVnd = termDays === null ? null : input.creditLimitVnd
  return prisma.$transaction(async (tx): Promise<SetTermsResult> => {
    // Locked like a checkout on terms locks it, so a checkout sees either the old terms or the new ones.
    const [row] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Organization" WHERE id = ${input.buyerId} AND kind = 'BUYER' FOR UPDATE`
    if (!row) return { ok: false, error: 'notFound' }
    const before = await tx.organization.findUniqueOrThrow({
      where: { id: row.id },
      select: { slug: true, displayName: true, verificationStatus: true, netTermsDays: true, creditLimitVnd: true },
    })
    const buyer = { slug: before.slug, displayName: before.displayName, verificationStatus: before.verificationStatus }
    const changed = before.netTermsDays !== termDays || before.creditLimitVnd !== creditLimitVnd
    if (!changed) return { ok: true, buyer, termDays, creditLimitVnd, changed }
    await tx.organization.update({ where: { id: row.id }, data: { netTermsDays: termDays, creditLimitVnd } })
    await recordAudit(
      {
        actor: input.actor,
        action: termDays === null ? 'credit.remove-terms' : 'credit.set-terms',
        target: `organization:${before.slug}`,
        details: {
          before: { termDays: before.netTermsDays, creditLimitVnd: before.creditLimitVnd?.toString() ?? null },
          after: { termDays, creditLimitVnd: creditLimitVnd?.toString() ?? null },
          verificationStatus: before.verificationStatus,
        },
      },
      tx,
    )
    return { ok: true, buyer, termDays, creditLimitVnd, changed }
  })
}
