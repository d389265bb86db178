// Bank statements: an operator uploads the platform account's statement as CSV; each credit line is matched
// to an order by the payment reference (CVM + 8 letters or digits) found in its description, ignoring case,
// and applied as a transfer received (markTransferReceived, with the bank's transaction id, so no transaction
// is ever applied twice: not from the same file, not from a statement uploaded again, not by hand).
//
// Layout (docs/bank-statements.md): a header line, then one line per transaction with the columns
// date, amount, description, transactionId. Banks name their columns differently, so the names are
// configurable per upload (`columns`). Dates as YYYY-MM-DD or DD/MM/YYYY; amounts in whole đồng
// ("1250000", "1.250.000", "1,250,000"); debits (negative amounts) are not payments and are skipped.
import { parse } from 'csv-parse/sync'
import type { StatementLineOutcome } from '~/generated/prisma/enums'
import { prisma } from '~/utils/db.server'
import { isCalendarDate } from '../catalog/certifications'
import { markTransferReceived, type OperatorActor } from '../orders/transitions.server'
import { defaultStatementColumns, STATEMENT_LIMITS, type StatementColumns } from './statement-layout'
import { amountDue } from './vietqr'


/** Why a file (or one of its lines) cannot be read; `line` counts from 1 with the header. */
export type StatementProblem = { line?: number; code: 'empty' | 'tooLarge' | 'tooManyLines' | 'malformed' | 'missingColumns' | 'date' | 'amount' | 'transactionId' | 'description'; columns?: string[] }

export type StatementLine = { lineNumber: number; bookedOn: string; amountVnd: bigint; description: string; transactionId: string }

const REFERENCE = /CVM[A-HJ-NP-Z2-9]{8}/i

/** The order reference written in a transfer's description, upper-cased; null when there is none. */
export function findReference(description: string) {
  // Banks may cut the description into words or strip punctuation: look in the letters and digits alone too.
  const match = REFERENCE.exec(description) ?? REFERENCE.exec(description.replace(/[^0-9A-Za-z]/g, ''))
  return match ? match[0].toUpperCase() : null
}

function parseDate(text: string) {
  const iso = text.trim()
  if (isCalendarDate(iso)) return iso
  const vn = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(iso)
  if (!vn) return null
  const date = `${vn[3]}-${vn[2].padStart(2, '0')}-${vn[1].padStart(2, '0')}`
  return isCalendarDate(date) ? date : null
}

/** Whole đồng: digits with optional "." or "," thousands separators and a sign; null otherwise. */
function parseAmount(text: string) {
  const compact = text.trim().replace(/\s|đ|VND/gi, '')
  if (!/^[+-]?(\d{1,3}([.,]\d{3})+|\d+)$/.test(compact)) return null
  return BigInt(compact.replace(/[.,+]/g, ''))
}

/** Reads the CSV; every unreadable line is named, and then nothing is applied. */
export function parseStatement(text: string, columns: StatementColumns = defaultStatementColumns): { ok: true; lines: StatementLine[] } | { ok: false; problems: StatementProblem[] } {
  if (text.length > STATEMENT_LIMITS.bytes) return { ok: false, problems: [{ code: 'tooLarge' }] }
  let rows: Record<string, string>[]
  try {
    rows = parse(text.replace(/^\uFEFF/, ''), { columns: (header: string[]) => header.map((h) => h.trim()), skip_empty_lines: true, relax_column_count: true, delimiter: [',', ';', '\t'] })
  } catch {
    return { ok: false, problems: [{ code: 'malformed' }] }
  }
  if (rows.length === 0) return { ok: false, problems: [{ code: 'empty' }] }
  if (rows.length > STATEMENT_LIMITS.lines) return { ok: false, problems: [{ code: 'tooManyLines' }] }
  const missing = Object.values(columns).filter((name) => !(name in rows[0]))
  if (missing.length) return { ok: false, problems: [{ code: 'missingColumns', columns: missing }] }

  const problems: StatementProblem[] = []
  const lines: StatementLine[] = []
  rows.forEach((row, i) => {
    const lineNumber = i + 2
    const bookedOn = parseDate(row[columns.date] ?? '')
    const amountVnd = parseAmount(row[columns.amount] ?? '')
    const description = (row[columns.description] ?? '').trim()
    const transactionId = (row[columns.transactionId] ?? '').trim()
    if (!bookedOn) problems.push({ line: lineNumber, code: 'date' })
    if (amountVnd === null) problems.push({ line: lineNumber, code: 'amount' })
    if (!transactionId || transactionId.length > STATEMENT_LIMITS.transactionIdMax) problems.push({ line: lineNumber, code: 'transactionId' })
    if (description.length > STATEMENT_LIMITS.descriptionMax) problems.push({ line: lineNumber, code: 'description' })
    // Money going out of the account is not a buyer's payment.
    if (bookedOn && amountVnd !== null && amountVnd > 0n && transactionId) lines.push({ lineNumber, bookedOn, amountVnd, description, transactionId })
  })
  return problems.length ? { ok: false, problems } : { ok: true, lines }
}

