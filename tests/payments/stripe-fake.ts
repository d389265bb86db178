// A local stand-in for api.stripe.com, on node:http, that the real Stripe SDK is pointed at (STRIPE_API_URL →
// host/port/protocol): it records every request as sent (method, path, form body, headers) and answers the few
// calls the platform makes (PaymentIntents, Checkout Sessions, refunds) the way Stripe does, replaying the first
// answer for a repeated Idempotency-Key. Also: Stripe events as the webhook receives them, signed with the SDK.
import { randomBytes } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'
import { configureStripeForTests } from '~/modules/payments/stripe.server'
import { drainOutbox } from '~/modules/outbox/outbox.server'

export const WEBHOOK_SECRET = 'whsec_test_secret_for_the_platform_tests'
export const SECRET_KEY = 'sk_test_platform_tests'

export type StripeCall = {
  method: string
  path: string
  form: URLSearchParams
  idempotencyKey: string | null
  authorization: string | null
  stripeVersion: string | null
}

type Json = Record<string, unknown>

async function bodyOf(req: IncomingMessage) {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

/** metadata[orderId]=… → { orderId: … } (Stripe's form encoding of a hash). */
function hashOf(form: URLSearchParams, name: string) {
  const out: Record<string, string> = {}
  for (const [key, value] of form) {
    const match = new RegExp(`^${name.replace(/[[\]]/g, '\\$&')}\\[([^\\]]+)\\]$`).exec(key)
    if (match) out[match[1]] = value
  }
  return out
}

const stripeError = (status: number, type: string, code: string, message: string) => ({ status, body: { error: { type, code, message } } })

export async function startFakeStripe() {
  const calls: StripeCall[] = []
  const intents = new Map<string, Json>()
  const replays = new Map<string, { status: number; body: unknown }>()
  let counter = 0
  let refundsFail = false

  function answer(call: StripeCall): { status: number; body: unknown } {
    const { method, path, form } = call
    if (method === 'POST' && path === '/v1/payment_intents') {
      const id = `pi_fake_${++counter}`
      const intent = {
        id,
        object: 'payment_intent',
        amount: Number(form.get('amount')),
        amount_received: 0,
        currency: form.get('currency'),
        description: form.get('description'),
        metadata: hashOf(form, 'metadata'),
        status: 'requires_payment_method',
        client_secret: `${id}_secret_${randomBytes(6).toString('hex')}`,
        last_payment_error: null,
        livemode: false,
      }
      intents.set(id, intent)
      return { status: 200, body: intent }
    }
    const intentPath = /^\/v1\/payment_intents\/([\w]+)$/.exec(path)
    if (method === 'GET' && intentPath) {
      const intent = intents.get(intentPath[1])
      return intent ? { status: 200, body: intent } : stripeError(404, 'invalid_request_error', 'resource_missing', `No such payment_intent: '${intentPath[1]}'`)
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      const id = `cs_fake_${++counter}`
      return {
        status: 200,
        body: { id, object: 'checkout.session', mode: 'payment', status: 'open', url: `https://checkout.stripe.com/c/pay/${id}`, metadata: hashOf(form, 'metadata') },
      }
    }
    if (method === 'POST' && path === '/v1/refunds') {
      if (refundsFail) return stripeError(400, 'invalid_request_error', 'charge_already_refunded', 'Charge has already been refunded.')
      return { status: 200, body: { id: `re_fake_${++counter}`, object: 'refund', payment_intent: form.get('payment_intent'), status: 'succeeded', amount: 0 } }
    }
    return stripeError(404, 'invalid_request_error', 'unknown', `Unrecognized request URL (${method}: ${path})`)
  }

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const text = await bodyOf(req)
    const url = new URL(req.url ?? '/', 'http://stripe.local')
    const header = (name: string) => (req.headers[name] as string | undefined) ?? null
    const call: StripeCall = {
      method: req.method ?? 'GET',
      path: url.pathname,
      form: new URLSearchParams(req.method === 'GET' ? url.search : text),
      idempotencyKey: header('idempotency-key'),
      authorization: header('authorization'),
      stripeVersion: header('stripe-version'),
    }
    calls.push(call)
    // Stripe keeps the first answer to a key for 24 hours and sends it again for a retry.
    const replayKey = call.idempotencyKey ? `${call.method} ${call.path} ${call.idempotencyKey}` : null
    const reply = (replayKey && replays.get(replayKey)) || answer(call)
    if (replayKey) replays.set(replayKey, reply)
    res.writeHead(reply.status, { 'Content-Type': 'application/json', 'Request-Id': `req_${counter}`, 'Stripe-Should-Retry': 'false' })
    res.end(JSON.stringify(reply.body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url,
    calls,
    /** The calls made since `from` (an index into calls). */
    since: (from: number) => calls.slice(from),
    /** Changes what Stripe holds for an intent (a buyer paying, the intent expiring). */
    setIntent: (id: string, changes: Json) => intents.set(id, { ...intents.get(id), ...changes }),
    intent: (id: string) => intents.get(id),
    failRefunds: (fail: boolean) => {
      refundsFail = fail
    },
    /** Card payments on, against this server. */
    configure: () => configureStripeForTests({ STRIPE_SECRET_KEY: SECRET_KEY, STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET, STRIPE_API_URL: url }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>

// ---------------------------------------------------------------------------------------------------------
// Events

let eventCounter = 0
const nowSeconds = () => Math.floor(Date.now() / 1000)

type IntentFields = { id: string; amount: number; amount_received?: number; currency?: string; metadata?: Record<string, string>; last_payment_error?: Json | null }

export function event(type: string, object: Json, created = nowSeconds()) {
  return {
    id: `evt_test_${++eventCounter}_${randomBytes(4).toString('hex')}`,
    object: 'event',
    api_version: '2026-10-28.endive',
    created,
    type,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    data: { object },
  }
}

export const intentObject = (fields: IntentFields, status: string) => ({
  object: 'payment_intent',
  currency: 'vnd',
  amount_received: status === 'succeeded' ? fields.amount : 0,
  metadata: {},
  last_payment_error: null,
  status,
  ...fields,
})

export const succeeded = (fields: IntentFields, created?: number) => event('payment_intent.succeeded', intentObject(fields, 'succeeded'), created)

export const failed = (fields: IntentFields & { message?: string }, created?: number) => {
  const { message = 'Your card was declined.', ...rest } = fields
  return event(
    'payment_intent.payment_failed',
    intentObject({ last_payment_error: { type: 'card_error', code: 'card_declined', message }, ...rest }, 'requires_payment_method'),
    created,
  )
}

export const refunded = (fields: { intentId: string; amount: number; refunded?: boolean; amountRefunded?: number; metadata?: Record<string, string> }, created?: number) =>
  event(
    'charge.refunded',
    {
      id: `ch_${fields.intentId}`,
      object: 'charge',
      amount: fields.amount,
      amount_refunded: fields.amountRefunded ?? fields.amount,
      currency: 'vnd',
      payment_intent: fields.intentId,
      refunded: fields.refunded ?? true,
      metadata: fields.metadata ?? {},
    },
    created,
  )

/** The Stripe-Signature header Stripe would send, made by the SDK's own helper. */
export const signatureFor = (payload: string, options: { secret?: string; timestamp?: number } = {}) =>
  Stripe.webhooks.generateTestHeaderString({ payload, secret: options.secret ?? WEBHOOK_SECRET, timestamp: options.timestamp })

/** The webhook request as Stripe sends it: the event as raw JSON bytes, signed. */
export function webhookRequest(payload: string, signature: string | null = signatureFor(payload), method = 'POST') {
  const headers = new Headers({ 'Content-Type': 'application/json; charset=utf-8', 'User-Agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' })
  if (signature !== null) headers.set('Stripe-Signature', signature)
  return new Request('http://localhost:3000/webhooks/stripe', { method, headers, body: method === 'GET' ? undefined : payload })
}

/** Runs every queued side effect that is due (the card refunds among them) until none is left. */
export async function drainQueued() {
  while ((await drainOutbox(100)) > 0);
}
