// What the ledger is reported as: the operators' monthly withholding summary (Decree 117/2025: the platform
// declares, for each household business and individual seller, the revenue it withheld on and the VAT and PIT
// withheld) and the CSV files of it and of a producer's monthly statement. Files are UTF-8 with a BOM and
// CRLF, as Excel expects; text that others typed (names, references) cannot run as a formula.
import { stringify } from 'csv-stringify/sync'
import type { LegalForm } from '~/generated/prisma/enums'
import { prisma } from '~/utils/db.server'
import type { Language } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { provinceName } from '../geo/provinces'
import type { MonthlyStatement } from './ledger.server'
import { monthBounds } from './month'

export type WithholdingLine = {
  producerId: string
  slug: string
  taxCode: string
  legalName: string
  legalForm: LegalForm
  address: string
  /** Net of reversals in the month: sales withheld on less those refunded, VAT and PIT withheld less given back. */
  revenueVnd: bigint
  vatWithheldVnd: bigint
  pitWithheldVnd: bigint
}

/**
 * The month's withholding by producer: every sale (and every reversal) of the month that had tax withheld,
 * whatever the producer's legal form is today; a sale of a cooperative or company has no withholding rows
 * and is left out. Withheld amounts are positive.
 */
export async function withholdingSummary(month: string) {
  const { start, end } = monthBounds(month)
  const rows = await prisma.ledgerEntry.findMany({
    where: { occurredAt: { gte: start, lt: end }, kind: { in: ['SALE', 'VAT_WITHHELD', 'PIT_WITHHELD'] } },
    select: { producerId: true, orderId: true, kind: true, reversal: true, amountVnd: true },
  })
  // A sale's rows (or its reversal's) share the order and the reversal flag.
  const groups = new Map<string, typeof rows>()
  for (const r of rows) {
    const key = `${r.orderId}:${r.reversal}`
    groups.set(key, [...(groups.get(key) ?? []), r])
  }
  const byProducer = new Map<string, { revenueVnd: bigint; vatWithheldVnd: bigint; pitWithheldVnd: bigint }>()
  for (const group of groups.values()) {
    if (!group.some((r) => r.kind !== 'SALE')) continue
    const line = byProducer.get(group[0].producerId) ?? { revenueVnd: 0n, vatWithheldVnd: 0n, pitWithheldVnd: 0n }
    for (const r of group) {
      if (r.kind === 'SALE') line.revenueVnd += r.amountVnd
      else if (r.kind === 'VAT_WITHHELD') line.vatWithheldVnd -= r.amountVnd
      else line.pitWithheldVnd -= r.amountVnd
    }
    byProducer.set(group[0].producerId, line)
  }
  const producers = await prisma.organization.findMany({
    where: { id: { in: [...byProducer.keys()] } },
    select: { id: true, slug: true, taxCode: true, legalName: true, legalForm: true, addressLine: true, commune: true, provinceCode: true },
  })
  const lines: WithholdingLine[] = producers
    .map((p) => ({
      producerId: p.id,
      slug: p.slug,
      taxCode: p.taxCode,
      legalName: p.legalName,
      legalForm: p.legalForm,
      address: [p.addressLine, p.commune, provinceName(p.provinceCode)].filter(Boolean).join(', '),
      ...byProducer.get(p.id)!,
    }))
    .sort((a, b) => a.legalName.localeCompare(b.legalName, 'vi') || a.taxCode.localeCompare(b.taxCode))
  const totals = lines.reduce(
    (t, l) => ({ revenueVnd: t.revenueVnd + l.revenueVnd, vatWithheldVnd: t.vatWithheldVnd + l.vatWithheldVnd, pitWithheldVnd: t.pitWithheldVnd + l.pitWithheldVnd }),
    { revenueVnd: 0n, vatWithheldVnd: 0n, pitWithheldVnd: 0n },
  )
  return { month, lines, totals }
}

// ---------------------------------------------------------------------------------------------------------
// CSV

/** A leading = + - @ tab or carriage return gets an apostrophe, so Excel shows the text instead of running it (OWASP). */
const inertText = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value)

const toCsv = (rows: string[][]) => stringify(rows, { bom: true, record_delimiter: 'windows' })

/** 'YYYY-MM-DD HH:mm' in Vietnam. */
const hcmTime = (at: Date) => new Date(at.getTime() + 7 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

/** Basis points as a plain percentage for a spreadsheet: 50 → "0.50". */
const percent = (basisPoints: number | null) => (basisPoints === null ? '' : (basisPoints / 100).toFixed(2))

const withholdingCsvColumns = ['month', 'taxCode', 'legalName', 'legalForm', 'address', 'revenue', 'vatWithheld', 'pitWithheld', 'totalWithheld'] as const

/** One line per producer, with a header in `lang`: the month's declaration data. */
export function withholdingCsv(summary: Awaited<ReturnType<typeof withholdingSummary>>, lang: Language) {
  const t = getT(lang)
  const header = withholdingCsvColumns.map((c) => t(`ledger:csv.withholding.${c}`))
  const rows = summary.lines.map((l) => [
    summary.month,
    inertText(l.taxCode),
    inertText(l.legalName),
    t(`common:legalForm.${l.legalForm}`),
    inertText(l.address),
    l.revenueVnd.toString(),
    l.vatWithheldVnd.toString(),
    l.pitWithheldVnd.toString(),
    (l.vatWithheldVnd + l.pitWithheldVnd).toString(),
  ])
  return toCsv([header, ...rows])
}

const statementCsvColumns = ['time', 'kind', 'orderNumber', 'base', 'rate', 'amount', 'balance', 'reference'] as const

/** The month's rows between an opening and a closing balance line, with a header in `lang`. */
export function statementCsv(statement: MonthlyStatement, lang: Language) {
  const t = getT(lang)
  const header = statementCsvColumns.map((c) => t(`ledger:csv.statement.${c}`))
  const { start, end } = monthBounds(statement.month)
  const balanceLine = (at: Date, key: 'opening' | 'closing', amount: bigint) => [hcmTime(at), t(`ledger:statement.${key}`), '', '', '', '', amount.toString(), '']
  const rows = statement.rows.map((r) => [
    hcmTime(r.occurredAt),
    t(r.reversal ? `ledger:kindReversal.${r.kind}` : `ledger:kind.${r.kind}`),
    r.order?.number ?? '',
    r.baseVnd?.toString() ?? '',
    percent(r.rateBasisPoints),
    r.amountVnd.toString(),
    r.balanceVnd.toString(),
    inertText(r.payout?.bankReference ?? ''),
  ])
  return toCsv([header, balanceLine(start, 'opening', statement.openingVnd), ...rows, balanceLine(new Date(end.getTime() - 60_000), 'closing', statement.closingVnd)])
}

/** Headers of a download only its reader may see. */
export function csvHeaders(filename: string) {
  return {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`,
    'Cache-Control': 'private, no-store',
    'X-Content-Type-Options': 'nosniff',
  }
}
