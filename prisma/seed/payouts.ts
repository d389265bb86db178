// Demo payouts: after the demo orders (whose payments wrote the producers' ledger rows through the real
// payment services), the operator paid out three producers a week ago — the cooperative of producer@, a
// rice cooperative, and the Phú Quốc fish-sauce household business (whose rows show VAT and PIT withheld) —
// each what it was owed then, in round thousands, through the real payout service. Safe to run again: a
// producer that has a payout already gets none.
import { todayInHcm } from '~/modules/catalog/certifications'
import { recordPayout } from '~/modules/ledger/payouts.server'
import { normalizeEmail } from '~/modules/accounts/identifier'
import { prisma } from '~/utils/db.server'
import { demoLogins } from './users'

const DAY_MS = 24 * 60 * 60 * 1000

/** The producers paid out in the demo, and how many days ago. */
const demoPayouts = [
  { producer: 'htx-che-shan-tuyet-hoang-su-phi', daysAgo: 7, code: '0417' },
  { producer: 'htx-gao-tam-muong-thanh', daysAgo: 8, code: '0392' },
  { producer: 'nuoc-mam-phu-quoc-hung-thinh', daysAgo: 7, code: '0418' },
]

/** A Vietcombank-style reference: FT, the date (yymmdd) and a number. */
const bankReference = (at: Date, code: string) => `FT${todayInHcm(at).slice(2).replaceAll('-', '')}${code}`

export async function seedDemoPayouts(now = new Date()): Promise<number> {
  const operator = await prisma.user.findUnique({ where: { email: normalizeEmail(demoLogins.operator)! }, select: { id: true, name: true } })
  if (!operator) throw new Error('the demo operator is not in the database')
  let created = 0
  for (const demo of demoPayouts) {
    const producer = await prisma.organization.findUnique({ where: { slug: demo.producer }, select: { id: true, _count: { select: { payouts: true } } } })
    if (!producer || producer._count.payouts > 0) continue
    const at = new Date(now.getTime() - demo.daysAgo * DAY_MS)
    // What it was owed on the day (rows recorded later, such as a refund, do not count), in round thousands.
    const owed = (await prisma.ledgerEntry.aggregate({ where: { producerId: producer.id, occurredAt: { lt: at } }, _sum: { amountVnd: true } }))._sum.amountVnd ?? 0n
    const amountVnd = (owed / 1000n) * 1000n
    if (amountVnd <= 0n) continue
    const result = await recordPayout({
      producerId: producer.id,
      amountVnd,
      paidOn: todayInHcm(at),
      bankReference: bankReference(at, demo.code),
      note: 'Chi trả định kỳ',
      operator: { userId: operator.id, name: operator.name },
      now: at,
    })
    // The balance today is below what was owed then only if a refund came later; the demo has none for these.
    if (!result.ok) throw new Error(`demo payout to ${demo.producer} failed (${result.error})`)
    created++
  }
  return created
}
