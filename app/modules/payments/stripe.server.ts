// The Stripe SDK client, from the environment: STRIPE_SECRET_KEY (card payments are offered only when the webhook's
// STRIPE_WEBHOOK_SECRET is set too, see stripeConfigured), and STRIPE_API_URL to send the API calls elsewhere than
// api.stripe.com (the tests run a local HTTP server there; only its protocol, host and port are used).
import Stripe from 'stripe'
import { env, loadEnv, type Env } from '~/utils/env.server'
import { stripeConfigured } from './payment-methods.server'

// Pinned: the version the SDK (23.1) was written for and its types describe. Upgrading the SDK changes this type,
// so the compiler points here, and the account's webhook endpoint should be moved to the same version.
const STRIPE_API_VERSION = '2026-10-28.endive' satisfies Stripe.LatestApiVersion

let cached: { settings: string; client: Stripe } | undefined

/** host, port and protocol options for an STRIPE_API_URL such as http://127.0.0.1:12111. */
function hostOptions(apiUrl: string | undefined): Pick<Stripe.StripeConfig, 'host' | 'port' | 'protocol'> {
  if (!apiUrl) return {}
  const url = new URL(apiUrl)
  const protocol = url.protocol === 'http:' ? 'http' : 'https'
  return { host: url.hostname, port: url.port || (protocol === 'http' ? 80 : 443), protocol }
}

/** The client, or null when card payments are not configured (the method is then hidden, not broken). */
export function stripe(): Stripe | null {
  if (!stripeConfigured()) return null
  const { STRIPE_SECRET_KEY: key, STRIPE_API_URL: apiUrl } = env()
  // Rebuilt when the settings change (only tests change them while running).
  const settings = `${key}\n${apiUrl ?? ''}`
  if (cached?.settings !== settings) {
    cached = {
      settings,
      client: new Stripe(key!, {
        apiVersion: STRIPE_API_VERSION,
        ...hostOptions(apiUrl),
        // Safe to retry: every call that creates something carries an idempotency key.
        maxNetworkRetries: 2,
        timeout: 20_000,
        telemetry: false,
        appInfo: { name: 'Cho Vung Mien' },
      }),
    }
  }
  return cached.client
}

/** The webhook endpoint's signing secret (whsec_…), when card payments are configured. */
export const stripeWebhookSecret = () => (stripeConfigured() ? env().STRIPE_WEBHOOK_SECRET! : null)

type StripeSettings = Partial<Pick<Env, 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET' | 'STRIPE_API_URL'>>

/**
 * For tests: switches card payments on (the given settings) or off ({}). env() validates process.env once and
 * caches it, so setting process.env later changes nothing; this replaces the three STRIPE_* values of that
 * cached object, after checking them as start-up would (loadEnv).
 */
export function configureStripeForTests(settings: StripeSettings) {
  if (env().NODE_ENV !== 'test') throw new Error('configureStripeForTests is for tests only')
  const checked = loadEnv({ ...process.env, STRIPE_SECRET_KEY: undefined, STRIPE_WEBHOOK_SECRET: undefined, STRIPE_API_URL: undefined, ...settings })
  Object.assign(env(), { STRIPE_SECRET_KEY: checked.STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: checked.STRIPE_WEBHOOK_SECRET, STRIPE_API_URL: checked.STRIPE_API_URL })
  cached = undefined
}
