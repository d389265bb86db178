import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

const intFromEnv = (fallback: number) => z.coerce.number().int().positive().default(fallback)

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL (leave it unset for the embedded database)')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  PORT: intFromEnv(3000),
  APP_URL: z.string().url('must be a full URL such as https://chovungmien.vn').optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL').optional(),
  MAIL_FROM: z.string().default('Chợ Vùng Miền <no-reply@localhost>'),
  SEED_DEMO: z.enum(['0', '1', 'true', 'false']).optional(),
  LOGIN_LIMIT_PER_ACCOUNT: intFromEnv(5),
  LOGIN_LIMIT_PER_IP: intFromEnv(30),
  LOGIN_LIMIT_WINDOW_MINUTES: intFromEnv(15),
  API_RATE_LIMIT_PER_KEY: intFromEnv(1200),
  API_RATE_LIMIT_PER_IP: intFromEnv(300),
  API_MAX_BODY_BYTES: intFromEnv(1024 * 1024),
  // Search: the embedded in-process index by default, a Meilisearch server when MEILI_URL is set.
  MEILI_URL: z.string().regex(/^https?:\/\/\S+$/, 'must be a full URL such as http://127.0.0.1:7700').optional(),
  MEILI_API_KEY: z.string().min(1).optional(),
  MEILI_INDEX: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'must be letters, digits, - and _').default('products'),
  // Product photos: a directory by default (<DATA_DIR>/media), an S3-compatible bucket when S3_BUCKET is set.
  MEDIA_DIR: z.string().min(1).optional(),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'must be a bucket name (3-63 lowercase letters, digits, dots, hyphens)').optional(),
  S3_REGION: z.string().min(1).optional(),
  S3_ENDPOINT: z.string().regex(/^https?:\/\/\S+$/, 'must be a full URL such as https://s3.example.com').optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z.enum(['0', '1', 'true', 'false']).optional(),
  // Orders: a shipped order counts as delivered, and a confirmed order left unpaid is cancelled, after these days.
  ORDER_AUTO_DELIVER_DAYS: intFromEnv(7),
  ORDER_AUTO_CANCEL_UNPAID_DAYS: intFromEnv(5),
  // The platform's bank account that buyers transfer to (order payment reference in the transfer's content),
  // shown as text and as a VietQR code: the bank's name, its 6-digit NAPAS BIN, the account and its holder.
  PAYMENT_BANK_NAME: z.string().min(1).default('Vietcombank'),
  VIETQR_BIN: z.string().regex(/^[0-9]{6}$/, "must be the bank's 6-digit NAPAS BIN (970436 is Vietcombank)").default('970436'),
  VIETQR_ACCOUNT: z.string().regex(/^[0-9]{6,19}$/, 'must be the account number, 6 to 19 digits').default('0011004455667'),
  VIETQR_ACCOUNT_NAME: z.string().min(1).default('CONG TY CHO VUNG MIEN'),
  // Card payments through Stripe: offered only when both are set (the secret API key and the webhook's
  // signing secret). STRIPE_API_URL points the SDK at another host (tests run a local server there).
  STRIPE_SECRET_KEY: z.string().regex(/^(sk|rk)_(test|live)_\S+$/, 'must be a Stripe secret key (sk_test_… or sk_live_…)').optional(),
  STRIPE_WEBHOOK_SECRET: z.string().regex(/^whsec_\S+$/, 'must be the webhook signing secret (whsec_…)').optional(),
  STRIPE_API_URL: z.string().regex(/^https?:\/\/\S+$/, 'must be a full URL such as http://127.0.0.1:12111').optional(),
}).superRefine((env, ctx) => {
  const s3Set = (['S3_REGION', 'S3_ENDPOINT', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY', 'S3_FORCE_PATH_STYLE'] as const).filter((k) => env[k] !== undefined)
  if (!env.S3_BUCKET) {
    for (const k of s3Set) ctx.addIssue({ code: 'custom', path: [k], message: 'is only used with S3_BUCKET; set S3_BUCKET too or remove it' })
    return
  }
  // AWS needs the bucket's region; an S3-compatible service at S3_ENDPOINT may ignore it.
  if (!env.S3_REGION && !env.S3_ENDPOINT) ctx.addIssue({ code: 'custom', path: ['S3_REGION'], message: 'required with S3_BUCKET (or set S3_ENDPOINT)' })
  if (!env.S3_ACCESS_KEY_ID !== !env.S3_SECRET_ACCESS_KEY) {
    const missing = env.S3_ACCESS_KEY_ID ? 'S3_SECRET_ACCESS_KEY' : 'S3_ACCESS_KEY_ID'
    ctx.addIssue({ code: 'custom', path: [missing], message: 'set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither (the AWS default credentials)' })
  }
})

export type Env = z.infer<typeof schema> & { SESSION_SECRET: string; APP_URL: string }

function emptyToUndefined(source: NodeJS.ProcessEnv) {
  return Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ''))
}

/** Validates process.env once; a bad or missing value stops start-up with a message naming the variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(emptyToUndefined(source))
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new Error(`Invalid environment configuration (see .env.example):\n${lines.join('\n')}`)
  }
  const env = parsed.data
  let secret = env.SESSION_SECRET
  if (!secret) {
    if (env.NODE_ENV === 'production' && env.DATABASE_URL) {
      throw new Error('Invalid environment configuration (see .env.example):\n  SESSION_SECRET: required in production with DATABASE_URL')
    }
    secret = embeddedSessionSecret(env.DATA_DIR)
  }
  return { ...env, SESSION_SECRET: secret, APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}` }
}

// The embedded default keeps a generated secret in DATA_DIR so sessions survive restarts.
function embeddedSessionSecret(dataDir: string) {
  const file = path.join(dataDir, 'session-secret')
  if (existsSync(file)) return readFileSync(file, 'utf8').trim()
  mkdirSync(dataDir, { recursive: true })
  const secret = randomBytes(32).toString('hex')
  writeFileSync(file, secret, { mode: 0o600 })
  return secret
}

let cached: Env | undefined
export function env(): Env {
  cached ??= loadEnv()
  return cached
}
