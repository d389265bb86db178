// An organisation's orders: /:lang/orgs/:slug/orders. A buyer sees the orders it placed ("Đơn mua"), a
// producer those it received ("Đơn bán / đơn nhận"). The filters live in the URL (status tab, payment status,
// a search for an order number or the other party's name, the page), set by links and one GET form, so they
// work without JavaScript and can be shared.
import type { LinksFunction, LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { Form, Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { OrderStatusBadge, PaymentStatusBadge } from '~/components/order-badges'
import { OrderTermsNote } from '~/components/order-terms'
import { pageParam, Pagination } from '~/components/product-card'
import type { OrderStatus, PaymentStatus } from '~/generated/prisma/enums'
import { todayInHcm } from '~/modules/catalog/certifications'
import { countOrdersByStatus, listOrders, orderSideOf, type OrderFilters, type OrderSide } from '~/modules/orders/queries.server'
import { isOverdue } from '~/modules/payments/terms'
import styles from '~/styles/orders.css?url'
import { formatDate, formatDateTime, formatVnd } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requireOrgPermission } from '~/utils/permissions.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

const PAGE_SIZE = 20
const Q_MAX = 100

// PENDING_APPROVAL ("Chờ duyệt"): orders above a spending limit, a tab of the buyer's only (producers never see them).
const orderStatuses: OrderStatus[] = ['PENDING_APPROVAL', 'PLACED', 'CONFIRMED', 'SHIPPED', 'DELIVERED', 'COMPLETED', 'REJECTED', 'CANCELLED']
const paymentStatuses: PaymentStatus[] = ['UNPAID', 'INVOICED', 'PAID', 'REFUND_PENDING', 'REFUNDED']
/** The payment filter's extra choice on the buyer's list: invoices on terms past their due date. */
const OVERDUE = 'overdue'

/** The "needs action" tab: what waits on this side (a producer confirms new orders; a buyer pays confirmed ones). */
const NEEDS_ACTION = 'action'
type StatusTab = OrderStatus | typeof NEEDS_ACTION | ''

/** The list's filters from the URL; anything unknown is ignored. */
function readFilter(url: URL) {
  const status = url.searchParams.get('status') ?? ''
  const payment = url.searchParams.get('payment') ?? ''
  return {
    status: ((orderStatuses as string[]).includes(status) || status === NEEDS_ACTION ? status : '') as StatusTab,
    payment: ((paymentStatuses as string[]).includes(payment) || payment === OVERDUE ? payment : '') as PaymentStatus | typeof OVERDUE | '',
    q: (url.searchParams.get('q') ?? '').trim().slice(0, Q_MAX),
    page: pageParam(url),
  }
}

type Filter = ReturnType<typeof readFilter>

function needsAction(side: OrderSide): OrderFilters {
  return side === 'producer' ? { status: ['PLACED'] } : { status: ['CONFIRMED'], paymentStatus: ['UNPAID'] }
}

function queryFilters(side: OrderSide, filter: Filter): OrderFilters {
  const tab: OrderFilters = filter.status === NEEDS_ACTION ? needsAction(side) : filter.status ? { status: [filter.status] } : {}
  return {
    ...tab,
    // On the buyer's "needs action" tab the payment status is part of the tab (unpaid).
    ...(filter.payment && filter.payment !== OVERDUE && !tab.paymentStatus ? { paymentStatus: [filter.payment] } : {}),
    // Overdue is the buyer's flag (producers see invoices and their due dates, not who is late).
    ...(filter.payment === OVERDUE && side === 'buyer' && !tab.paymentStatus ? { overdueOn: todayInHcm() } : {}),
    ...(filter.q ? { q: filter.q } : {}),
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization } = await requireOrgPermission(request, lang, params.slug, 'read:order:own')
  const side = orderSideOf(organization.kind)
  const filter = readFilter(new URL(request.url))
  const [{ items, total }, counts, waiting] = await Promise.all([
    listOrders(organization.id, side, queryFilters(side, filter), { offset: (filter.page - 1) * PAGE_SIZE, limit: PAGE_SIZE }),
    countOrdersByStatus(organization.id, side),
    side === 'buyer' ? listOrders(organization.id, side, needsAction(side), { offset: 0, limit: 1 }).then((r) => r.total) : Promise.resolve(null),
  ])
  const all = Object.values(counts).reduce((sum, n) => sum + (n ?? 0), 0)
  return {
    title: getT(lang)(`orders:list.title.${side}`, { name: organization.displayName }),
    organization: { slug: organization.slug, displayName: organization.displayName },
    side,
    filter,
    total,
    pageSize: PAGE_SIZE,
    counts: { ...Object.fromEntries(orderStatuses.map((s) => [s, counts[s] ?? 0])), all, [NEEDS_ACTION]: waiting ?? counts.PLACED ?? 0 } as Record<string, number>,
    orders: items.map((o) => {
      const other = side === 'buyer' ? o.producer : o.buyer
      return {
        id: o.id,
        number: o.number,
        createdAt: o.createdAt.toISOString(),
        status: o.status,
        paymentStatus: o.paymentStatus,
        paymentMethod: o.paymentMethod,
        paymentTermDays: o.paymentTermDays,
        paymentDueDate: o.paymentDueDate?.toISOString().slice(0, 10) ?? null,
        overdue: isOverdue(o),
        totalVnd: o.totalVnd.toString(),
        requestedDeliveryDate: o.requestedDeliveryDate?.toISOString() ?? null,
        deliveryDate: o.deliveryDate?.toISOString() ?? null,
        party: other.displayName,
        lines: o._count.items,
      }
    }),
  }
}

export default function OrdersPage() {
  const { t } = useTranslation('orders')
  const lang = useLang()
  const { organization, side, filter, total, pageSize, counts, orders } = useLoaderData<typeof loader>()
  const base = `/${lang}/orgs/${organization.slug}/orders`
  /** The list's URL with some filters changed; a new tab or search starts on page 1. */
  const href = (change: Partial<Filter>) => {
    const next = { ...filter, page: 1, ...change }
    const qs = new URLSearchParams()
    if (next.status) qs.set('status', next.status)
    if (next.payment) qs.set('payment', next.payment)
    if (next.q) qs.set('q', next.q)
    if (next.page > 1) qs.set('page', String(next.page))
    const s = qs.toString()
    return s ? `${base}?${s}` : base
  }
  const tabs: { value: StatusTab; label: string }[] = [
    { value: '', label: t('list.tabAll') },
    { value: NEEDS_ACTION, label: t('list.tabNeedsAction') },
    ...orderStatuses.filter((s) => side === 'buyer' || s !== 'PENDING_APPROVAL').map((s) => ({ value: s as StatusTab, label: t(`status.${s}`) })),
  ]
  const filtered = Boolean(filter.status || filter.payment || filter.q)
  const dateOf = (iso: string) => formatDate(iso, lang)

  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/orgs/${organization.slug}`}>{t('list.viewProfile')}</Link>
      </p>
      <h1>{t(`list.heading.${side}`)}</h1>
      <p className="hint">{t(`list.intro.${side}`, { name: organization.displayName })}</p>

      <nav aria-label={t('list.tabs')}>
        <ul className="order-tabs">
          {tabs.map((tab) => (
            <li key={tab.value || 'all'}>
              <Link
                to={href({ status: tab.value })}
                aria-current={filter.status === tab.value ? 'page' : undefined}
                className={tab.value === NEEDS_ACTION && (counts[NEEDS_ACTION] ?? 0) > 0 ? 'order-tab-attention' : undefined}
              >
                {tab.label} <span className="order-tab-count">{counts[tab.value || 'all'] ?? 0}</span>
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {filter.status === NEEDS_ACTION ? <p className="hint">{t(`list.needsActionHint.${side}`)}</p> : null}

      <Form method="get" action={base} className="order-filters" role="search" aria-label={t('list.filters')}>
        {filter.status ? <input type="hidden" name="status" value={filter.status} /> : null}
        <div className="field">
          <label htmlFor="orders-q">{t(`list.query.${side}`)}</label>
          <input id="orders-q" type="search" name="q" defaultValue={filter.q} maxLength={Q_MAX} />
        </div>
        <div className="field">
          <label htmlFor="orders-payment">{t('list.paymentFilter')}</label>
          <select id="orders-payment" name="payment" defaultValue={filter.payment}>
            <option value="">{t('list.paymentAll')}</option>
            {paymentStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`paymentStatus.${s}`)}
              </option>
            ))}
            {side === 'buyer' ? <option value={OVERDUE}>{t('terms:list.overdueFilter')}</option> : null}
          </select>
        </div>
        <div className="field order-filter-buttons">
          <button type="submit" className="button button-secondary">
            {t('list.apply')}
          </button>
          {filtered ? <Link to={base}>{t('list.clear')}</Link> : null}
        </div>
      </Form>

      <p className="meta" role="status">
        {t('list.count', { count: total })}
      </p>

      {orders.length === 0 ? (
        <div className="card order-empty">
          <p>{filtered ? t('list.emptyFiltered') : t(`list.empty.${side}`)}</p>
          {!filtered && side === 'buyer' ? (
            <p>
              <Link to={`/${lang}/search`} className="button">
                {t('list.searchProducts')}
              </Link>
            </p>
          ) : null}
        </div>
      ) : (
        <div className="table-wrap order-list">
          <table>
            <caption className="visually-hidden">{t('list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('list.colNumber')}</th>
                <th scope="col">{t('list.colPlacedAt')}</th>
                <th scope="col">{t(`list.colParty.${side}`)}</th>
                <th scope="col">{t('list.colLines')}</th>
                <th scope="col">{t('list.colTotal')}</th>
                <th scope="col">{t('list.colStatus')}</th>
                <th scope="col">{t('list.colDelivery')}</th>
              </tr>
            </thead>
            <tbody>
              {orders.map((o) => (
                <tr key={o.id}>
                  <th scope="row" className="order-number">
                    <Link to={`${base}/${o.number}`}>{o.number}</Link>
                  </th>
                  <td data-label={t('list.colPlacedAt')}>{formatDateTime(o.createdAt, lang)}</td>
                  <td data-label={t(`list.colParty.${side}`)}>{o.party}</td>
                  <td data-label={t('list.colLines')}>{t('list.lines', { count: o.lines })}</td>
                  <td data-label={t('list.colTotal')} className="order-money">
                    {formatVnd(BigInt(o.totalVnd), lang)}
                  </td>
                  <td>
                    <span className="badges">
                      <OrderStatusBadge status={o.status} />
                      <PaymentStatusBadge status={o.paymentStatus} />
                    </span>
                    <OrderTermsNote {...o} side={side} />
                  </td>
                  <td data-label={t('list.colDelivery')}>
                    {o.deliveryDate ? (
                      t('list.confirmed', { date: dateOf(o.deliveryDate) })
                    ) : o.requestedDeliveryDate ? (
                      t('list.requested', { date: dateOf(o.requestedDeliveryDate) })
                    ) : (
                      <span className="meta">{t('list.noDate')}</span>
                    )}
                    {o.deliveryDate && o.requestedDeliveryDate && o.deliveryDate !== o.requestedDeliveryDate ? (
                      <span className="meta order-requested"> {t('list.requested', { date: dateOf(o.requestedDeliveryDate) })}</span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <Pagination page={filter.page} pageSize={pageSize} total={total} hrefFor={(page) => href({ page })} />
    </section>
  )
}
