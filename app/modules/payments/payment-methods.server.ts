// Which ways of paying a buyer may choose for new orders, and the check placeOrders makes:
// - BANK_TRANSFER always (VietQR and the account details on the order page);
// - CARD when Stripe is configured (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET): hidden otherwise, never broken;
// - NET_TERMS for a verified buyer an operator gave terms and a credit limit, while its open invoices plus the
//   new orders stay within the limit.
import type { Prisma } from '~/generated/prisma/client'
import type { PaymentMethod } from '~/generated/prisma/enums'
import { prisma, type Tx } from '~/utils/db.server'
import { env } from '~/utils/env.server'

export const stripeConfigured = () => Boolean(env().STRIPE_SECRET_KEY && env().STRIPE_WEBHOOK_SECRET)

export type NetTermsStanding = {
  termDays: number
  creditLimitVnd: bigint
  /** What the buyer's unpaid orders on terms add up to (placed, confirmed or invoiced, less what was received). */
  openVnd: bigint
  availableVnd: bigint
}

export type PaymentMethodChoice = { method: PaymentMethod; available: boolean; why?: 'notConfigured' | 'noTerms' | 'notVerified' }

/** Orders on terms that use the buyer's credit: placed, confirmed or invoiced, not closed, not paid yet. */
export const openOnTermsWhere = {
  paymentMethod: 'NET_TERMS',
  paymentStatus: { in: ['UNPAID', 'INVOICED'] },
  status: { notIn: ['REJECTED', 'CANCELLED'] },
} satisfies Prisma.OrderWhereInput

/** What is left of a credit limit once the open amount is taken off (never negative). */
export const availableCredit = (creditLimitVnd: bigint, openVnd: bigint) => (creditLimitVnd > openVnd ? creditLimitVnd - openVnd : 0n)

/** The buyer's terms and how much of its credit limit is used; null when it has no terms. */
export async function netTermsStanding(db: Tx | typeof prisma, buyerId: string): Promise<NetTermsStanding | null> {
  const buyer = await db.organization.findUnique({ where: { id: buyerId }, select: { netTermsDays: true, creditLimitVnd: true } })
  if (!buyer?.netTermsDays || buyer.creditLimitVnd === null) return null
  const open = await db.order.aggregate({ where: { buyerId, ...openOnTermsWhere }, _sum: { totalVnd: true, amountReceivedVnd: true } })
  const openVnd = (open._sum.totalVnd ?? 0n) - (open._sum.amountReceivedVnd ?? 0n)
  return { termDays: buyer.netTermsDays, creditLimitVnd: buyer.creditLimitVnd, openVnd, availableVnd: availableCredit(buyer.creditLimitVnd, openVnd) }
}

/** The methods to offer a buyer at checkout, in the order shown. */
export async function paymentMethodChoices(buyerId: string): Promise<{ choices: PaymentMethodChoice[]; terms: NetTermsStanding | null }> {
  const buyer = await prisma.organization.findUnique({ where: { id: buyerId }, select: { verificationStatus: true } })
  const terms = await netTermsStanding(prisma, buyerId)
  const choices: PaymentMethodChoice[] = [{ method: 'BANK_TRANSFER', available: true }]
  if (stripeConfigured()) choices.push({ method: 'CARD', available: true })
  if (terms) choices.push(buyer?.verificationStatus === 'VERIFIED' ? { method: 'NET_TERMS', available: true } : { method: 'NET_TERMS', available: false, why: 'notVerified' })
  return { choices, terms }
}

export type PaymentMethodProblem =
  | { error: 'order.paymentMethod.unavailable'; method: PaymentMethod }
  | { error: 'order.paymentMethod.creditLimit'; creditLimitVnd: bigint; openVnd: bigint; availableVnd: bigint; requestedVnd: bigint }

/**
 * Inside placeOrders' transaction: may the buyer pay these new orders (their totals added up) this way?
 * For terms the buyer's row is locked first, so two checkouts at once cannot both fit under the same limit.
 */
export async function checkPaymentMethod(
  tx: Tx,
  buyerId: string,
  method: PaymentMethod,
  newOrdersVnd: bigint,
): Promise<{ ok: true; termDays: number | null } | ({ ok: false } & PaymentMethodProblem)> {
  if (method === 'BANK_TRANSFER') return { ok: true, termDays: null }
  if (method === 'CARD') return stripeConfigured() ? { ok: true, termDays: null } : { ok: false, error: 'order.paymentMethod.unavailable', method }
  await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${buyerId} FOR UPDATE`
  const buyer = await tx.organization.findUnique({ where: { id: buyerId }, select: { verificationStatus: true } })
  const terms = await netTermsStanding(tx, buyerId)
  if (!terms || buyer?.verificationStatus !== 'VERIFIED') return { ok: false, error: 'order.paymentMethod.unavailable', method }
  if (terms.openVnd + newOrdersVnd > terms.creditLimitVnd) {
    return { ok: false, error: 'order.paymentMethod.creditLimit', creditLimitVnd: terms.creditLimitVnd, openVnd: terms.openVnd, availableVnd: terms.availableVnd, requestedVnd: newOrdersVnd }
  }
  return { ok: true, termDays: terms.termDays }
}
