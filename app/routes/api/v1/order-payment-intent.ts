// POST /api/v1/orders/{id}/payment-intent: the Stripe PaymentIntent a buyer's system pays a CARD order with
// (card.server.ts creates it once per amount due and hands out the same one again). Only the buyer pays: the
// producer's key gets the 404 of an order it does not have.
import { endpoints } from '~/modules/api/endpoints'
import { findOrder } from '~/modules/orders/queries.server'
import { cardPaymentFor } from '~/modules/payments/card.server'
import { ApiError, apiRoute, implement, money } from '~/utils/api.server'

const api = apiRoute(
  implement(endpoints.createPaymentIntent, async ({ key, params }) => {
    const found = await findOrder(key.organization.id, params.id)
    if (!found || found.side !== 'buyer') throw new ApiError(404, 'NOT_FOUND')
    const result = await cardPaymentFor(found.order)
    if (!result.ok) {
      switch (result.error) {
        case 'order.card.unavailable':
          throw new ApiError(503, 'CARD_PAYMENTS_UNAVAILABLE', { message: 'errors:order.card.unavailable' })
        case 'order.card.providerError':
          throw new ApiError(502, 'PAYMENT_PROVIDER_ERROR', { message: 'errors:order.card.providerError' })
        default:
          throw new ApiError(409, 'INVALID_STATE', { message: `errors:${result.error}` })
      }
    }
    return { data: { clientSecret: result.clientSecret, paymentIntentId: result.paymentIntentId, amount: money(result.amountVnd, 'VND'), currency: result.currency } }
  }),
)
export const loader = api.loader
export const action = api.action
