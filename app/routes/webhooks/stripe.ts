// POST /webhooks/stripe: Stripe's events about card payments (docs/card-payments.md lists the ones to subscribe
// to). Outside /:lang and /api/v1 and without a session or CSRF token: the Stripe-Signature header, checked by the
// SDK over the raw body with STRIPE_WEBHOOK_SECRET (timestamps older than 5 minutes refused), is the
// authentication. 404 when card payments are not configured, 400 on a missing or bad signature, 200 once the event
// is recorded (card.server.ts handles it, once per event id); an error while handling it is a 500, so Stripe
// delivers it again later.
import type { ActionFunctionArgs } from '@remix-run/node'
import { handleStripeEvent } from '~/modules/payments/card.server'
import { stripe, stripeWebhookSecret } from '~/modules/payments/stripe.server'

/** Stripe's events are a few kilobytes; anything much larger is not one of them. */
const MAX_BODY_BYTES = 512 * 1024

const text = (body: string, status: number, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...headers } })

export function loader() {
  return text('Method Not Allowed', 405, { Allow: 'POST' })
}

export async function action({ request }: ActionFunctionArgs) {
  if (request.method !== 'POST') return text('Method Not Allowed', 405, { Allow: 'POST' })
  const client = stripe()
  const secret = stripeWebhookSecret()
  if (!client || !secret) return text('Not Found', 404)
  const signature = request.headers.get('Stripe-Signature')
  if (!signature) return text('Missing Stripe-Signature', 400)
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BODY_BYTES) return text('Payload Too Large', 413)
  // The signature covers the bytes as sent: read them as they are, never re-serialised JSON.
  const payload = await request.text()
  if (payload.length > MAX_BODY_BYTES) return text('Payload Too Large', 413)
  let event
  try {
    event = client.webhooks.constructEvent(payload, signature, secret)
  } catch {
    // A wrong secret, a tampered or re-serialised body, or a timestamp outside the tolerance (a replay).
    return text('Invalid signature', 400)
  }
  await handleStripeEvent(event)
  return Response.json({ received: true }, { headers: { 'Cache-Control': 'no-store' } })
}
