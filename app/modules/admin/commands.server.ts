// The operators' commands (`npm run --silent admin -- <command>`), run in-process: the CLI calls this
// directly when it may open the database, and the running app calls it for the CLI through its
// loopback-only endpoint (routes/admin-commands.ts) when the embedded database is already open there.
// Every command that is run, failed ones included, leaves an audit row; the created key never does.
import { parseArgs } from 'node:util'
import type { Prisma } from '~/generated/prisma/client'
import type { OrganizationKind, PlatformRole } from '~/generated/prisma/enums'
import { normalizeEmail, normalizePhone, type Identifier } from '../accounts/identifier'
import { setPlatformRole } from '../accounts/platform-roles.server'
import { createApiKey, listApiKeys, revokeApiKey, updateApiKeyPurchasing } from '../api-keys/api-keys.server'
import { API_KEY_ORDER_LIMIT_MAX_VND } from '../api-keys/schemas'
import { money } from '../api/schemas'
import { listAudit, recordAudit } from '../audit/audit.server'
import { parseVnd } from '../catalog/product-schemas'
import { restoreProduct, suspendProduct } from '../catalog/products.server'
import { provinces } from '../geo/provinces'
import { excessOwedVnd, excessVnd, refundDueVnd } from '../orders/excess'
import { amountDue, listAwaitingTransfer } from '../orders/operator.server'
import { vatPercent } from '../orders/money'
import { ORDER_TRANSITION_LIMITS } from '../orders/order-rules'
import { findOrderForOperator } from '../orders/queries.server'
import { markExcessRefunded, markRefunded, markTransferReceived, type ExcessRefundResult, type OperatorActor, type PaymentResult } from '../orders/transitions.server'
import { getSearchIndexRun, requestSearchRebuild } from '../search/index.server'
import {
  findOrganization,
  listOrganizationsForOperators,
  restoreOrganization,
  setVerificationStatus,
  suspendOrganization,
} from '../organizations/moderation.server'

export type CommandOutput = { stdout: string; stderr: string; exitCode: number }

export const EXIT_FAILURE = 1
export const EXIT_USAGE = 2

/** An error the operator caused (unknown slug, bad value): a message, no stack. */
class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = EXIT_FAILURE,
  ) {
    super(message)
  }
}
const usageError = (message: string) => new CommandError(message, EXIT_USAGE)

type OptionSpec = { type: 'string' | 'boolean'; required?: boolean }
type Values = Record<string, string | boolean | undefined>

type Ran = {
  stdout?: string
  stderr?: string
  /** Added to the audit row's details (ids, counts); never secrets. */
  details?: Record<string, Prisma.InputJsonValue>
  /** The module already wrote the audit row in the change's own transaction. */
  audited?: boolean
  /** The audit row's target when the command found out what it acted on (an order named by its payment reference). */
  target?: string
}

type Command = {
  words: [string] | [string, string]
  action: string
  synopsis: string
  options: Record<string, OptionSpec>
  /** The one positional argument the command takes, if any (an order's number): stored in values under `name`. */
  argument?: { name: string; missing: string }
  target?: (values: Values) => string | undefined
  run: (values: Values, actor: string) => Promise<Ran>
}

// ---------------------------------------------------------------------------------------------------------
// Output helpers

const nfc = (text: string) => text.normalize('NFC')

/** Columns padded to the widest cell (NFC, so a Vietnamese letter counts once). */
function table(headers: string[], rows: string[][]): string {
  const cells = [headers, ...rows].map((row) => row.map(nfc))
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => row[i].length)))
  return cells.map((row) => row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd()).join('\n') + '\n'
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n'

type SearchRun = NonNullable<Awaited<ReturnType<typeof getSearchIndexRun>>>
const searchRunJson = (run: SearchRun) => ({
  id: run.id,
  status: run.status,
  indexed: run.indexed,
  total: run.total,
  error: run.error,
  requestedBy: run.requestedBy,
  createdAt: run.createdAt.toISOString(),
  startedAt: run.startedAt?.toISOString() ?? null,
  finishedAt: run.finishedAt?.toISOString() ?? null,
})

// Operators read times in Vietnam's time zone; the JSON output keeps UTC ISO strings.
const timeFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Ho_Chi_Minh', dateStyle: 'short', timeStyle: 'medium' })
const localTime = (date: Date | null | undefined) => (date ? timeFormat.format(date) : '')

const provinceName = (code: string) => provinces.find((p) => p.code === code)?.name ?? code

const amountFormat = new Intl.NumberFormat('en-US')
/** Whole đồng as operators compare them with a bank statement: "1,250,000 VND". */
const vnd = (amount: bigint) => `${amountFormat.format(amount)} VND`
const dateOnly = (date: Date | null | undefined) => (date ? date.toISOString().slice(0, 10) : '')

// ---------------------------------------------------------------------------------------------------------
// Argument helpers

const str = (values: Values, name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined)
const orgTarget = (values: Values) => (str(values, 'org') ? `organization:${str(values, 'org')}` : undefined)

function oneOf<T extends string>(values: Values, name: string, allowed: readonly T[]): T | undefined {
  const value = str(values, name)
  if (value === undefined) return undefined
  const upper = value.toUpperCase() as T
  if (!allowed.includes(upper)) throw usageError(`--${name} must be one of ${allowed.join(', ')} (got "${value}").`)
  return upper
}

async function requireOrganization(slug: string) {
  const org = await findOrganization({ slug })
  if (!org) throw new CommandError(`No organisation with slug "${slug}".`)
  return org
}

