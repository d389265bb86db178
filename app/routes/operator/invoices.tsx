// Open invoices on net terms for operators: every INVOICED order, the overdue ones first (they are due
// earliest), then by due date, with buyer, producer, total, what was received, the due date and how many days
// it is overdue; "overdue only" narrows the list. The transfer that pays an invoice is recorded on the
// payments desk (or matched from a bank statement), which each row links to.
import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { OrderStatusBadge } from '~/components/order-badges'
import { OverdueBadge } from '~/components/order-terms'
import { pageParam, Pagination } from '~/components/product-card'
import { INVOICES_PAGE_SIZE, listOpenInvoices } from '~/modules/payments/invoices.server'
import { formatDate, formatNumber, formatVnd } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requirePlatformRole } from '~/utils/permissions.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  await requirePlatformRole(request, lang, 'OPERATOR')
  const url = new URL(request.url)
  const overdueOnly = url.searchParams.get('overdue') === '1'
  const page = pageParam(url)
  const { items, total, overdue, outstandingVnd } = await listOpenInvoices({ overdueOnly, page })
  return data(
    {
      title: getT(lang)('terms:invoices.title'),
      overdueOnly,
      page,
      total,
      overdue,
      pageSize: INVOICES_PAGE_SIZE,
      // VND as strings (JSON has no BigInt); dates as YYYY-MM-DD.
      outstanding: outstandingVnd.toString(),
      invoices: items.map((o) => ({
        id: o.id,
        number: o.number,
        status: o.status,
        termDays: o.paymentTermDays,
        dueDate: o.paymentDueDate?.toISOString().slice(0, 10) ?? null,
        daysOverdue: o.daysOverdue,
        total: o.totalVnd.toString(),
        received: o.amountReceivedVnd.toString(),
        due: o.dueVnd.toString(),
        buyer: o.buyer.displayName,
        producer: o.producer.displayName,
      })),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

export default function OperatorInvoicesPage() {
  const { t } = useTranslation('terms')
  const lang = useLang()
  const { overdueOnly, page, total, overdue, pageSize, outstanding, invoices } = useLoaderData<typeof loader>()
  const base = `/${lang}/operator/invoices`
  const hrefFor = (p: number) => {
    const qs = new URLSearchParams()
    if (overdueOnly) qs.set('overdue', '1')
    if (p > 1) qs.set('page', String(p))
    const s = qs.toString()
    return s ? `${base}?${s}` : base
  }
  const vnd = (v: string) => formatVnd(BigInt(v), lang)
  const payUrl = (number: string) => `/${lang}/operator/payments?q=${encodeURIComponent(number)}`

  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/operator/payments`}>{t('nav.payments')}</Link> · <Link to={`/${lang}/operator/credit`}>{t('nav.credit')}</Link>
      </p>
      <h1>{t('invoices.heading')}</h1>
      <p>{t('invoices.intro')}</p>

      <Form method="get" action={base} className="order-filters" aria-label={t('invoices.filter.label')}>
        <div className="field">
          <span className="choice">
            <input type="checkbox" id="invoices-overdue" name="overdue" value="1" defaultChecked={overdueOnly} />
            <label htmlFor="invoices-overdue">{t('invoices.filter.overdueOnly', { count: overdue })}</label>
          </span>
        </div>
        <div className="field order-filter-buttons">
          <button type="submit" className="button button-secondary">
            {t('invoices.filter.apply')}
          </button>
          {overdueOnly ? <Link to={base}>{t('invoices.filter.all')}</Link> : null}
        </div>
      </Form>

      <p className="meta" role="status">
        {t(overdueOnly ? 'invoices.countOverdue' : 'invoices.count', { count: total, outstanding: vnd(outstanding) })}
      </p>

      {invoices.length === 0 ? (
        <p className="card">{overdueOnly ? t('invoices.emptyOverdue') : t('invoices.empty')}</p>
      ) : (
        <div className="table-wrap order-list">
          <table>
            <caption className="visually-hidden">{t('invoices.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('invoices.col.number')}</th>
                <th scope="col">{t('invoices.col.buyer')}</th>
                <th scope="col">{t('invoices.col.producer')}</th>
                <th scope="col">{t('invoices.col.total')}</th>
                <th scope="col">{t('invoices.col.received')}</th>
                <th scope="col">{t('invoices.col.dueDate')}</th>
                <th scope="col">{t('invoices.col.overdue')}</th>
                <th scope="col">{t('invoices.col.action')}</th>
              </tr>
            </thead>
            <tbody>
              {invoices.map((o) => (
                <tr key={o.id}>
                  <th scope="row" className="order-number">
                    <span className="order-number-text">{o.number}</span> <OrderStatusBadge status={o.status} />
                  </th>
                  <td data-label={t('invoices.col.buyer')}>{o.buyer}</td>
                  <td data-label={t('invoices.col.producer')}>{o.producer}</td>
                  <td data-label={t('invoices.col.total')} className="order-money">
                    {vnd(o.total)}
                  </td>
                  <td data-label={t('invoices.col.received')} className="order-money">
                    {vnd(o.received)}
                    {o.received !== '0' ? <span className="meta order-requested">{t('invoices.stillDue', { amount: vnd(o.due) })}</span> : null}
                  </td>
                  <td data-label={t('invoices.col.dueDate')}>
                    {o.dueDate ? formatDate(`${o.dueDate}T00:00:00+07:00`, lang) : null}
                    {o.termDays ? <span className="meta"> ({t('invoices.termDays', { count: o.termDays })})</span> : null}
                  </td>
                  <td data-label={t('invoices.col.overdue')}>
                    {o.daysOverdue > 0 ? (
                      <>
                        <OverdueBadge /> {t('invoices.daysOverdue', { count: o.daysOverdue, days: formatNumber(o.daysOverdue, lang) })}
                      </>
                    ) : (
                      <span className="meta">{t('invoices.notOverdue')}</span>
                    )}
                  </td>
                  <td data-label={t('invoices.col.action')}>
                    <Link to={payUrl(o.number)}>
                      {t('invoices.recordTransfer')}
                      <span className="visually-hidden"> {o.number}</span>
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} hrefFor={hrefFor} />
    </section>
  )
}
