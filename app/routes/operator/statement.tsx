// One bank statement's report for operators: how many lines had each outcome (and what that means), and every
// line with the order it went to. A line nobody could match (or whose order could not take money) can be
// assigned by hand to an order by its number or payment reference, with the same rules as the matching.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, Field } from '~/components/forms'
import { PaymentStatusBadge } from '~/components/order-badges'
import type { PaymentStatus, StatementLineOutcome } from '~/generated/prisma/enums'
import { recordAudit } from '~/modules/audit/audit.server'
import { resolveStatementLine, statementReport } from '~/modules/payments/statements.server'
import { readForm } from '~/utils/csrf.server'
import { formatDate, formatDateTime, formatNumber, formatVnd } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requirePlatformRole } from '~/utils/permissions.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

/** Order numbers (DH-…) and references (CVM…) are short. */
const ORDER_INPUT_MAX = 50

/** In the order the report explains them: applied, needing an operator, skipped. */
const outcomes: StatementLineOutcome[] = ['MATCHED', 'PARTIAL', 'OVERPAID', 'UNMATCHED', 'NOT_APPLICABLE', 'DUPLICATE', 'ALREADY_APPLIED']

const outcomeTone: Record<StatementLineOutcome, string> = {
  MATCHED: 'verified',
  PARTIAL: 'unverified',
  OVERPAID: 'unverified',
  UNMATCHED: 'rejected',
  NOT_APPLICABLE: 'rejected',
  DUPLICATE: 'region',
  ALREADY_APPLIED: 'region',
}

/** Lines an operator may still assign to an order. */
const resolvable = (outcome: StatementLineOutcome) => outcome === 'UNMATCHED' || outcome === 'NOT_APPLICABLE'