function identifierOf(values: Values): Identifier {
  const email = str(values, 'email')
  const phone = str(values, 'phone')
  if ((email === undefined) === (phone === undefined)) throw usageError('Give exactly one of --email and --phone.')
  if (email !== undefined) {
    const normalized = normalizeEmail(email)
    if (!normalized) throw usageError(`"${email}" is not an e-mail address.`)
    return { email: normalized }
  }
  const normalized = normalizePhone(phone!)
  if (!normalized) throw usageError(`"${phone}" is not a Vietnamese mobile number.`)
  return { phone: normalized }
}

const KINDS = ['PRODUCER', 'BUYER'] as const satisfies readonly OrganizationKind[]
const ROLES = ['OPERATOR', 'CAMPAIGN_MANAGER'] as const satisfies readonly PlatformRole[]
const KEY_NAME_MAX = 100

/**
 * `--order-limit`: whole đồng, VAT included ("50000000", "50.000.000"), or `none` (no limit, null) where
 * `allowNone`. Only a buyer's keys place orders, so only they take a limit.
 */
function orderLimitOf(values: Values, org: { slug: string; kind: OrganizationKind }, allowNone: boolean): bigint | null | undefined {
  const text = str(values, 'order-limit')
  if (text === undefined) return undefined
  if (allowNone && text.trim().toLowerCase() === 'none') return null
  const amount = parseVnd(text)
  if (amount === null || amount <= 0n || amount > API_KEY_ORDER_LIMIT_MAX_VND) {
    const none = allowNone ? ', or none to remove it' : ''
    throw usageError(`--order-limit must be a whole number of đồng from 1 to ${amountFormat.format(API_KEY_ORDER_LIMIT_MAX_VND)}, such as 50000000 or 50.000.000${none} (got "${text}").`)
  }
  if (org.kind !== 'BUYER') throw new CommandError(`"${org.slug}" is a producer: only a buyer organisation's keys place orders, so only they take a limit per order.`)
  return amount
}

const limitText = (amount: bigint | null) => (amount === null ? 'none' : vnd(amount))
const AUDIT_LIMIT_MAX = 1000

// ---------------------------------------------------------------------------------------------------------
// The commands

const moderationMessages = {
  'org.notFound': (slug: string) => `No organisation with slug "${slug}".`,
  'org.reasonRequired': () => '--reason is required.',
  'org.alreadySuspended': (slug: string) => `Organisation "${slug}" is already suspended.`,
  'org.notSuspended': (slug: string) => `Organisation "${slug}" is not suspended.`,
}

function moderationFailure(error: keyof typeof moderationMessages, slug: string): never {
  throw new CommandError(moderationMessages[error](slug), error === 'org.reasonRequired' ? EXIT_USAGE : EXIT_FAILURE)
}

const orgOptions = { org: { type: 'string', required: true }, reason: { type: 'string' } } satisfies Record<string, OptionSpec>

const productMessages = {
  'product.notFound': (id: string) => `No product with id "${id}".`,
  'product.reasonRequired': () => '--reason is required.',
  'product.alreadySuspended': (id: string) => `Product "${id}" is already suspended.`,
  'product.notSuspended': (id: string) => `Product "${id}" is not suspended.`,
}

function productFailure(error: keyof typeof productMessages, id: string): never {
  throw new CommandError(productMessages[error](id), error === 'product.reasonRequired' ? EXIT_USAGE : EXIT_FAILURE)
}

const productTarget = (values: Values) => (str(values, 'id') ? `product:${str(values, 'id')}` : undefined)

const orderTarget = (values: Values) => (str(values, 'order') ? `order:${str(values, 'order')!.trim()}` : undefined)
const ORDERS_LIMIT_MAX = 1000
/** Who the order's history names for a change made from the CLI (buyers read it; the audit row has the login). */
const CLI_OPERATOR_NAME = 'Ban vận hành Chợ Vùng Miền'
const cliOperator = (actor: string): OperatorActor => ({ userId: actor, name: CLI_OPERATOR_NAME })

async function requireOrder(key: string) {
  const order = await findOrderForOperator(key)
  if (!order) throw new CommandError(`No order with number or payment reference "${key.trim()}".`)
  return order
}

type OperatorOrder = NonNullable<Awaited<ReturnType<typeof findOrderForOperator>>>

function orderJson(o: OperatorOrder) {
  return {
    id: o.id,
    number: o.number,
    paymentReference: o.paymentReference,
    status: o.status,
    paymentStatus: o.paymentStatus,
    paymentMethod: o.paymentMethod,
    subtotal: money(o.subtotalVnd, 'VND'),
    vatTotal: money(o.vatTotalVnd, 'VND'),
    shippingFee: money(o.shippingFeeVnd, 'VND'),
    total: money(o.totalVnd, 'VND'),
    amountReceived: money(o.amountReceivedVnd, 'VND'),
    amountDue: money(amountDue(o), 'VND'),
    excessRefunded: money(o.excessRefundedVnd, 'VND'),
    excessOwed: money(excessOwedVnd(o), 'VND'),
    buyer: { slug: o.buyer.slug, name: o.buyer.displayName, legalName: o.buyerName, taxCode: o.buyerTaxCode },
    producer: { slug: o.producer.slug, name: o.producer.displayName, legalName: o.producerName, taxCode: o.producerTaxCode },
    createdAt: o.createdAt.toISOString(),
    confirmedAt: o.confirmedAt?.toISOString() ?? null,
    shippedAt: o.shippedAt?.toISOString() ?? null,
    deliveredAt: o.deliveredAt?.toISOString() ?? null,
    closedAt: o.closedAt?.toISOString() ?? null,
    requestedDeliveryDate: dateOnly(o.requestedDeliveryDate) || null,
    deliveryDate: dateOnly(o.deliveryDate) || null,
    carrier: o.carrier,
    trackingNumber: o.trackingNumber,
    items: o.items.map((i) => ({
      sku: i.sku,
      name: i.nameVi,
      orderedQuantity: i.orderedQuantity,
      quantity: i.quantity,
      unit: i.unit,
      unitPrice: money(i.unitPriceVnd, 'VND'),
      vatRate: i.vatRate,
      lineTotal: money(i.lineTotalVnd, 'VND'),
      vatAmount: money(i.vatAmountVnd, 'VND'),
    })),
    events: o.events.map((e) => ({ at: e.at.toISOString(), actor: e.actor, actorName: e.actorName, from: e.fromStatus, to: e.toStatus, note: e.note, details: e.details })),
  }
}

