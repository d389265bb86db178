// Operators' withholding: /:lang/operator/withholding?month=YYYY-MM. For the monthly declaration under Decree
// 117/2025: each household business and individual seller whose sales the platform withheld tax on that month,
// with its tax code, legal form, revenue, VAT and PIT withheld (net of refunds in the month), the totals, and
// the same as CSV (./export.csv). Below, the platform fee and withholding rates with their effective dates, and
// a form to add a rate from a future day (rates already in effect never change). Operators only.
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, SelectField } from '~/components/forms'
import { todayInHcm } from '~/modules/catalog/certifications'
import { ledgerMonths } from '~/modules/ledger/ledger.server'
import { addMonth, formatMonth, formatRate, monthOf, parseMonth, parsePercent } from '~/modules/ledger/month'
import { addRate, listRates } from '~/modules/ledger/rates.server'
import { LEDGER_RATE_KINDS, RATE_LIMITS } from '~/modules/ledger/rules'
import { withholdingSummary } from '~/modules/ledger/reports.server'
import styles from '~/styles/ledger.css?url'
import { readForm } from '~/utils/csrf.server'
import { formatDate, formatVnd } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requirePlatformRole } from '~/utils/permissions.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'
import { Problems, type Problem } from './ledger-parts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  await requirePlatformRole(request, lang, 'OPERATOR')
  const now = new Date()
  // By default the month just ended: the one to declare.
  const month = parseMonth(new URL(request.url).searchParams.get('month')) ?? addMonth(monthOf(now), -1)
  const [summary, months, rates] = await Promise.all([withholdingSummary(month), ledgerMonths(null, now), listRates(now)])
  const today = todayInHcm(now)
  return data(
    {
      title: getT(lang)('ledger:withholding.title'),
      month,
      months: months.includes(month) ? months : [month, ...months].sort().reverse(),
      lines: summary.lines.map((l) => ({
        producerId: l.producerId,
        slug: l.slug,
        taxCode: l.taxCode,
        legalName: l.legalName,
        legalForm: l.legalForm,
        revenue: l.revenueVnd.toString(),
        vat: l.vatWithheldVnd.toString(),
        pit: l.pitWithheldVnd.toString(),
      })),
      totals: { revenue: summary.totals.revenueVnd.toString(), vat: summary.totals.vatWithheldVnd.toString(), pit: summary.totals.pitWithheldVnd.toString() },
      rates: rates.map((r) => ({ id: r.id, kind: r.kind, basisPoints: r.basisPoints, effectiveFrom: r.effectiveFrom, note: r.note, state: r.state })),
      tomorrow: addDay(today),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

const addDay = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)

const rateFields = ['kind', 'percent', 'effectiveFrom', 'note'] as const
type RateField = (typeof rateFields)[number]
type ActionData = { values: Record<RateField, string>; problems: Partial<Record<RateField, Problem[]>> }

/** Where each refusal of addRate is shown. */
const rateErrorField: Record<string, RateField> = {
  'ledger.rate.kindInvalid': 'kind',
  'ledger.rate.basisPointsInvalid': 'percent',
  'ledger.rate.effectiveFromInvalid': 'effectiveFrom',
  'ledger.rate.effectiveFromNotFuture': 'effectiveFrom',
  'ledger.rate.effectiveFromTooFar': 'effectiveFrom',
  'ledger.rate.duplicate': 'effectiveFrom',
  'ledger.rate.noteTooLong': 'note',
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  const { user } = await requirePlatformRole(request, lang, 'OPERATOR')
  if (formData.get('intent') !== 'rate') throw new Response('Bad Request', { status: 400 })
  const values = Object.fromEntries(rateFields.map((f) => [f, String(formData.get(f) ?? '').trim()])) as ActionData['values']
  const refuse = (problems: ActionData['problems']) => data<ActionData>({ values, problems }, { status: 400, headers: { 'Cache-Control': 'no-store' } })

  const basisPoints = parsePercent(values.percent)
  if (!values.percent) return refuse({ percent: [{ key: 'ledger.rate.percentRequired' }] })
  if (basisPoints === null) return refuse({ percent: [{ key: 'ledger.rate.basisPointsInvalid' }] })
  if (!values.effectiveFrom) return refuse({ effectiveFrom: [{ key: 'ledger.rate.effectiveFromRequired' }] })
  const result = await addRate({ kind: values.kind, basisPoints, effectiveFrom: values.effectiveFrom, note: values.note, operator: { userId: user.id, name: user.name } })
  if (!result.ok) {
    const max = result.error === 'ledger.rate.noteTooLong' ? String(RATE_LIMITS.noteMax) : String(Math.floor(RATE_LIMITS.maxDaysAhead / 366))
    return refuse({ [rateErrorField[result.error]]: [{ key: result.error, values: { max } }] })
  }
  const t = getT(lang)
  return redirectWithToast(request, `/${lang}/operator/withholding`, {
    key: 'ledger:toast.rateAdded',
    values: {
      kind: t(`ledger:rateKind.${result.rate.kind}`),
      rate: formatRate(result.rate.basisPoints, lang),
      date: formatDate(`${result.rate.effectiveFrom}T00:00:00Z`, lang),
    },
  })
}

export default function WithholdingPage() {
  const { t } = useTranslation(['ledger', 'common'])
  const lang = useLang()
  const { month, months, lines, totals, rates, tomorrow } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const values = actionData?.values
  const problems = actionData?.problems ?? {}
  const money = (v: string) => formatVnd(BigInt(v), lang)
  const monthName = formatMonth(month, lang)
  const described = (name: RateField, hint = false) => [hint ? `rate-${name}-hint` : '', problems[name]?.length ? `rate-${name}-error` : ''].filter(Boolean).join(' ') || undefined

  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/operator/payments`}>{t('payouts.back')}</Link> · <Link to={`/${lang}/operator/payouts`}>{t('payouts.link')}</Link>
      </p>
      <h1>{t('withholding.heading')}</h1>
      <p>{t('withholding.intro')}</p>

      <Form method="get" className="ledger-month" aria-label={t('page.monthLabel')}>
        <SelectField label={t('page.monthLabel')} name="month" defaultValue={month} options={months.map((m) => ({ value: m, label: formatMonth(m, lang) }))} />
        <button type="submit" className="button button-secondary">
          {t('page.show')}
        </button>
      </Form>

      <h2 id="summary-heading">{t('withholding.summaryHeading', { month: monthName })}</h2>
      <ul className="ledger-links">
        <li>
          <a href={`/${lang}/operator/withholding/export.csv?month=${month}`} download>
            {t('withholding.csv')}
          </a>
        </li>
      </ul>
      {lines.length === 0 ? (
        <p>{t('withholding.empty', { month: monthName })}</p>
      ) : (
        <div className="table-wrap">
          <table className="ledger-table" aria-labelledby="summary-heading">
            <thead>
              <tr>
                <th scope="col">{t('withholding.producer')}</th>
                <th scope="col">{t('withholding.taxCode')}</th>
                <th scope="col">{t('withholding.legalForm')}</th>
                <th scope="col" className="num">
                  {t('withholding.revenue')}
                </th>
                <th scope="col" className="num">
                  {t('withholding.vat')}
                </th>
                <th scope="col" className="num">
                  {t('withholding.pit')}
                </th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr key={l.producerId}>
                  <td data-label={t('withholding.producer')}>
                    <Link to={`/${lang}/orgs/${l.slug}`}>{l.legalName}</Link>
                  </td>
                  <td data-label={t('withholding.taxCode')}>{l.taxCode}</td>
                  <td data-label={t('withholding.legalForm')}>{t(`common:legalForm.${l.legalForm}`)}</td>
                  <td data-label={t('withholding.revenue')} className="num">
                    {money(l.revenue)}
                  </td>
                  <td data-label={t('withholding.vat')} className="num">
                    {money(l.vat)}
                  </td>
                  <td data-label={t('withholding.pit')} className="num">
                    {money(l.pit)}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  {t('withholding.totals')}
                </th>
                <td data-label={t('withholding.revenue')} className="num">
                  {money(totals.revenue)}
                </td>
                <td data-label={t('withholding.vat')} className="num">
                  {money(totals.vat)}
                </td>
                <td data-label={t('withholding.pit')} className="num">
                  {money(totals.pit)}
                </td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}

      <h2 id="rates-heading">{t('rates.heading')}</h2>
      <p>{t('rates.intro')}</p>
      <div className="table-wrap">
        <table className="ledger-table" aria-labelledby="rates-heading">
          <thead>
            <tr>
              <th scope="col">{t('rates.kind')}</th>
              <th scope="col" className="num">
                {t('rates.rate')}
              </th>
              <th scope="col">{t('rates.effectiveFrom')}</th>
              <th scope="col">{t('rates.state')}</th>
              <th scope="col">{t('rates.note')}</th>
            </tr>
          </thead>
          <tbody>
            {rates.map((r) => (
              <tr key={r.id}>
                <td data-label={t('rates.kind')}>{t(`rateKind.${r.kind}`)}</td>
                <td data-label={t('rates.rate')} className="num">
                  {formatRate(r.basisPoints, lang)}
                </td>
                <td data-label={t('rates.effectiveFrom')}>{formatDate(`${r.effectiveFrom}T00:00:00Z`, lang)}</td>
                <td data-label={t('rates.state')}>{r.state === 'current' ? <strong>{t('rates.stateCurrent')}</strong> : t(`rates.state${r.state === 'coming' ? 'Coming' : 'Past'}`)}</td>
                <td data-label={t('rates.note')}>{r.note}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3 id="rate-form-heading">{t('rates.form.heading')}</h3>
      <Form method="post" className="card" aria-labelledby="rate-form-heading">
        <CsrfInput />
        <input type="hidden" name="intent" value="rate" />
        <div className="form-grid">
          <div className="field">
            <label htmlFor="rate-kind">{t('rates.kind')}</label>
            <select id="rate-kind" name="kind" defaultValue={values?.kind ?? 'PLATFORM_FEE'} aria-describedby={described('kind')}>
              {LEDGER_RATE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`rateKind.${k}`)}
                </option>
              ))}
            </select>
            <Problems id="rate-kind-error" problems={problems.kind} />
          </div>
          <div className="field">
            <label htmlFor="rate-percent">{t('rates.form.percent')}</label>
            <input
              id="rate-percent"
              name="percent"
              inputMode="decimal"
              autoComplete="off"
              required
              defaultValue={values?.percent ?? ''}
              aria-invalid={problems.percent?.length ? true : undefined}
              aria-describedby={described('percent', true)}
            />
            <p id="rate-percent-hint" className="hint">
              {t('rates.form.percentHint')}
            </p>
            <Problems id="rate-percent-error" problems={problems.percent} />
          </div>
          <div className="field">
            <label htmlFor="rate-effectiveFrom">{t('rates.effectiveFrom')}</label>
            <input
              id="rate-effectiveFrom"
              name="effectiveFrom"
              type="date"
              min={tomorrow}
              required
              defaultValue={values?.effectiveFrom ?? ''}
              aria-invalid={problems.effectiveFrom?.length ? true : undefined}
              aria-describedby={described('effectiveFrom', true)}
            />
            <p id="rate-effectiveFrom-hint" className="hint">
              {t('rates.form.effectiveFromHint')}
            </p>
            <Problems id="rate-effectiveFrom-error" problems={problems.effectiveFrom} />
          </div>
          <div className="field">
            <label htmlFor="rate-note">{t('rates.note')}</label>
            <input
              id="rate-note"
              name="note"
              maxLength={RATE_LIMITS.noteMax}
              autoComplete="off"
              defaultValue={values?.note ?? ''}
              aria-invalid={problems.note?.length ? true : undefined}
              aria-describedby={described('note')}
            />
            <Problems id="rate-note-error" problems={problems.note} />
          </div>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('rates.form.submit')}
        </button>
      </Form>
    </section>
  )
}