export type StatementReportLine = {
  id: string
  lineNumber: number
  bookedOn: string
  amountVnd: bigint
  description: string
  transactionId: string
  outcome: StatementLineOutcome
  order: { id: string; number: string; buyerName: string; paymentStatus: string } | null
  resolvedAt: Date | null
}

/**
 * Reads a statement and applies its lines in file order. A line whose reference names an order that can
 * take money (confirmed and not closed) is applied with its amount: the amount due makes it PAID (MATCHED),
 * less leaves it UNPAID (PARTIAL), more is recorded and flagged (OVERPAID). Unknown references stay
 * UNMATCHED for an operator; a transaction seen earlier in the file or applied before is not applied again.
 */
export async function importStatement(input: { text: string; fileName: string; operator: OperatorActor; columns?: StatementColumns; now?: Date }) {
  const parsed = parseStatement(input.text, input.columns)
  if (!parsed.ok) return parsed
  const statement = await prisma.bankStatement.create({
    data: { fileName: input.fileName.slice(0, 200) || 'statement.csv', uploadedById: input.operator.userId, uploadedByName: input.operator.name, createdAt: input.now },
    select: { id: true },
  })
  const seen = new Set<string>()
  for (const line of parsed.lines) {
    const { outcome, orderId } = seen.has(line.transactionId) ? { outcome: 'DUPLICATE' as const, orderId: null } : await applyLine(line, input.operator, input.now)
    seen.add(line.transactionId)
    await prisma.bankStatementLine.create({
      data: {
        statementId: statement.id,
        lineNumber: line.lineNumber,
        bookedOn: new Date(`${line.bookedOn}T00:00:00Z`),
        amountVnd: line.amountVnd,
        description: line.description,
        transactionId: line.transactionId,
        outcome,
        orderId,
      },
    })
  }
  return { ok: true as const, statementId: statement.id }
}

async function applyLine(line: StatementLine, operator: OperatorActor, now?: Date): Promise<{ outcome: StatementLineOutcome; orderId: string | null }> {
  if (await prisma.appliedBankTransaction.findUnique({ where: { transactionId: line.transactionId } })) return { outcome: 'ALREADY_APPLIED', orderId: null }
  const reference = findReference(line.description)
  const order = reference ? await prisma.order.findUnique({ where: { paymentReference: reference } }) : null
  if (!order) return { outcome: 'UNMATCHED', orderId: null }
  const due = amountDue(order)
  if (due === null) return { outcome: 'NOT_APPLICABLE', orderId: order.id }
  return applyTo(order.id, due, line, operator, now)
}

