// Checkout: the buyer's cart becomes one order per producer through placeOrders (which checks every rule
// again and empties the cart's ordered lines in its transaction).
//
// Placing twice: the checkout page carries a one-time token, claimed in the idempotency store the API uses
// for Idempotency-Key (scoped `checkout:<buyerId>`, which no API key id can equal). A second submit of the
// same page (a double click, a resubmitted form) is answered with the orders of the first, or told the first
// is still being placed; it never places a second set.
import { randomBytes } from 'node:crypto'
import type { PaymentMethod } from '~/generated/prisma/enums'
import { beginIdempotentRequest, finishIdempotentRequest, releaseIdempotentRequest } from '../api/idempotency.server'
import { listDeliveryAddresses } from '../delivery-addresses/delivery-addresses.server'
import { DELIVERY_ADDRESS_LIMIT } from '../delivery-addresses/schemas'
import { placeOrders, type OrderActor, type PlaceOrdersError } from '../orders/place-orders.server'
import { findOrders } from '../orders/queries.server'
import { paymentMethodChoices, type NetTermsStanding, type PaymentMethodChoice } from '../payments/payment-methods.server'
import { cartItems } from './cart.server'

/** A fresh token for one rendering of the checkout form. */
export const newCheckoutToken = () => randomBytes(18).toString('base64url')

const isToken = (value: unknown): value is string => typeof value === 'string' && /^[A-Za-z0-9_-]{16,64}$/.test(value)

/** The buyer's saved delivery addresses, the default first. */
export async function checkoutAddresses(buyerId: string) {
  const { items } = await listDeliveryAddresses(buyerId, { skip: 0, take: DELIVERY_ADDRESS_LIMIT })
  return items
}

/** A way of paying offered at checkout; terms are also refused while the cart is above what the credit limit leaves. */
export type CheckoutPaymentOption = { method: PaymentMethod; available: boolean; why?: PaymentMethodChoice['why'] | 'overLimit' }

/** The methods to offer for a cart of `cartTotalVnd` (VAT included, shipping not known yet), and the buyer's terms. */
export async function checkoutPaymentOptions(buyerId: string, cartTotalVnd: bigint): Promise<{ options: CheckoutPaymentOption[]; terms: NetTermsStanding | null }> {
  const { choices, terms } = await paymentMethodChoices(buyerId)
  const options = choices.map((c): CheckoutPaymentOption => (c.method === 'NET_TERMS' && c.available && terms && cartTotalVnd > terms.availableVnd ? { ...c, available: false, why: 'overLimit' } : c))
  return { options, terms }
}

export type CheckoutInput = {
  buyerId: string
  actor: OrderActor
  /** The page's one-time token. */
  token: unknown
  deliveryAddressId?: string
  requestedDeliveryDate?: string
  /** BANK_TRANSFER when absent; placeOrders checks the others. */
  paymentMethod?: PaymentMethod
  now?: Date
}

export type CheckoutResult =
  | { ok: true; orders: { id: string; number: string }[]; replayed: boolean }
  | { ok: false; error: 'checkout.tokenInvalid' | 'checkout.inProgress' }
  | PlaceOrdersError

export async function checkoutCart(input: CheckoutInput): Promise<CheckoutResult> {
  if (!isToken(input.token)) return { ok: false, error: 'checkout.tokenInvalid' }
  const claim = await beginIdempotentRequest({
    apiKeyId: `checkout:${input.buyerId}`,
    key: input.token,
    method: 'POST',
    path: '/checkout',
    requestHash: 'cart',
  })
  if (claim.state === 'replay') {
    const { orderIds } = claim.body as { orderIds: string[] }
    return { ok: true, orders: await numbered(input.buyerId, orderIds), replayed: true }
  }
  if (claim.state !== 'new') return { ok: false, error: 'checkout.inProgress' }

  try {
    const items = await cartItems(input.buyerId)
    const result = await placeOrders({
      buyerId: input.buyerId,
      actor: input.actor,
      items,
      deliveryAddressId: input.deliveryAddressId,
      requestedDeliveryDate: input.requestedDeliveryDate,
      paymentMethod: input.paymentMethod ?? 'BANK_TRANSFER',
      fromCart: true,
      now: input.now,
    })
    if (!result.ok) {
      await releaseIdempotentRequest(claim.id) // the buyer fixes the cart and tries again with the same page
      return result
    }
    await finishIdempotentRequest(claim.id, 303, { orderIds: result.orderIds })
    return { ok: true, orders: await numbered(input.buyerId, result.orderIds), replayed: false }
  } catch (error) {
    await releaseIdempotentRequest(claim.id)
    throw error
  }
}

async function numbered(buyerId: string, orderIds: string[]) {
  return (await findOrders(buyerId, orderIds)).map((o) => ({ id: o.id, number: o.number }))
}
