// POST /api/v1/orders/{id}/approve: an approver lets an order waiting for approval through to the producer
// (who may, and the answers: app/modules/api/order-approvals.server.ts).
import { endpoints } from '~/modules/api/endpoints'
import { decideApproval } from '~/modules/api/order-approvals.server'
import { apiRoute, implement } from '~/utils/api.server'

const api = apiRoute(implement(endpoints.approveOrder, ({ key, params, t }) => decideApproval({ key, orderId: params.id, t, decision: { to: 'PLACED' } })))
export const loader = api.loader
export const action = api.action
