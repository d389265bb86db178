// An approver's decision by API on an order waiting for approval (above a purchaser's or an API key's
// limit): POST /api/v1/orders/{id}/approve and /reject (app/routes/api/v1/order-approve.ts, order-reject.ts).
// Keys act with a member's permissions, which do not include approving: only a key an owner has allowed to
// approve orders (the "API keys" page) decides, never on an order placed with it (four eyes).
// Here rather than in a route module: the routes share it, and Remix keeps a route's other exports in the
// browser build, which must not import server modules.
import type { TFunction } from 'i18next'
import type { OrderStatus } from '~/generated/prisma/enums'
import { findApiKey } from '~/modules/api-keys/api-keys.server'
import { apiKeyActorName, presentOrder } from '~/modules/api/present'
import { findOrder } from '~/modules/orders/queries.server'
import { transitionOrder } from '~/modules/orders/transitions.server'
import { ApiError, type ApiKeyAuth } from '~/utils/api.server'
import { env } from '~/utils/env.server'

/** "Đã đặt (PLACED)": the word people read and the code the API uses. */
const statusLabel = (status: OrderStatus, t: TFunction) => `${t(`orders:status.${status}`)} (${status})`

/**
 * Approves (→ PLACED) or refuses (→ CANCELLED with the reason) an order of the key's organisation that waits
 * for approval, and answers the order as it now is. 404 for an order the key cannot see (another
 * organisation's, or one waiting for approval asked by its producer); 403 for a producer's key, a key not
 * allowed to approve, or the key that placed the order; 409 when the order no longer waits.
 */
export async function decideApproval(input: { key: ApiKeyAuth; orderId: string; t: TFunction; decision: { to: 'PLACED' } | { to: 'CANCELLED'; reason: string } }) {
  const { key, t, decision } = input
  const organizationId = key.organization.id
  const found = await findOrder(organizationId, input.orderId)
  if (!found) throw new ApiError(404, 'NOT_FOUND')
  const { order, side } = found
  if (side === 'producer') throw new ApiError(403, 'FORBIDDEN', { message: 'api:errors.approvalBuyersOnly' })
  const apiKey = await findApiKey(organizationId, key.apiKeyId)
  if (!apiKey?.canApproveOrders) throw new ApiError(403, 'FORBIDDEN', { message: 'api:errors.approverKeyRequired' })
  // Four eyes: transitionOrder refuses a person deciding on their own order; a key is refused here.
  if (order.placedByApiKeyId === key.apiKeyId) throw new ApiError(403, 'FORBIDDEN', { message: 'api:errors.approvalOwnOrder' })

  const result = await transitionOrder({
    orderId: order.id,
    actor: { kind: 'approver', organizationId, apiKeyId: key.apiKeyId, name: apiKeyActorName(apiKey.name) },
    to: decision.to,
    note: decision.to === 'CANCELLED' ? decision.reason : undefined,
  })
  if (!result.ok) {
    switch (result.error) {
      case 'order.notFound':
        throw new ApiError(404, 'NOT_FOUND')
      case 'order.invalidTransition':
        throw new ApiError(409, 'INVALID_TRANSITION', { message: 'api:errors.notPendingApproval', values: { status: statusLabel(result.from, t) } })
      case 'order.approval.ownOrder':
        throw new ApiError(403, 'FORBIDDEN', { message: 'api:errors.approvalOwnOrder' })
      case 'order.reason.required':
      case 'order.note.tooLong':
        throw new ApiError(400, 'VALIDATION_ERROR', { details: { reason: [t(`errors:${result.error}`)] } })
      default:
        // An approver's moves have no other refusals (shipping fees, dates, quantities belong to other moves).
        throw new Error(`Unexpected refusal of an approval: ${result.error}`)
    }
  }
  const updated = await findOrder(organizationId, order.id)
  if (!updated) throw new Error('An order just decided could not be read back')
  return presentOrder(updated.order, { side: 'buyer', settings: env() })
}