/** What `orders show` prints: the order's facts, lines and history. */
const paymentMethodText = { BANK_TRANSFER: 'by bank transfer', CARD: 'by card (Stripe)', NET_TERMS: 'on net terms' } as const

/** An overpayment's excess: what of it went back, and what is still owed to the buyer. */
function excessText(o: OperatorOrder) {
  const excess = excessVnd(o)
  if (excess === 0n || (o.paymentStatus !== 'PAID' && o.excessRefundedVnd === 0n)) return ''
  return `; ${vnd(excess)} paid in excess, ${vnd(o.excessRefundedVnd)} returned${o.paymentStatus === 'PAID' ? `, ${vnd(excessOwedVnd(o))} still owed` : ''}`
}

function orderText(o: OperatorOrder) {
  const facts: [string, string][] = [
    ['Status', o.status],
    ['Payment', `${o.paymentStatus}, ${paymentMethodText[o.paymentMethod]}, reference ${o.paymentReference}${o.paymentDueDate ? `, due ${o.paymentDueDate.toISOString().slice(0, 10)}` : ''}`],
    ['Amounts', `subtotal ${vnd(o.subtotalVnd)} + VAT ${vnd(o.vatTotalVnd)} + shipping ${vnd(o.shippingFeeVnd)} = ${vnd(o.totalVnd)}`],
    ['Received', `${vnd(o.amountReceivedVnd)}${o.paymentStatus === 'UNPAID' || o.paymentStatus === 'INVOICED' ? `; ${vnd(amountDue(o))} still due` : ''}${excessText(o)}`],
    ['Buyer', `${o.buyer.displayName} (${o.buyer.slug}), ${o.buyerName}, MST ${o.buyerTaxCode}`],
    ['Producer', `${o.producer.displayName} (${o.producer.slug}), ${o.producerName}, MST ${o.producerTaxCode}`],
    ['Placed', localTime(o.createdAt)],
  ]
  if (o.confirmedAt) facts.push(['Confirmed', `${localTime(o.confirmedAt)}, delivery on ${dateOnly(o.deliveryDate)}`])
  if (o.shippedAt) facts.push(['Shipped', `${localTime(o.shippedAt)} with ${o.carrier ?? '?'}, tracking ${o.trackingNumber ?? '?'}`])
  if (o.deliveredAt) facts.push(['Delivered', localTime(o.deliveredAt)])
  if (o.closedAt) facts.push(['Closed', localTime(o.closedAt)])
  const width = Math.max(...facts.map(([label]) => label.length))
  const lines = o.items.map((i) => [
    i.sku,
    i.nameVi,
    i.quantity === i.orderedQuantity ? String(i.quantity) : `${i.quantity} (of ${i.orderedQuantity})`,
    vnd(i.unitPriceVnd),
    vnd(i.lineTotalVnd),
    `${i.vatRate === 'EXEMPT' ? 'exempt' : `${vatPercent[i.vatRate]}%`} ${vnd(i.vatAmountVnd)}`,
  ])
  const history = o.events.map((e) => [localTime(e.at), e.actorName, e.fromStatus ?? '-', e.toStatus, e.note ?? ''])
  return [
    `Order ${o.number} (times UTC+7)\n`,
    facts.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n') + '\n\n',
    table(['SKU', 'NAME', 'QTY', 'UNIT PRICE', 'LINE TOTAL', 'VAT'], lines),
    '\n',
    table(['TIME', 'BY', 'FROM', 'TO', 'NOTE'], history),
  ].join('')
}

const paymentMessages = {
  'order.notFound': () => 'The order no longer exists.',
  'order.payment.amountInvalid': () => '--amount must be a whole number of đồng above 0.',
  'order.payment.notRefundPending': () => 'This order has no refund pending.',
  'order.payment.noExcess': () => 'This order has no excess to return (only a paid order that received more than its total has one).',
  'order.payment.excessTooLarge': () => '--amount is more than the excess still owed to the buyer.',
  'order.payment.transactionApplied': () => 'This bank transaction (--transaction) was already applied; nothing was recorded.',
  'order.note.tooLong': () => `--note must be at most ${ORDER_TRANSITION_LIMITS.noteMax} characters.`,
}

