// A producer's ledger: /:lang/orgs/:slug/ledger. What the platform owes the producer now, what it has paid
// out, and a month's statement (opening balance, sales, fees, withholding, refunds, payouts, closing balance)
// with its rows, each order linked; the month is a GET parameter, so the picker works without JavaScript.
// The same statement prints on A4 (./statement) and downloads as CSV (./export.csv). Members of the producer
// who may read it only (docs/ledger.md).
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { SelectField } from '~/components/forms'
import { requireLedgerReader } from '~/modules/ledger/access.server'
import { ledgerMonths, ledgerSummary, monthlyStatement } from '~/modules/ledger/ledger.server'
import { formatMonth, monthOf, parseMonth } from '~/modules/ledger/month'
import styles from '~/styles/ledger.css?url'
import { formatVnd } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { useLang } from '~/utils/use-lang'
import { LedgerRows, Money, StatementFigures, statementView } from './ledger-parts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization } = await requireLedgerReader(request, lang, params.slug)
  const now = new Date()
  // An unknown month falls back to this one rather than failing.
  const month = parseMonth(new URL(request.url).searchParams.get('month')) ?? monthOf(now)
  const [summary, months, statement] = await Promise.all([ledgerSummary(organization.id), ledgerMonths(organization.id, now), monthlyStatement(organization.id, month)])
  return {
    title: getT(lang)('ledger:page.title', { name: organization.displayName }),
    organization: {
      slug: organization.slug,
      displayName: organization.displayName,
      bank: organization.bankAccountNumber ? { name: organization.bankName, number: organization.bankAccountNumber, holder: organization.bankAccountHolder } : null,
    },
    balance: summary.balanceVnd.toString(),
    paidOut: summary.paidOutVnd.toString(),
    months: months.includes(month) ? months : [month, ...months].sort().reverse(),
    statement: statementView(statement),
  }
}

export default function LedgerPage() {
  const { t } = useTranslation('ledger')
  const lang = useLang()
  const { organization, balance, paidOut, months, statement } = useLoaderData<typeof loader>()
  const base = `/${lang}/orgs/${organization.slug}`
  const monthQuery = `?month=${statement.month}`
  const monthName = formatMonth(statement.month, lang)
  return (
    <section>
      <h1>{t('page.heading')}</h1>
      <p>{t('page.intro')}</p>

      <div className="ledger-cards">
        <div className="card">
          <p className="meta">{t('page.balance')}</p>
          <p className="ledger-big">
            <Money value={balance} lang={lang} />
          </p>
          <p className="meta">{t(BigInt(balance) < 0n ? 'page.balanceNegativeHint' : 'page.balanceHint')}</p>
        </div>
        <div className="card">
          <p className="meta">{t('page.paidOut')}</p>
          <p className="ledger-big">{formatVnd(BigInt(paidOut), lang)}</p>
          {organization.bank ? (
            <p className="meta">{t('page.bankAccount', { bank: organization.bank.name, number: organization.bank.number, holder: organization.bank.holder })}</p>
          ) : (
            <p className="meta">
              {t('page.noBankAccount')} <Link to={`${base}/settings`}>{t('page.settingsLink')}</Link>
            </p>
          )}
        </div>
      </div>

      <h2 id="statement-heading">{t('page.statementHeading', { month: monthName })}</h2>
      <Form method="get" className="ledger-month" aria-label={t('page.monthLabel')}>
        <SelectField label={t('page.monthLabel')} name="month" defaultValue={statement.month} options={months.map((m) => ({ value: m, label: formatMonth(m, lang) }))} />
        <button type="submit" className="button button-secondary">
          {t('page.show')}
        </button>
      </Form>
      <ul className="ledger-links">
        <li>
          <a href={`${base}/ledger/statement${monthQuery}`}>{t('page.print')}</a>
        </li>
        <li>
          <a href={`${base}/ledger/export.csv${monthQuery}`} download>
            {t('page.csv')}
          </a>
        </li>
      </ul>

      <StatementFigures s={statement} lang={lang} className="ledger-figures" />

      <h2 id="rows-heading">{t('rows.heading')}</h2>
      {statement.rows.length === 0 ? (
        <p>{t('rows.empty', { month: monthName })}</p>
      ) : (
        <LedgerRows rows={statement.rows} lang={lang} orderHref={(number) => `${base}/orders/${encodeURIComponent(number)}`} className="table-wrap" />
      )}
      <p className="meta">{t('page.rulesNote')}</p>
    </section>
  )
}