async function requireReport(request: Request, params: LoaderFunctionArgs['params']) {
  const lang = langOf(params)
  const guard = await requirePlatformRole(request, lang, 'OPERATOR')
  const report = params.id ? await statementReport(params.id) : null
  if (!report) throw new Response('Not Found', { status: 404 })
  return { ...guard, lang, report }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { lang, report } = await requireReport(request, params)
  return data(
    {
      title: getT(lang)('statements:report.title', { file: report.fileName }),
      statement: { id: report.id, fileName: report.fileName, uploadedByName: report.uploadedByName, createdAt: report.createdAt.toISOString() },
      counts: report.counts,
      // VND as strings (JSON has no BigInt).
      lines: report.lines.map((l) => ({
        id: l.id,
        lineNumber: l.lineNumber,
        bookedOn: l.bookedOn,
        amount: l.amountVnd.toString(),
        description: l.description,
        transactionId: l.transactionId,
        outcome: l.outcome,
        order: l.order ? { number: l.order.number, buyerName: l.order.buyerName, paymentStatus: l.order.paymentStatus as PaymentStatus } : null,
        resolvedAt: l.resolvedAt?.toISOString() ?? null,
      })),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

type ActionData = { lineId: string; order: string; error: string }

export async function action({ request, params }: ActionFunctionArgs) {
  const formData = await readForm(request)
  const { user, lang, report } = await requireReport(request, params)
  if (formData.get('intent') !== 'resolve') throw new Response('Bad Request', { status: 400 })
  const lineId = String(formData.get('lineId') ?? '')
  const line = report.lines.find((l) => l.id === lineId)
  if (!line) throw new Response('Not Found', { status: 404 })
  const order = String(formData.get('order') ?? '').trim()
  const refuse = (error: string) => data({ lineId, order, error } satisfies ActionData, { status: 400 })
  if (!order) return refuse('statements:resolve.orderRequired')
  if (order.length > ORDER_INPUT_MAX) return refuse('statements:resolve.orderTooLong')

  const result = await resolveStatementLine({ lineId, order, operator: { userId: user.id, name: user.name } })
  if (!result.ok) {
    if (result.error === 'statement.lineNotFound') throw new Response('Not Found', { status: 404 })
    return refuse(`statements:resolve.${result.error.slice('statement.'.length)}`)
  }
  await recordAudit({
    actor: `user:${user.id}`,
    action: 'statements.resolve',
    target: `statement:${report.id}`,
    details: { lineId, lineNumber: line.lineNumber, transactionId: line.transactionId, orderNumber: result.orderNumber, outcome: result.outcome },
  })
  const t = getT(lang)
  return redirectWithToast(request, `/${lang}/operator/statements/${report.id}`, {
    key: 'statements:toast.resolved',
    values: { line: String(line.lineNumber), number: result.orderNumber, outcome: t(`statements:outcome.${result.outcome}.label`) },
  })
}

function OutcomeBadge({ outcome }: { outcome: StatementLineOutcome }) {
  const { t } = useTranslation('statements')
  return <span className={`badge badge-${outcomeTone[outcome]}`}>{t(`outcome.${outcome}.label`)}</span>
}

function ResolveForm({ lineId, lineNumber }: { lineId: string; lineNumber: number }) {
  const { t } = useTranslation('statements')
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const mine = actionData?.lineId === lineId ? actionData : null
  const busy = navigation.state === 'submitting' && navigation.formData?.get('lineId') === lineId
  return (
    <Form method="post" aria-label={t('resolve.legend', { line: lineNumber })}>
      <CsrfInput />
      <input type="hidden" name="intent" value="resolve" />
      <input type="hidden" name="lineId" value={lineId} />
      <Field
        id={`resolve-${lineId}`}
        label={t('resolve.order')}
        hint={t('resolve.hint')}
        name="order"
        defaultValue={mine?.order ?? ''}
        errors={mine ? [mine.error] : null}
        maxLength={ORDER_INPUT_MAX}
        autoComplete="off"
        required
        autoFocus={Boolean(mine)}
      />
      <button type="submit" className="button button-small" disabled={busy}>
        {t('resolve.submit')}
        <span className="visually-hidden"> {t('resolve.legend', { line: lineNumber })}</span>
      </button>
    </Form>
  )
}

export default function StatementReportPage() {
  const { t } = useTranslation('statements')
  const lang = useLang()
  const { statement, counts, lines } = useLoaderData<typeof loader>()
  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/operator/statements`}>{t('report.back')}</Link>
      </p>
      <h1>{t('report.heading', { file: statement.fileName })}</h1>
      <p className="meta">{t('report.uploaded', { name: statement.uploadedByName, at: formatDateTime(statement.createdAt, lang), lines: formatNumber(lines.length, lang) })}</p>

      <h2 id="counts-heading">{t('report.countsHeading')}</h2>
      <dl className="facts" aria-labelledby="counts-heading">
        {outcomes.map((o) => (
          <div key={o} style={{ display: 'contents' }}>
            <dt>
              <OutcomeBadge outcome={o} /> <strong>{formatNumber(counts[o] ?? 0, lang)}</strong>
            </dt>
            <dd>{t(`outcome.${o}.explanation`)}</dd>
          </div>
        ))}
      </dl>

      <h2 id="lines-heading">{t('report.linesHeading')}</h2>
      {lines.length === 0 ? (
        <p>{t('report.noLines')}</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="lines-heading">
            <thead>
              <tr>
                <th scope="col">{t('report.line')}</th>
                <th scope="col">{t('report.date')}</th>
                <th scope="col">{t('report.amount')}</th>
                <th scope="col">{t('report.description')}</th>
                <th scope="col">{t('report.transactionId')}</th>
                <th scope="col">{t('report.outcome')}</th>
                <th scope="col">{t('report.order')}</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.id} id={`line-${l.lineNumber}`}>
                  <td data-label={t('report.line')}>{l.lineNumber}</td>
                  <td data-label={t('report.date')}>{formatDate(`${l.bookedOn}T00:00:00+07:00`, lang)}</td>
                  <td data-label={t('report.amount')}>{formatVnd(BigInt(l.amount), lang)}</td>
                  <td data-label={t('report.description')} style={{ overflowWrap: 'anywhere' }}>
                    {l.description}
                  </td>
                  <td data-label={t('report.transactionId')}>
                    <code>{l.transactionId}</code>
                  </td>
                  <td data-label={t('report.outcome')}>
                    <OutcomeBadge outcome={l.outcome} />
                    {l.resolvedAt ? <span className="hint"> {t('report.resolvedAt', { at: formatDateTime(l.resolvedAt, lang) })}</span> : null}
                  </td>
                  <td data-label={t('report.order')}>
                    {l.order ? (
                      <>
                        <strong>{l.order.number}</strong> · {l.order.buyerName} <PaymentStatusBadge status={l.order.paymentStatus} />
                      </>
                    ) : (
                      <span className="hint">{t('report.noOrder')}</span>
                    )}
                    {resolvable(l.outcome) ? <ResolveForm lineId={l.id} lineNumber={l.lineNumber} /> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