function paymentFailure(result: Extract<PaymentResult | ExcessRefundResult, { ok: false }>, number: string): never {
  const usage = result.error === 'order.payment.amountInvalid' || result.error === 'order.note.tooLong'
  const owed = result.error === 'order.payment.excessTooLarge' ? ` Still owed: ${vnd(result.owedVnd)}.` : ''
  throw new CommandError(`${number}: ${paymentMessages[result.error]()}${owed}`, usage ? EXIT_USAGE : EXIT_FAILURE)
}

const orderArgument = { argument: { name: 'order', missing: "Give the order's number (DH-…) or payment reference (CVM…)." }, target: orderTarget }

const commands: Command[] = [
  {
    words: ['orgs', 'list'],
    action: 'orgs.list',
    synopsis: 'orgs list [--kind PRODUCER|BUYER] [--json]',
    options: { kind: { type: 'string' }, json: { type: 'boolean' } },
    async run(values) {
      const orgs = await listOrganizationsForOperators({ kind: oneOf(values, 'kind', KINDS) })
      const details = { count: orgs.length }
      if (values.json) {
        const out = orgs.map((o) => ({
          slug: o.slug,
          kind: o.kind,
          name: o.displayName,
          province: o.provinceCode,
          regionType: o.regionType,
          verificationStatus: o.verificationStatus,
          suspended: o.suspendedAt !== null,
        }))
        return { stdout: json(out), details }
      }
      const rows = orgs.map((o) => [
        o.slug,
        o.kind,
        o.displayName,
        provinceName(o.provinceCode),
        o.regionType ?? '-',
        o.verificationStatus,
        o.suspendedAt ? `since ${localTime(o.suspendedAt)}` : '-',
      ])
      const headers = ['SLUG', 'KIND', 'NAME', 'PROVINCE', 'REGION', 'VERIFICATION', 'SUSPENDED']
      return { stdout: table(headers, rows) + `${orgs.length} organisation(s)\n`, details }
    },
  },
  {
    words: ['org', 'verify'],
    action: 'org.verify',
    synopsis: 'org verify --org <slug> [--reason <text>]',
    options: orgOptions,
    target: orgTarget,
    async run(values, actor) {
      const slug = str(values, 'org')!
      const result = await setVerificationStatus({ slug }, 'VERIFIED', { actor, reason: str(values, 'reason') })
      if (!result.ok) moderationFailure(result.error, slug)
      return { stdout: `${result.slug}: ${result.status} (was ${result.previous})\n`, audited: true }
    },
  },
  {
    words: ['org', 'reject'],
    action: 'org.reject',
    synopsis: 'org reject --org <slug> --reason <text>',
    options: { org: { type: 'string', required: true }, reason: { type: 'string', required: true } },
    target: orgTarget,
    async run(values, actor) {
      const slug = str(values, 'org')!
      const result = await setVerificationStatus({ slug }, 'REJECTED', { actor, reason: str(values, 'reason') })
      if (!result.ok) moderationFailure(result.error, slug)
      return { stdout: `${result.slug}: ${result.status} (was ${result.previous})\n`, audited: true }
    },
  },
  {
    words: ['org', 'suspend'],
    action: 'org.suspend',
    synopsis: 'org suspend --org <slug> --reason <text>',
    options: { org: { type: 'string', required: true }, reason: { type: 'string', required: true } },
    target: orgTarget,
    async run(values, actor) {
      const slug = str(values, 'org')!
      const result = await suspendOrganization({ slug }, { actor, reason: str(values, 'reason')! })
      if (!result.ok) moderationFailure(result.error, slug)
      return { stdout: `${result.slug}: suspended\n`, audited: true }
    },
  },
  {
    words: ['org', 'restore'],
    action: 'org.restore',
    synopsis: 'org restore --org <slug> [--reason <text>]',
    options: orgOptions,
    target: orgTarget,
    async run(values, actor) {
      const slug = str(values, 'org')!
      const result = await restoreOrganization({ slug }, { actor, reason: str(values, 'reason') })
      if (!result.ok) moderationFailure(result.error, slug)
      return { stdout: `${result.slug}: restored\n`, audited: true }
    },
  },
  {
    words: ['product', 'suspend'],
    action: 'product.suspend',
    synopsis: 'product suspend --id <product id> --reason <text>    (hidden from buyers; the producer sees the reason)',
    options: { id: { type: 'string', required: true }, reason: { type: 'string', required: true } },
    target: productTarget,
    async run(values, actor) {
      const id = str(values, 'id')!.trim()
      const result = await suspendProduct(id, str(values, 'reason')!, actor)
      if (!result.ok) productFailure(result.error, id)
      return { stdout: `${result.product.id} (${result.product.sku}, ${result.product.slug}): suspended\n`, audited: true }
    },
  },
  {
    words: ['product', 'restore'],
    action: 'product.restore',
    synopsis: 'product restore --id <product id> [--reason <text>]',
    options: { id: { type: 'string', required: true }, reason: { type: 'string' } },
    target: productTarget,
    async run(values, actor) {
      const id = str(values, 'id')!.trim()
      const result = await restoreProduct(id, actor)
      if (!result.ok) productFailure(result.error, id)
      // The restore's own audit row keeps the suspension's reason; the operator's reason for lifting it goes beside it.
      const reason = str(values, 'reason')?.trim()
      if (reason) await recordAudit({ actor, action: 'product.restore.reason', target: `product:${result.product.id}`, details: { reason } })
      return { stdout: `${result.product.id} (${result.product.sku}, ${result.product.slug}): restored\n`, audited: true }
    },
  },
  {
    words: ['user', 'role'],
    action: 'user.role',
    synopsis: 'user role (--email <address> | --phone <number>) --role OPERATOR|CAMPAIGN_MANAGER [--remove]',
    options: { email: { type: 'string' }, phone: { type: 'string' }, role: { type: 'string', required: true }, remove: { type: 'boolean' } },
    target: (values) => {
      const email = str(values, 'email')
      const phone = str(values, 'phone')
      if (email !== undefined) return `user:${normalizeEmail(email) ?? email}`
      if (phone !== undefined) return `user:${normalizePhone(phone) ?? phone}`
      return undefined
    },
    async run(values, actor) {
      const who = identifierOf(values)
      const role = oneOf(values, 'role', ROLES)!
      const remove = values.remove === true
      const result = await setPlatformRole(who, role, { remove, actor })
      const label = who.email ?? who.phone
      if (!result.ok) throw new CommandError(`No user with ${who.email ? 'e-mail address' : 'mobile number'} ${label}.`)
      const change = result.changed ? (remove ? `removed ${role}` : `added ${role}`) : `unchanged (${remove ? 'did not have' : 'already has'} ${role})`
      return { stdout: `${label}: ${change}; roles now: ${result.roles.join(', ') || 'none'}\n`, audited: true }
    },
  },
  {
    words: ['api-key', 'create'],
    action: 'api-key.create',
    synopsis: 'api-key create --org <slug> --name <label> [--order-limit <đồng>]    (prints the new key alone; a buyer\'s orders above the limit wait for approval)',
    options: { org: { type: 'string', required: true }, name: { type: 'string', required: true }, 'order-limit': { type: 'string' } },
    target: orgTarget,
    async run(values, actor) {
      const name = str(values, 'name')!.trim()
      if (!name) throw usageError('--name must not be empty.')
      if (name.length > KEY_NAME_MAX) throw usageError(`--name must be at most ${KEY_NAME_MAX} characters.`)
      const org = await requireOrganization(str(values, 'org')!)
      const orderLimitVnd = orderLimitOf(values, org, false)
      // The key and its audit row commit together (the row holds the key's id and prefix, never the key).
      const { key } = await createApiKey({ organizationId: org.id, name, orderLimitVnd, createdById: null, actor })
      return { stdout: `${key}\n`, audited: true }
    },
  },
  {
    words: ['api-key', 'list'],
    action: 'api-key.list',
    synopsis: 'api-key list --org <slug> [--json]',
    options: { org: { type: 'string', required: true }, json: { type: 'boolean' } },
    target: orgTarget,
    async run(values) {
      const org = await requireOrganization(str(values, 'org')!)
      const keys = await listApiKeys(org.id)
      const details = { count: keys.length }
      if (values.json) {
        const out = keys.map((k) => ({
          id: k.id,
          name: k.name,
          prefix: k.prefix,
          createdAt: k.createdAt.toISOString(),
          createdBy: k.createdBy?.name ?? null,
          lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
          revokedAt: k.revokedAt?.toISOString() ?? null,
          orderLimit: k.orderLimitVnd === null ? null : money(k.orderLimitVnd, 'VND'),
          canApproveOrders: k.canApproveOrders,
        }))
        return { stdout: json(out), details }
      }
      const rows = keys.map((k) => [
        k.id,
        k.name,
        `${k.prefix}…`,
        localTime(k.createdAt),
        localTime(k.lastUsedAt) || '-',
        localTime(k.revokedAt) || '-',
        k.orderLimitVnd === null ? '-' : vnd(k.orderLimitVnd),
        k.canApproveOrders ? 'yes' : 'no',
      ])
      const headers = ['ID', 'NAME', 'PREFIX', 'CREATED', 'LAST USED', 'REVOKED', 'ORDER LIMIT', 'APPROVES']
      return { stdout: table(headers, rows) + `${keys.length} key(s)\n`, details }
    },
  },
  {
    words: ['api-key', 'limit'],
    action: 'api-key.limit',
    synopsis: 'api-key limit --org <slug> --id <key id> --order-limit <đồng|none>    (orders placed with the key above it wait for approval; none removes it)',
    options: { org: { type: 'string', required: true }, id: { type: 'string', required: true }, 'order-limit': { type: 'string', required: true } },
    target: orgTarget,
    async run(values, actor) {
      const org = await requireOrganization(str(values, 'org')!)
      const orderLimitVnd = orderLimitOf(values, org, true) ?? null
      const id = str(values, 'id')!
      const updated = await updateApiKeyPurchasing(org.id, id, { orderLimitVnd }, actor)
      if (!updated) throw new CommandError(`No active API key with id "${id}" in organisation "${org.slug}".`)
      const change = updated.changed.length > 0 ? 'now' : 'unchanged,'
      // A change is audited with the update; a command that changed nothing still leaves its own row.
      return { stdout: `API key ${id} of ${org.slug}: limit per order ${change} ${limitText(updated.apiKey.orderLimitVnd)}.\n`, audited: updated.changed.length > 0 }
    },
  },
  {
    words: ['api-key', 'revoke'],
    action: 'api-key.revoke',
    synopsis: 'api-key revoke --org <slug> --id <key id>',
    options: { org: { type: 'string', required: true }, id: { type: 'string', required: true } },
    target: orgTarget,
    async run(values, actor) {
      const org = await requireOrganization(str(values, 'org')!)
      const id = str(values, 'id')!
      if (!(await revokeApiKey(org.id, id, actor))) throw new CommandError(`No active API key with id "${id}" in organisation "${org.slug}".`)
      return { stdout: `Revoked API key ${id} of ${org.slug}.\n`, audited: true }
    },
  },
  {
    words: ['orders', 'show'],
    action: 'orders.show',
    synopsis: 'orders show <number|reference> [--json]    (status, payment, amounts, parties, lines and history)',
    options: { json: { type: 'boolean' } },
    ...orderArgument,
    async run(values) {
      const order = await requireOrder(str(values, 'order')!)
      const details = { orderId: order.id }
      if (values.json) return { stdout: json(orderJson(order)), details, target: `order:${order.number}` }
      return { stdout: orderText(order), details, target: `order:${order.number}` }
    },
  },
  {
    words: ['orders', 'unpaid'],
    action: 'orders.unpaid',
    synopsis: `orders unpaid [--limit N] [--json]    (confirmed orders awaiting the buyer's transfer, longest-waiting first; N ≤ ${ORDERS_LIMIT_MAX}, default 100)`,
    options: { limit: { type: 'string' }, json: { type: 'boolean' } },
    async run(values) {
      const limitText = str(values, 'limit') ?? '100'
      const limit = /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN
      if (!(limit >= 1 && limit <= ORDERS_LIMIT_MAX)) throw usageError(`--limit must be a whole number from 1 to ${ORDERS_LIMIT_MAX}.`)
      const { items, total } = await listAwaitingTransfer(limit)
      const details = { count: items.length, total }
      if (values.json) {
        const out = items.map((o) => ({
          number: o.number,
          paymentReference: o.paymentReference,
          status: o.status,
          confirmedAt: o.confirmedAt?.toISOString() ?? null,
          buyer: { slug: o.buyer.slug, name: o.buyer.displayName },
          producer: { slug: o.producer.slug, name: o.producer.displayName },
          total: money(o.totalVnd, 'VND'),
          amountReceived: money(o.amountReceivedVnd, 'VND'),
          amountDue: money(amountDue(o), 'VND'),
        }))
        return { stdout: json(out), details }
      }
      const rows = items.map((o) => [
        o.number,
        o.paymentReference,
        o.status,
        localTime(o.confirmedAt),
        o.buyer.displayName,
        o.producer.displayName,
        vnd(o.totalVnd),
        vnd(o.amountReceivedVnd),
        vnd(amountDue(o)),
      ])
      const headers = ['NUMBER', 'REFERENCE', 'STATUS', 'CONFIRMED (UTC+7)', 'BUYER', 'PRODUCER', 'TOTAL', 'RECEIVED', 'DUE']
      const count = items.length < total ? `${items.length} of ${total} order(s) awaiting payment` : `${total} order(s) awaiting payment`
      return { stdout: table(headers, rows) + `${count}\n`, details }
    },
  },
  {
    words: ['orders', 'mark-paid'],
    action: 'orders.mark-paid',
    synopsis:
      'orders mark-paid <number|reference> --amount <đồng> [--transaction <bank transaction id>] [--note <text>]    (a transfer received; less than due leaves it unpaid; a transaction is applied once)',
    options: { amount: { type: 'string', required: true }, transaction: { type: 'string' }, note: { type: 'string' } },
    ...orderArgument,
    async run(values, actor) {
      const amountText = str(values, 'amount')!
      const amountVnd = parseVnd(amountText)
      if (amountVnd === null || amountVnd <= 0n) throw usageError(`--amount must be a whole number of đồng above 0, such as 1250000 or 1.250.000 (got "${amountText}").`)
      const found = await requireOrder(str(values, 'order')!)
      const transaction = str(values, 'transaction')?.trim()
      const result = await markTransferReceived({
        orderId: found.id,
        amountVnd,
        operator: cliOperator(actor),
        note: str(values, 'note') ?? transaction,
        bankTransactionId: transaction || undefined,
      })
      if (!result.ok) paymentFailure(result, found.number)
      const { order } = result
      const received = `received ${vnd(amountVnd)} (${vnd(order.amountReceivedVnd)} of ${vnd(order.totalVnd)} in all)`
      const outcome =
        order.paymentStatus === 'UNPAID' || order.paymentStatus === 'INVOICED'
          ? order.status === 'PLACED'
            ? 'not confirmed yet, so the amount is not final; it counts once the producer confirms'
            : `still ${order.paymentStatus}, ${vnd(amountDue(order))} due`
          : order.paymentStatus === 'REFUND_PENDING'
            ? `the order is ${order.status}: REFUND_PENDING, the money goes back to the buyer`
            : `${order.paymentStatus}, status ${order.status}`
      const details = { orderId: order.id, number: order.number, amountReceivedVnd: order.amountReceivedVnd.toString(), paymentStatus: order.paymentStatus }
      return { stdout: `${order.number}: ${received}; ${outcome}\n`, details, target: `order:${order.number}` }
    },
  },
  {
    words: ['orders', 'mark-refunded'],
    action: 'orders.mark-refunded',
    synopsis: 'orders mark-refunded <number|reference> [--note <bank transaction id>]    (the money of a rejected or cancelled order went back)',
    options: { note: { type: 'string' } },
    ...orderArgument,
    async run(values, actor) {
      const found = await requireOrder(str(values, 'order')!)
      const result = await markRefunded({ orderId: found.id, operator: cliOperator(actor), note: str(values, 'note') })
      if (!result.ok) paymentFailure(result, found.number)
      const { order } = result
      const details = { orderId: order.id, number: order.number, amountVnd: refundDueVnd(order).toString() }
      return { stdout: `${order.number}: ${vnd(refundDueVnd(order))} refunded; payment ${order.paymentStatus}\n`, details, target: `order:${order.number}` }
    },
  },
  {
    words: ['orders', 'mark-excess-refunded'],
    action: 'orders.mark-excess-refunded',
    synopsis:
      'orders mark-excess-refunded <number|reference> [--amount <đồng>] [--note <bank transaction id>]    (the excess of an overpaid order went back to the buyer: all that is still owed, or --amount of it)',
    options: { amount: { type: 'string' }, note: { type: 'string' } },
    ...orderArgument,
    async run(values, actor) {
      const amountText = str(values, 'amount')
      const amountVnd = amountText === undefined ? undefined : parseVnd(amountText)
      if (amountVnd === null || (amountVnd !== undefined && amountVnd <= 0n)) {
        throw usageError(`--amount must be a whole number of đồng above 0, such as 1250000 or 1.250.000 (got "${amountText}").`)
      }
      const found = await requireOrder(str(values, 'order')!)
      const result = await markExcessRefunded({ orderId: found.id, operator: cliOperator(actor), amountVnd, note: str(values, 'note') })
      if (!result.ok) paymentFailure(result, found.number)
      const { order } = result
      const owed = excessOwedVnd(order)
      const details = {
        orderId: order.id,
        number: order.number,
        amountVnd: result.amountVnd.toString(),
        excessRefundedVnd: order.excessRefundedVnd.toString(),
        excessVnd: excessVnd(order).toString(),
      }
      const rest = owed > 0n ? `${vnd(owed)} still owed` : 'nothing more owed'
      return {
        stdout: `${order.number}: ${vnd(result.amountVnd)} of the excess returned (${vnd(order.excessRefundedVnd)} of ${vnd(excessVnd(order))} in all); ${rest}; payment ${order.paymentStatus}\n`,
        details,
        target: `order:${order.number}`,
      }
    },
  },
  {
    words: ['search', 'reindex'],
    action: 'search.reindex',
    synopsis: 'search reindex [--json]    (asks the app to rebuild the search index; `npm run search:reindex` also shows progress)',
    options: { json: { type: 'boolean' } },
    async run(values, actor) {
      const run = await requestSearchRebuild(actor)
      const details = { run: run.id }
      if (values.json) return { stdout: json(searchRunJson(run)), details }
      return { stdout: `Rebuild ${run.id} queued: the app's search worker takes it within seconds (see \`search status --run ${run.id}\`).\n`, details }
    },
  },
  {
    words: ['search', 'status'],
    action: 'search.status',
    synopsis: 'search status [--run <id>] [--json]    (a rebuild\'s progress; the latest when no id is given)',
    options: { run: { type: 'string' }, json: { type: 'boolean' } },
    async run(values) {
      const run = await getSearchIndexRun(str(values, 'run'))
      if (!run) throw new CommandError(str(values, 'run') ? `No search index rebuild "${str(values, 'run')}".` : 'The search index has not been rebuilt yet.')
      const details = { run: run.id, status: run.status }
      if (values.json) return { stdout: json(searchRunJson(run)), details }
      const progress = run.total === null ? `${run.indexed}` : `${run.indexed}/${run.total}`
      const rows = [[run.id, run.status, progress, localTime(run.createdAt), localTime(run.finishedAt), run.requestedBy, run.error ?? '']]
      return { stdout: table(['RUN', 'STATUS', 'INDEXED', 'ASKED (UTC+7)', 'FINISHED (UTC+7)', 'BY', 'ERROR'], rows), details }
    },
  },
  {
    words: ['audit'],
    action: 'audit.list',
    synopsis: `audit [--limit N] [--target <target>] [--json]    (latest first; N ≤ ${AUDIT_LIMIT_MAX}, default 20)`,
    options: { limit: { type: 'string' }, target: { type: 'string' }, json: { type: 'boolean' } },
    async run(values) {
      const limitText = str(values, 'limit') ?? '20'
      const limit = /^\d+$/.test(limitText) ? Number(limitText) : Number.NaN
      if (!(limit >= 1 && limit <= AUDIT_LIMIT_MAX)) throw usageError(`--limit must be a whole number from 1 to ${AUDIT_LIMIT_MAX}.`)
      const rows = await listAudit({ limit, target: str(values, 'target') })
      const details = { count: rows.length }
      if (values.json) {
        const out = rows.map((r) => ({
          id: r.id.toString(),
          createdAt: r.createdAt.toISOString(),
          actor: r.actor,
          action: r.action,
          target: r.target,
          details: r.details,
        }))
        return { stdout: json(out), details }
      }
      const lines = rows.map((r) => [localTime(r.createdAt), r.actor, r.action, r.target ?? '-', r.details === null ? '' : JSON.stringify(r.details)])
      return { stdout: table(['TIME (UTC+7)', 'ACTOR', 'ACTION', 'TARGET', 'DETAILS'], lines), details }
    },
  },
]

