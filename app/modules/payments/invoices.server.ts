// Open invoices on net terms for operators: every INVOICED order (confirmed, shipped or delivered on terms and
// not paid in full yet), the longest overdue first. An invoice is paid by bank transfer like any order: a
// matched statement line or a transfer an operator records (/operator/payments) makes it PAID.
import type { Prisma } from '~/generated/prisma/client'
import { prisma } from '~/utils/db.server'
import { todayInHcm } from '../catalog/certifications'
import { daysOverdue } from './terms'

export const INVOICES_PAGE_SIZE = 50

/** An invoice is overdue from the day after its due date: due before today (Vietnam's date). */
const overdueWhere = (now: Date): Prisma.OrderWhereInput => ({ paymentDueDate: { lt: new Date(`${todayInHcm(now)}T00:00:00Z`) } })

/** Open invoices, by due date (so the overdue ones, due earliest, come first); `page` from 1. */
export async function listOpenInvoices(input: { overdueOnly: boolean; page: number; now?: Date }) {
  const now = input.now ?? new Date()
  const open: Prisma.OrderWhereInput = { paymentStatus: 'INVOICED' }
  const where: Prisma.OrderWhereInput = input.overdueOnly ? { ...open, ...overdueWhere(now) } : open
  const [rows, total, overdue, sums] = await prisma.$transaction([
    prisma.order.findMany({
      where,
      select: {
        id: true,
        number: true,
        status: true,
        paymentStatus: true,
        paymentTermDays: true,
        paymentDueDate: true,
        totalVnd: true,
        amountReceivedVnd: true,
        confirmedAt: true,
        buyer: { select: { slug: true, displayName: true } },
        producer: { select: { slug: true, displayName: true } },
      },
      orderBy: [{ paymentDueDate: 'asc' }, { number: 'asc' }],
      skip: (input.page - 1) * INVOICES_PAGE_SIZE,
      take: INVOICES_PAGE_SIZE,
    }),
    prisma.order.count({ where }),
    prisma.order.count({ where: { ...open, ...overdueWhere(now) } }),
    prisma.order.aggregate({ where, _sum: { totalVnd: true, amountReceivedVnd: true } }),
  ])
  const items = rows.map((o) => ({
    ...o,
    dueVnd: o.totalVnd > o.amountReceivedVnd ? o.totalVnd - o.amountReceivedVnd : 0n,
    daysOverdue: daysOverdue(o, now),
  }))
  const outstandingVnd = (sums._sum.totalVnd ?? 0n) - (sums._sum.amountReceivedVnd ?? 0n)
  return { items, total, overdue, outstandingVnd }
}
