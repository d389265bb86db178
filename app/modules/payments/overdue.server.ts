// Overdue invoices are told, not only flagged: a scheduled job finds invoices on terms past their due date
// (Vietnam's date) that the buyer was not told about yet, and for each writes one history event and an
// `order.changed` message to the buyer (recordInvoiceOverdue in transitions.server.ts, one transaction per
// order); notifications.server.ts mails the buyer's members the amount still due, in each member's language.
// Each turn looks at every such invoice, not only those that fell due since the last turn, so time the app
// was down is covered; an invoice already told is never told again.
import { prisma } from '~/utils/db.server'
import { todayInHcm } from '../catalog/certifications'
import { recordInvoiceOverdue } from '../orders/transitions.server'
import { registerScheduledJob } from '../scheduler/scheduler.server'
import '../orders/notifications.server'

export const INVOICE_OVERDUE_JOB = 'payments.invoice-overdue'

const BATCH = 100

/** Tells the buyer of each overdue invoice not told yet; returns the ids of the orders it marked. */
export async function markOverdueInvoices(now = new Date()) {
  // Due before today in Vietnam: overdue from 00:00 Asia/Ho_Chi_Minh on the day after the due date.
  const today = new Date(`${todayInHcm(now)}T00:00:00Z`)
  const seen: string[] = []
  const marked: string[] = []
  for (;;) {
    const due = await prisma.order.findMany({
      where: {
        paymentStatus: 'INVOICED',
        paymentDueDate: { lt: today },
        events: { none: { details: { path: ['payment'], equals: 'overdue' } } },
        id: { notIn: seen },
      },
      select: { id: true },
      orderBy: [{ paymentDueDate: 'asc' }, { id: 'asc' }],
      take: BATCH,
    })
    for (const { id } of due) {
      seen.push(id)
      if (await recordInvoiceOverdue({ orderId: id, now })) marked.push(id)
    }
    if (due.length < BATCH) return marked
  }
}

registerScheduledJob({
  name: INVOICE_OVERDUE_JOB,
  everyMs: 60 * 60 * 1000,
  firstLookbackMs: 24 * 60 * 60 * 1000,
  run: async (_since, until) => void (await markOverdueInvoices(until)),
})
