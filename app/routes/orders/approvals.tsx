// The approval queue: /:lang/orgs/:slug/approvals, for the members of a buyer who may approve orders
// ('approve:order:own': owners and approvers; anyone else 403, a non-member 404). It lists the orders that wait
// above a spending limit (PENDING_APPROVAL), oldest first, with why each waits, and the approve and reject
// forms (components/order-approval.tsx), which post here. An approver never decides an order they placed.
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useActionData, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { ApprovalBecause, ApprovalDecisionForms } from '~/components/order-approval'
import { decideApproval, findBuyerOrder, isApprovalDecision, listOrdersAwaitingApproval, type ApprovalActionData } from '~/modules/orders/approvals.server'
import { roleCan } from '~/modules/organizations/permissions'
import styles from '~/styles/orders.css?url'
import { readForm } from '~/utils/csrf.server'
import { formatDateTime, formatVnd } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requireOrgPermission } from '~/utils/permissions.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

/** The queue shows this many of the oldest waiting orders; deciding on them brings the next ones up. */
const QUEUE_MAX = 50

/** Owners and approvers of a buyer; a producer has no purchases to approve (404, as for a page that is not there). */
async function requireApprover(request: Request, params: LoaderFunctionArgs['params']) {
  const lang = langOf(params)
  const guard = await requireOrgPermission(request, lang, params.slug, 'approve:order:own')
  if (guard.organization.kind !== 'BUYER') throw new Response('Not Found', { status: 404 })
  return { lang, ...guard }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lang, organization, user, membership } = await requireApprover(request, params)
  const { orders, total } = await listOrdersAwaitingApproval(organization.id, QUEUE_MAX)
  return {
    title: getT(lang)('approvals:queue.title', { name: organization.displayName }),
    organization: { slug: organization.slug },
    canManageMembers: roleCan(membership.role, 'update:member:own'),
    total,
    orders: orders.map((o) => ({
      id: o.id,
      number: o.number,
      createdAt: o.createdAt.toISOString(),
      totalVnd: o.totalVnd.toString(),
      placedBy: o.placedBy,
      ownOrder: o.placedByUserId !== null && o.placedByUserId === user.id,
      producer: o.producer.displayName,
      because: o.approvalRequiredBecause ?? 'ORDER_LIMIT',
      limitVnd: o.approvalLimitVnd?.toString() ?? null,
      lines: o.lines,
    })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request)
  const { lang, organization, user } = await requireApprover(request, params)
  const decision = String(formData.get('intent') ?? '')
  if (!isApprovalDecision(decision)) throw new Response('Bad Request', { status: 400 })
  const orderId = String(formData.get('orderId') ?? '')
  // Only this organisation's orders exist here.
  const order = orderId ? await findBuyerOrder(organization.id, orderId) : null
  if (!order) throw new Response('Not Found', { status: 404 })
  const outcome = await decideApproval({
    decision,
    formData,
    order,
    actor: { organizationId: organization.id, userId: user.id, name: user.name },
    t: getT(lang),
  })
  if (outcome.status === 404) throw new Response('Not Found', { status: 404 })
  if (outcome.status !== 'done') return data<ApprovalActionData>(outcome.body, { status: outcome.status })
  return redirectWithToast(request, `/${lang}/orgs/${organization.slug}/approvals`, {
    key: decision === 'approve' ? 'approvals:toast.approved' : 'approvals:toast.rejected',
    values: { number: order.number },
  })
}

export default function ApprovalQueuePage() {
  const { t } = useTranslation('approvals')
  const lang = useLang()
  const { organization, canManageMembers, total, orders } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const ordersUrl = `/${lang}/orgs/${organization.slug}/orders`

  return (
    <section>
      <p className="meta">
        <Link to={ordersUrl}>{t('queue.allOrders')}</Link>
        {canManageMembers ? (
          <>
            {' · '}
            <Link to={`/${lang}/orgs/${organization.slug}/members`}>{t('queue.members')}</Link>
          </>
        ) : null}
      </p>
      <h1>{t('queue.heading')}</h1>
      <p className="hint">{t('queue.intro')}</p>

      {actionData?.conflict ? (
        <div className="toast toast-error" role="alert">
          <strong>{t('queue.conflictTitle')}</strong> {actionData.conflict}
        </div>
      ) : null}

      <p className="meta" role="status">
        {t('queue.count', { count: total })}
      </p>

      {orders.length === 0 ? (
        <div className="card order-empty">
          <p>{t('queue.empty')}</p>
          <p className="hint">{t('queue.emptyHint')}</p>
        </div>
      ) : (
        <ol className="order-actions approval-queue" aria-label={t('queue.heading')} style={{ listStyle: 'none', padding: 0 }}>
          {orders.map((o) => (
            <li key={o.id}>
              <article className="card order-main" aria-labelledby={`approval-${o.id}`}>
                <h2 id={`approval-${o.id}`} className="order-number" style={{ fontSize: '1.15rem', marginTop: 0 }}>
                  <Link to={`${ordersUrl}/${o.number}`}>{t('queue.orderHeading', { number: o.number })}</Link>
                </h2>
                <dl className="order-facts">
                  <dt>{t('queue.why')}</dt>
                  <dd>
                    <strong>
                      <ApprovalBecause because={o.because} limitVnd={o.limitVnd} />
                    </strong>
                  </dd>
                  <dt>{t('queue.total')}</dt>
                  <dd className="order-money">
                    {formatVnd(BigInt(o.totalVnd), lang)} <span className="meta">({t('queue.lines', { count: o.lines })})</span>
                  </dd>
                  <dt>{t('queue.producer')}</dt>
                  <dd>{o.producer}</dd>
                  <dt>{t('queue.placedBy')}</dt>
                  <dd>{o.placedBy}</dd>
                  <dt>{t('queue.placedAt')}</dt>
                  <dd>{formatDateTime(o.createdAt, lang)}</dd>
                </dl>
                {o.ownOrder ? (
                  <p className="hint">{t('ownOrder')}</p>
                ) : (
                  <ApprovalDecisionForms orderId={o.id} number={o.number} actionData={actionData?.orderId === o.id ? actionData : undefined} />
                )}
              </article>
            </li>
          ))}
        </ol>
      )}
      {total > orders.length ? <p className="meta">{t('queue.more', { shown: orders.length })}</p> : null}
    </section>
  )
}