async function applyTo(orderId: string, due: bigint, line: Pick<StatementLine, 'amountVnd' | 'transactionId' | 'bookedOn'>, operator: OperatorActor, now?: Date) {
  const result = await markTransferReceived({
    orderId,
    amountVnd: line.amountVnd,
    operator,
    note: `${line.transactionId} (${line.bookedOn})`,
    bankTransactionId: line.transactionId,
    now,
  }).catch((error: unknown) => {
    // Two uploads applying the same transaction at once: the primary key stopped the second.
    if (error instanceof Error && /Unique constraint|duplicate key/i.test(error.message)) return { ok: false as const, error: 'order.payment.transactionApplied' as const }
    throw error
  })
  if (!result.ok) return { outcome: result.error === 'order.payment.transactionApplied' ? ('ALREADY_APPLIED' as const) : ('NOT_APPLICABLE' as const), orderId }
  const outcome: StatementLineOutcome = line.amountVnd === due ? 'MATCHED' : line.amountVnd < due ? 'PARTIAL' : 'OVERPAID'
  return { outcome, orderId }
}

/**
 * An operator applies an UNMATCHED (or NOT_APPLICABLE) line to an order by its number or reference, e.g. when
 * the buyer wrote the reference wrongly. The same rules as matching: the order must be able to take money.
 */
export async function resolveStatementLine(input: { lineId: string; order: string; operator: OperatorActor; now?: Date }) {
  const line = await prisma.bankStatementLine.findUnique({ where: { id: input.lineId } })
  if (!line) return { ok: false as const, error: 'statement.lineNotFound' as const }
  if (line.outcome !== 'UNMATCHED' && line.outcome !== 'NOT_APPLICABLE') return { ok: false as const, error: 'statement.lineApplied' as const }
  const key = input.order.trim().toUpperCase()
  const order = await prisma.order.findFirst({ where: { OR: [{ number: key }, { paymentReference: key }] } })
  if (!order) return { ok: false as const, error: 'statement.orderNotFound' as const }
  const due = amountDue(order)
  if (due === null) return { ok: false as const, error: 'statement.orderNotPayable' as const }
  const applied = await applyTo(order.id, due, { amountVnd: line.amountVnd, transactionId: line.transactionId, bookedOn: line.bookedOn.toISOString().slice(0, 10) }, input.operator, input.now)
  if (applied.outcome === 'ALREADY_APPLIED' || applied.outcome === 'NOT_APPLICABLE') return { ok: false as const, error: 'statement.lineApplied' as const }
  await prisma.bankStatementLine.update({ where: { id: line.id }, data: { outcome: applied.outcome, orderId: order.id, resolvedAt: input.now ?? new Date() } })
  return { ok: true as const, outcome: applied.outcome, orderNumber: order.number }
}

/** A statement with its lines in file order, and the counts per outcome. */
export async function statementReport(statementId: string) {
  const statement = await prisma.bankStatement.findUnique({
    where: { id: statementId },
    include: {
      lines: { orderBy: { lineNumber: 'asc' }, include: { order: { select: { id: true, number: true, buyerName: true, paymentStatus: true } } } },
    },
  })
  if (!statement) return null
  const lines: StatementReportLine[] = statement.lines.map((l) => ({ ...l, bookedOn: l.bookedOn.toISOString().slice(0, 10) }))
  const counts = Object.fromEntries(lines.reduce((m, l) => m.set(l.outcome, (m.get(l.outcome) ?? 0) + 1), new Map<StatementLineOutcome, number>())) as Partial<Record<StatementLineOutcome, number>>
  return { id: statement.id, fileName: statement.fileName, uploadedByName: statement.uploadedByName, createdAt: statement.createdAt, lines, counts }
}

/** The latest statements, newest first, with how many lines still need an operator. */
export async function recentStatements(limit = 20) {
  const statements = await prisma.bankStatement.findMany({ orderBy: { createdAt: 'desc' }, take: limit, include: { _count: { select: { lines: true } } } })
  const open = await prisma.bankStatementLine.groupBy({ by: ['statementId'], where: { statementId: { in: statements.map((s) => s.id) }, outcome: 'UNMATCHED' }, _count: { _all: true } })
  const openBy = new Map(open.map((o) => [o.statementId, o._count._all]))
  return statements.map((s) => ({ id: s.id, fileName: s.fileName, uploadedByName: s.uploadedByName, createdAt: s.createdAt, lines: s._count.lines, unmatched: openBy.get(s.id) ?? 0 }))
}
