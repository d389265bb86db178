// The pieces the ledger page and its printable statement share: the month's figures and its rows. Loaders
// hand them plain data (amounts as strings of whole đồng, times as ISO strings); these format it.
import { useTranslation } from 'react-i18next'
import type { LedgerEntryKind } from '~/generated/prisma/enums'
import type { MonthlyStatement } from '~/modules/ledger/ledger.server'
import { formatRate } from '~/modules/ledger/month'
import { formatDate, formatDateTime, formatVnd } from '~/utils/format'
import type { Language } from '~/utils/i18n'

export type LedgerRowView = {
  id: string
  kind: LedgerEntryKind
  reversal: boolean
  at: string
  orderNumber: string | null
  base: string | null
  rateBasisPoints: number | null
  amount: string
  balance: string
  payoutReference: string | null
  paidOn: string | null
}

export type StatementView = ReturnType<typeof statementView>

/** For a loader: the statement as JSON-safe data. */
export function statementView(s: MonthlyStatement) {
  return {
    month: s.month,
    opening: s.openingVnd.toString(),
    sales: s.salesVnd.toString(),
    fees: s.feesVnd.toString(),
    vat: s.vatWithheldVnd.toString(),
    pit: s.pitWithheldVnd.toString(),
    refunds: s.refundsVnd.toString(),
    payouts: s.payoutsVnd.toString(),
    closing: s.closingVnd.toString(),
    rows: s.rows.map(
      (r): LedgerRowView => ({
        id: r.id,
        kind: r.kind,
        reversal: r.reversal,
        at: r.occurredAt.toISOString(),
        orderNumber: r.order?.number ?? null,
        base: r.baseVnd?.toString() ?? null,
        rateBasisPoints: r.rateBasisPoints,
        amount: r.amountVnd.toString(),
        balance: r.balanceVnd.toString(),
        payoutReference: r.payout?.bankReference ?? null,
        paidOn: r.payout?.paidOn.toISOString().slice(0, 10) ?? null,
      }),
    ),
  }
}

/** An amount, red when below zero. */
export function Money({ value, lang }: { value: string; lang: Language }) {
  const amount = BigInt(value)
  return <span className={amount < 0n ? 'ledger-negative' : undefined}>{formatVnd(amount, lang)}</span>
}

/** Opening balance, the month's movements, closing balance. */
export function StatementFigures({ s, lang, className }: { s: StatementView; lang: Language; className: string }) {
  const { t } = useTranslation('ledger')
  const line = (key: string, value: string, total = false) => (
    <>
      <dt className={total ? 'ledger-total' : undefined}>{t(`statement.${key}`)}</dt>
      <dd className={total ? 'ledger-total' : undefined}>
        <Money value={value} lang={lang} />
      </dd>
    </>
  )
  return (
    <dl className={className}>
      {line('opening', s.opening, true)}
      {line('sales', s.sales)}
      {line('fees', s.fees)}
      {line('vat', s.vat)}
      {line('pit', s.pit)}
      {line('refunds', s.refunds)}
      {line('payouts', s.payouts)}
      {line('closing', s.closing, true)}
    </dl>
  )
}

/** What a row is: its kind (a reversal says so), with the payout's bank reference and date. */
export function RowKind({ row, lang }: { row: LedgerRowView; lang: Language }) {
  const { t } = useTranslation('ledger')
  return (
    <>
      {t(row.reversal ? `kindReversal.${row.kind}` : `kind.${row.kind}`)}
      {row.payoutReference ? (
        <span className="ledger-sub">
          {t('rows.payoutDetail', { reference: row.payoutReference, date: row.paidOn ? formatDate(`${row.paidOn}T00:00:00Z`, lang) : '' })}
        </span>
      ) : null}
    </>
  )
}

/** The rate and what it applied to, for fees and withholding. */
export function RowRate({ row, lang }: { row: LedgerRowView; lang: Language }) {
  const { t } = useTranslation('ledger')
  if (row.rateBasisPoints === null) return null
  return (
    <>
      {formatRate(row.rateBasisPoints, lang)}
      {row.base ? <span className="ledger-sub">{t('rows.base', { base: formatVnd(BigInt(row.base), lang) })}</span> : null}
    </>
  )
}

/** The month's rows: time, order, kind, rate, amount, balance after. `orderHref` links an order number. */
export function LedgerRows({ rows, lang, orderHref, className }: { rows: LedgerRowView[]; lang: Language; orderHref?: (number: string) => string; className: string }) {
  const { t } = useTranslation('ledger')
  return (
    <div className={className} role="region" aria-label={t('rows.heading')} tabIndex={0}>
      <table className="ledger-table">
        <thead>
          <tr>
            <th scope="col">{t('rows.time')}</th>
            <th scope="col">{t('rows.order')}</th>
            <th scope="col">{t('rows.kind')}</th>
            <th scope="col" className="num">
              {t('rows.rate')}
            </th>
            <th scope="col" className="num">
              {t('rows.amount')}
            </th>
            <th scope="col" className="num">
              {t('rows.balance')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              <td data-label={t('rows.time')}>{formatDateTime(row.at, lang)}</td>
              <td data-label={t('rows.order')} className="ledger-nowrap">
                {row.orderNumber ? orderHref ? <a href={orderHref(row.orderNumber)}>{row.orderNumber}</a> : row.orderNumber : '—'}
              </td>
              <td data-label={t('rows.kind')}>
                <RowKind row={row} lang={lang} />
              </td>
              <td data-label={t('rows.rate')} className="num">
                <RowRate row={row} lang={lang} />
              </td>
              <td data-label={t('rows.amount')} className="num">
                <Money value={row.amount} lang={lang} />
              </td>
              <td data-label={t('rows.balance')} className="num">
                <Money value={row.balance} lang={lang} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

/** A form field's problems: i18n keys (errors namespace unless prefixed) with their values. */
export type Problem = { key: string; values?: Record<string, string> }

export function Problems({ id, problems }: { id: string; problems?: Problem[] }) {
  const { t } = useTranslation('errors')
  if (!problems?.length) return null
  return (
    <ul id={id} className="field-errors" role="alert">
      {problems.map((p) => (
        <li key={p.key}>{t(p.key, { ...p.values, defaultValue: t('invalid') })}</li>
      ))}
    </ul>
  )
}