// ---------------------------------------------------------------------------------------------------------
// Usage

const synopsis = (c: Command) => `  ${c.synopsis}`
const groups: [string, string[]][] = [
  ['Organisations', ['orgs', 'org']],
  ['Products', ['product']],
  ['Users', ['user']],
  ['API keys', ['api-key']],
  ['Orders', ['orders']],
  ['Search index', ['search']],
  ['Audit log', ['audit']],
]

export function usage(): string {
  const sections = groups.map(([title, words]) => `${title}\n${commands.filter((c) => words.includes(c.words[0])).map(synopsis).join('\n')}`)
  return [
    'Usage: npm run --silent admin -- <command> [options]',
    '',
    ...sections.flatMap((s) => [s, '']),
    'Help\n  help [<command>]    (or <command> --help)',
    '',
    'Exit codes: 0 done, 1 failed, 2 wrong usage. Every command is recorded in the audit log.',
    '',
  ].join('\n')
}

const usageOf = (matching: Command[]) => `Usage:\n${matching.map(synopsis).join('\n')}\n`

// ---------------------------------------------------------------------------------------------------------
// Running a command

type Resolved = { command: Command; rest: string[] } | { group: Command[]; error: string } | { error: string }

function resolve(argv: string[]): Resolved {
  const [first, second, ...others] = argv
  const group = commands.filter((c) => c.words[0] === first)
  if (group.length === 0) return { error: `Unknown command "${first}".` }
  if (group.length === 1 && group[0].words.length === 1) return { command: group[0], rest: argv.slice(1) }
  const command = group.find((c) => c.words[1] === second)
  if (command) return { command, rest: others }
  return { group, error: second === undefined || second.startsWith('-') ? `"${first}" needs a subcommand.` : `Unknown command "${first} ${second}".` }
}

