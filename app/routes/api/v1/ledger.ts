// GET /api/v1/ledger: a producer key's ledger rows (newest first, paged, by month and kind) and its balance.
// A buyer's key gets 403 FORBIDDEN before anything is read (the endpoint is for producers only).
import { endpoints } from '~/modules/api/endpoints'
import { listLedgerRows, producerBalance, type LedgerRow } from '~/modules/ledger/ledger.server'
import { apiRoute, implement, listResponse, money, pageOf } from '~/utils/api.server'

const present = (r: LedgerRow) => ({
  id: r.id,
  kind: r.kind,
  reversal: r.reversal,
  amount: money(r.amountVnd, 'VND'),
  base: r.baseVnd === null ? null : money(r.baseVnd, 'VND'),
  rateBasisPoints: r.rateBasisPoints,
  order: r.order ? { id: r.order.id, number: r.order.number } : null,
  payout: r.payout ? { id: r.payout.id, paidOn: r.payout.paidOn.toISOString().slice(0, 10), bankReference: r.payout.bankReference } : null,
  occurredAt: r.occurredAt.toISOString(),
})

const api = apiRoute(
  implement(endpoints.listLedger, async ({ key, query }) => {
    const producerId = key.organization.id
    const [{ items, total }, balance] = await Promise.all([listLedgerRows(producerId, { month: query.month, kinds: query.kind }, pageOf(query)), producerBalance(producerId)])
    return { ...listResponse(items.map(present), query, total), balance: money(balance, 'VND') }
  }),
)
export const loader = api.loader
export const action = api.action
