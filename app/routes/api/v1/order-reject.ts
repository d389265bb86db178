// POST /api/v1/orders/{id}/reject: an approver refuses an order waiting for approval, with a reason the
// purchaser reads (who may, and the answers: app/modules/api/order-approvals.server.ts).
import { endpoints } from '~/modules/api/endpoints'
import { decideApproval } from '~/modules/api/order-approvals.server'
import { apiRoute, implement } from '~/utils/api.server'

const api = apiRoute(
  implement(endpoints.rejectOrder, ({ key, params, body, t }) => decideApproval({ key, orderId: params.id, t, decision: { to: 'CANCELLED', reason: body.reason } })),
)
export const loader = api.loader
export const action = api.action