function parseOptions(command: Command, rest: string[]): Values {
  const options = { ...command.options, help: { type: 'boolean' as const, short: 'h' } }
  let parsed: { values: Values; positionals: string[] }
  try {
    parsed = parseArgs({ args: rest, options, strict: true, allowPositionals: command.argument !== undefined }) as typeof parsed
  } catch (error) {
    throw usageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (command.argument === undefined || values.help) return values
  if (positionals.length > 1) throw usageError(`Unexpected argument "${positionals[1]}".`)
  if (positionals.length === 0 || !positionals[0].trim()) throw usageError(command.argument.missing)
  return { ...values, [command.argument.name]: positionals[0] }
}

function checkRequired(command: Command, values: Values) {
  for (const [name, spec] of Object.entries(command.options)) {
    const value = values[name]
    if (spec.required && (value === undefined || (typeof value === 'string' && !value.trim()))) throw usageError(`--${name} is required.`)
  }
}

// The arguments as given, for the audit row (bounded, so a pasted essay does not bloat the log).
function auditArgs(values: Values): Record<string, Prisma.InputJsonValue> {
  const args: Record<string, Prisma.InputJsonValue> = {}
  for (const [name, value] of Object.entries(values)) {
    if (value === undefined || name === 'help') continue
    args[name] = typeof value === 'string' ? value.slice(0, 500) : value
  }
  return args
}

const errorMessage = (error: unknown) => (error instanceof Error ? error.message : String(error))

/**
 * Runs one command line (`argv` without the program name) as `actor` ("cli:<user>@<host>"). Never throws:
 * expected failures come back as a message on stderr with exit code 1 (2 for wrong usage).
 */
export async function runAdminCommand(argv: string[], actor: string): Promise<CommandOutput> {
  const [first] = argv
  if (first === undefined) return { stdout: '', stderr: usage(), exitCode: EXIT_USAGE }
  if (first === 'help' || first === '--help' || first === '-h') {
    if (argv.length === 1) return { stdout: usage(), stderr: '', exitCode: 0 }
    const group = commands.filter((c) => c.words[0] === argv[1])
    if (group.length === 0) return { stdout: '', stderr: `Unknown command "${argv[1]}".\n\n${usage()}`, exitCode: EXIT_USAGE }
    return { stdout: usageOf(group), stderr: '', exitCode: 0 }
  }

  const resolved = resolve(argv)
  if (!('command' in resolved)) {
    const help = 'group' in resolved ? usageOf(resolved.group) : usage()
    await recordAudit({ actor, action: 'usage-error', details: { argv: argv.slice(0, 20).map((a) => a.slice(0, 200)), error: resolved.error } }).catch(() => {})
    return { stdout: '', stderr: `${resolved.error}\n\n${help}`, exitCode: EXIT_USAGE }
  }

  const { command, rest } = resolved
  let values: Values = {}
  let output: CommandOutput
  let ran: Ran | undefined
  try {
    values = parseOptions(command, rest)
    if (values.help) return { stdout: usageOf([command]), stderr: '', exitCode: 0 }
    checkRequired(command, values)
    ran = await command.run(values, actor)
    output = { stdout: ran.stdout ?? '', stderr: ran.stderr ?? '', exitCode: 0 }
  } catch (error) {
    const expected = error instanceof CommandError
    const message = errorMessage(error)
    output = {
      stdout: '',
      stderr: expected && error.exitCode === EXIT_USAGE ? `${message}\n\n${usageOf([command])}` : `${expected ? '' : 'Unexpected error: '}${message}\n`,
      exitCode: expected ? error.exitCode : EXIT_FAILURE,
    }
    const entry = { actor, action: command.action, target: command.target?.(values), details: { ...auditArgs(values), error: message.slice(0, 2000) } }
    try {
      await recordAudit(entry)
    } catch (auditError) {
      output.stderr += `The failure could not be recorded in the audit log: ${errorMessage(auditError)}\n`
    }
    return output
  }

  if (!ran.audited) {
    try {
      await recordAudit({ actor, action: command.action, target: ran.target ?? command.target?.(values), details: { ...auditArgs(values), ...ran.details } })
    } catch (auditError) {
      // Commands that change something audit inside their own transaction; these only read.
      return { stdout: '', stderr: `The command could not be recorded in the audit log: ${errorMessage(auditError)}\n`, exitCode: EXIT_FAILURE }
    }
  }
  return output
}
