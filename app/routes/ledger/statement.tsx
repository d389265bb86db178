// /:lang/orgs/:slug/ledger/statement?month=YYYY-MM: the producer's monthly statement on one A4 sheet, printed
// from the browser (the order documents' print style: on paper only the sheet). Same readers as the ledger.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { provinceName } from '~/modules/geo/provinces'
import { requireLedgerReader } from '~/modules/ledger/access.server'
import { monthlyStatement } from '~/modules/ledger/ledger.server'
import { formatMonth, monthOf, parseMonth } from '~/modules/ledger/month'
import documentStyles from '~/styles/order-documents.css?url'
import styles from '~/styles/ledger.css?url'
import { formatDateTime } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { useLang } from '~/utils/use-lang'
import { LedgerRows, StatementFigures, statementView } from './ledger-parts'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: documentStyles },
  { rel: 'stylesheet', href: styles },
]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization } = await requireLedgerReader(request, lang, params.slug)
  const now = new Date()
  const month = parseMonth(new URL(request.url).searchParams.get('month')) ?? monthOf(now)
  const statement = await monthlyStatement(organization.id, month)
  return {
    title: getT(lang)('ledger:print.pageTitle', { name: organization.displayName, month: formatMonth(month, lang) }),
    producer: {
      slug: organization.slug,
      legalName: organization.legalName,
      taxCode: organization.taxCode,
      legalForm: organization.legalForm,
      address: [organization.addressLine, organization.commune, provinceName(organization.provinceCode)].filter(Boolean).join(', '),
      bank: organization.bankAccountNumber ? `${organization.bankName} · ${organization.bankAccountNumber} · ${organization.bankAccountHolder}` : null,
    },
    printedAt: now.toISOString(),
    statement: statementView(statement),
  }
}

/** Shown once the page runs JavaScript; without it the hint tells how to print. */
function PrintButton() {
  const { t } = useTranslation('ledger')
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])
  if (!ready) return null
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {t('print.print')}
    </button>
  )
}

export default function LedgerStatementPrint() {
  const { t } = useTranslation(['ledger', 'common'])
  const lang = useLang()
  const { producer, printedAt, statement } = useLoaderData<typeof loader>()
  const ledgerPath = `/${lang}/orgs/${producer.slug}/ledger?month=${statement.month}`
  return (
    <>
      <nav className="doc-toolbar" aria-label={t('print.toolbar')}>
        <p className="doc-back">
          <a href={ledgerPath}>{t('print.back')}</a>
        </p>
        <div className="doc-actions">
          <PrintButton />
          <p className="meta">{t('print.hint')}</p>
        </div>
      </nav>
      <article className="doc-sheet">
        <header className="doc-head">
          <p className="doc-brand">{t('common:appName')}</p>
          <h1>{t('print.title')}</h1>
          <dl className="doc-facts">
            <dt>{t('print.month')}</dt>
            <dd>
              <strong>{formatMonth(statement.month, lang)}</strong>
            </dd>
            <dt>{t('print.printedAt')}</dt>
            <dd>{formatDateTime(printedAt, lang)}</dd>
          </dl>
        </header>
        <div className="doc-parties">
          <section className="doc-party" aria-label={t('print.producer')}>
            <h2>{t('print.producer')}</h2>
            <p className="doc-party-name">{producer.legalName}</p>
            <p>
              {t('print.taxCode')}: {producer.taxCode} · {t(`common:legalForm.${producer.legalForm}`)}
            </p>
            <p>
              {t('print.address')}: {producer.address}
            </p>
            {producer.bank ? (
              <p>
                {t('print.bank')}: {producer.bank}
              </p>
            ) : null}
          </section>
          <section className="doc-party" aria-label={t('print.summary')}>
            <h2>{t('print.summary')}</h2>
            <StatementFigures s={statement} lang={lang} className="doc-totals" />
          </section>
        </div>

        <h2>{t('rows.heading')}</h2>
        {statement.rows.length === 0 ? (
          <p>{t('rows.empty', { month: formatMonth(statement.month, lang) })}</p>
        ) : (
          <LedgerRows rows={statement.rows} lang={lang} className="table-wrap doc-lines" />
        )}
        <p className="doc-legal" role="note">
          {t('print.legal')}
        </p>
      </article>
    </>
  )
}
