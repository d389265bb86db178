import type { TFunction } from 'i18next'
import type { OrderStatus } from '~/generated/prisma/enums'
import { findApiKey } from '~/modules/api-keys/api-keys.server'
import { endpoints } from '~/modules/api/endpoints'
import { apiKeyActorName, presentOrder } from '~/modules/api/present'
import { findOrder } from '~/modules/orders/queries.server'
import { transitionOrder, type TransitionError } from '~/modules/orders/transitions.server'
import { ApiError, apiRoute, implement } from '~/utils/api.server'
import { env } from '~/utils/env.server'
import { formatNumber } from '~/utils/format'
import type { Language } from '~/utils/i18n'

type FieldError = Exclude<TransitionError['error'], 'order.notFound' | 'order.forbidden' | 'order.approval.ownOrder' | 'order.invalidTransition' | 'order.payment.required' | 'order.completion.unpaid'>

/** The body field each refusal points at (quantities: the entry sent for the line). */
const transitionField: Record<FieldError, string> = {
  'order.reason.required': 'note',
  'order.note.tooLong': 'note',
  'order.shippingFee.invalid': 'shippingFee',
  'order.deliveryDate.required': 'deliveryDate',
  'order.deliveryDate.invalid': 'deliveryDate',
  'order.deliveryDate.past': 'deliveryDate',
  'order.quantity.unknownItem': 'quantities',
  'order.quantity.invalid': 'quantities',
  'order.quantity.aboveOrdered': 'quantities',
  'order.quantity.allZero': 'quantities',
  'order.carrier.required': 'carrier',
  'order.carrier.tooLong': 'carrier',
  'order.trackingNumber.required': 'trackingNumber',
  'order.trackingNumber.tooLong': 'trackingNumber',
}

/** "Đã xác nhận (CONFIRMED)": the word people read and the code the API uses. */
const statusLabel = (status: OrderStatus, t: TFunction) => `${t(`orders:status.${status}`)} (${status})`

function transitionError(result: TransitionError, side: 'buyer' | 'producer', to: OrderStatus, keyOf: (itemId: string) => string, t: TFunction, lang: Language) {
  switch (result.error) {
    case 'order.notFound':
      return new ApiError(404, 'NOT_FOUND')
    case 'order.forbidden':
      return new ApiError(403, 'FORBIDDEN', {
        message: side === 'buyer' ? 'api:errors.transitionForbiddenBuyer' : 'api:errors.transitionForbiddenProducer',
        values: { to: statusLabel(to, t) },
      })
    case 'order.approval.ownOrder':
      return new ApiError(403, 'FORBIDDEN', { message: 'errors:order.approval.ownOrder' })
    case 'order.invalidTransition':
      return new ApiError(409, 'INVALID_TRANSITION', { values: { from: statusLabel(result.from, t), to: statusLabel(result.to, t) } })
    case 'order.payment.required':
      return new ApiError(409, 'PAYMENT_REQUIRED')
    case 'order.completion.unpaid':
      return new ApiError(409, 'INVALID_TRANSITION', { message: 'errors:order.completion.unpaid' })
  }
  const message = t(`errors:${result.error}`, 'ordered' in result ? { ordered: formatNumber(result.ordered, lang) } : {})
  const field = 'itemId' in result ? `quantities.${keyOf(result.itemId)}` : transitionField[result.error]
  return new ApiError(400, 'VALIDATION_ERROR', { details: { [field]: [message] } })
}

const api = apiRoute(
  implement(endpoints.transitionOrder, async ({ key, params, body, t, lang }) => {
    const organizationId = key.organization.id
    const found = await findOrder(organizationId, params.id)
    if (!found) throw new ApiError(404, 'NOT_FOUND')
    const { order, side } = found

    // Quantities come by product id (what clients know); the order's line id is accepted too. A key that is
    // neither goes through as it is, so the order's own checks (party, status) answer first, then name it.
    const keyOfItem = new Map<string, string>()
    const quantities = body.quantities
      ? Object.fromEntries(
          Object.entries(body.quantities).map(([sent, quantity]) => {
            const itemId = order.items.find((i) => i.productId === sent || i.id === sent)?.id ?? sent
            if (keyOfItem.has(itemId)) throw new ApiError(400, 'VALIDATION_ERROR', { details: { [`quantities.${sent}`]: [t('api:validation.quantityTwice')] } })
            keyOfItem.set(itemId, sent)
            return [itemId, quantity]
          }),
        )
      : undefined

    const apiKey = await findApiKey(organizationId, key.apiKeyId)
    const result = await transitionOrder({
      orderId: order.id,
      actor: { kind: side, organizationId, apiKeyId: key.apiKeyId, name: apiKeyActorName(apiKey?.name ?? key.apiKeyId) },
      to: body.to,
      note: body.note,
      shippingFeeVnd: body.shippingFee ? BigInt(body.shippingFee.amount) : undefined,
      deliveryDate: body.deliveryDate,
      quantities,
      carrier: body.carrier,
      trackingNumber: body.trackingNumber,
      shipBeforePayment: body.shipBeforePayment,
    })
    if (!result.ok) throw transitionError(result, side, body.to, (itemId) => keyOfItem.get(itemId) ?? itemId, t, lang)

    const updated = await findOrder(organizationId, order.id)
    if (!updated) throw new Error('An order just changed could not be read back')
    return presentOrder(updated.order, { side, settings: env() })
  }),
)
export const loader = api.loader
export const action = api.action
