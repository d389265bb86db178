// The operators' commands (`npm run --silent admin -- <command>`), run in-process: the CLI calls this
// directly when it may open the database, and the running app calls it for the CLI through its
// loopback-only endpoint (routes/admin-commands.ts) when the embedded database is already open there.
// Every command that is run, failed ones included, leaves an audit row; the created key never does.
import { parseArgs } from 'node:util'
import type { Prisma } from '~/generated/prisma/client'
import type { OrganizationKind, PlatformRole } from '~/generated/prisma/enums'
import { normalizeEmail, normalizePhone, type Identifier } from '../accounts/identifier'
import { setPlatformRole } from '../accounts/platform-roles.server'
import { createApiKey, listApiKeys, revokeApiKey } from '../api-keys/api-keys.server'
import { listAudit, recordAudit } from '../audit/audit.server'
import { restoreProduct, suspendProduct } from '../catalog/products.server'
import { provinces } from '../geo/provinces'
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
}

type Command = {
  words: [string] | [string, string]
  action: string
  synopsis: string
  options: Record<string, OptionSpec>
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
    synopsis: 'api-key create --org <slug> --name <label>    (prints the new key alone)',
    options: { org: { type: 'string', required: true }, name: { type: 'string', required: true } },
    target: orgTarget,
    async run(values, actor) {
      const name = str(values, 'name')!.trim()
      if (!name) throw usageError('--name must not be empty.')
      if (name.length > KEY_NAME_MAX) throw usageError(`--name must be at most ${KEY_NAME_MAX} characters.`)
      const org = await requireOrganization(str(values, 'org')!)
      // The key and its audit row commit together (the row holds the key's id and prefix, never the key).
      const { key } = await createApiKey({ organizationId: org.id, name, createdById: null, actor })
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
        }))
        return { stdout: json(out), details }
      }
      const rows = keys.map((k) => [k.id, k.name, `${k.prefix}…`, localTime(k.createdAt), localTime(k.lastUsedAt) || '-', localTime(k.revokedAt) || '-'])
      return { stdout: table(['ID', 'NAME', 'PREFIX', 'CREATED', 'LAST USED', 'REVOKED'], rows) + `${keys.length} key(s)\n`, details }
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
  try {
    return parseArgs({ args: rest, options, strict: true, allowPositionals: false }).values as Values
  } catch (error) {
    throw usageError((error as Error).message)
  }
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
      await recordAudit({ actor, action: command.action, target: command.target?.(values), details: { ...auditArgs(values), ...ran.details } })
    } catch (auditError) {
      // Commands that change something audit inside their own transaction; these only read.
      return { stdout: '', stderr: `The command could not be recorded in the audit log: ${errorMessage(auditError)}\n`, exitCode: EXIT_FAILURE }
    }
  }
  return output
}
