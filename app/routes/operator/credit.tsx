// Payment terms for operators: every buyer organisation (search by name, tax code or slug), with its
// verification, its terms (none, 30 or 60 days), its credit limit, what is open on terms and what is still
// available; a form per buyer sets or removes its terms. An unverified buyer may be given terms, but cannot
// use them until verified: the page says so. Each change is audited (credit.server.ts).
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import { SuspendedBadge, VerificationBadge } from '~/components/badges'
import { CsrfInput } from '~/components/forms'
import { pageParam, Pagination } from '~/components/product-card'
import { listBuyerCredit, parseTermsForm, setBuyerTerms, type TermsFormError } from '~/modules/payments/credit.server'
import { CREDIT_LIMIT_MAX_VND, CREDIT_PAGE_SIZE, CREDIT_QUERY_MAX, NET_TERMS_DAYS } from '~/modules/payments/terms'
import { readForm } from '~/utils/csrf.server'
import { formatVnd } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requirePlatformRole } from '~/utils/permissions.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

const styles = {
  heading: { display: 'flex', flexWrap: 'wrap', gap: '0.35rem', alignItems: 'center', fontSize: '1.15rem' },
  form: { borderTop: '1px solid var(--line)', paddingTop: '0.75rem', marginTop: '0.75rem' },
  fields: { display: 'flex', flexWrap: 'wrap', gap: '0 1rem', alignItems: 'start' },
  limitInput: { maxWidth: '14rem' },
} satisfies Record<string, CSSProperties>

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  await requirePlatformRole(request, lang, 'OPERATOR')
  const url = new URL(request.url)
  const q = (url.searchParams.get('q') ?? '').trim().slice(0, CREDIT_QUERY_MAX)
  const page = pageParam(url)
  const { items, total } = await listBuyerCredit({ q, page })
  return data(
    {
      title: getT(lang)('terms:credit.title'),
      q,
      page,
      total,
      pageSize: CREDIT_PAGE_SIZE,
      // VND as strings (JSON has no BigInt).
      buyers: items.map((b) => ({
        ...b,
        creditLimitVnd: b.creditLimitVnd?.toString() ?? null,
        openVnd: b.openVnd.toString(),
        availableVnd: b.availableVnd?.toString() ?? null,
      })),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

type ActionData = { buyerId: string; values: { terms: string; creditLimit: string }; errors: TermsFormError[] }

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  const { user } = await requirePlatformRole(request, lang, 'OPERATOR')
  const intent = String(formData.get('intent') ?? '')
  const buyerId = String(formData.get('buyerId') ?? '')
  const values = { terms: String(formData.get('terms') ?? ''), creditLimit: String(formData.get('creditLimit') ?? '') }
  if (!buyerId || (intent !== 'save' && intent !== 'remove')) throw new Response('Bad Request', { status: 400 })

  const parsed = intent === 'remove' ? ({ ok: true, termDays: null, creditLimitVnd: null } as const) : parseTermsForm(values)
  if (!parsed.ok) return data<ActionData>({ buyerId, values, errors: parsed.errors }, { status: 400, headers: { 'Cache-Control': 'no-store' } })

  const result = await setBuyerTerms({ buyerId, termDays: parsed.termDays, creditLimitVnd: parsed.creditLimitVnd, actor: `user:${user.id}` })
  if (!result.ok) throw new Response('Not Found', { status: 404 })
  // Back to the page as it was (search and page kept).
  const back = `/${lang}/operator/credit${new URL(request.url).search}`
  const name = result.buyer.displayName
  if (!result.changed) return redirectWithToast(request, back, { key: 'terms:credit.toast.unchanged', values: { name } })
  if (result.termDays === null) return redirectWithToast(request, back, { key: 'terms:credit.toast.removed', values: { name } })
  const verified = result.buyer.verificationStatus === 'VERIFIED'
  return redirectWithToast(request, back, {
    key: verified ? 'terms:credit.toast.set' : 'terms:credit.toast.setUnverified',
    values: { name, days: String(result.termDays), limit: formatVnd(result.creditLimitVnd!, lang) },
  })
}

type BuyerView = ReturnType<typeof useLoaderData<typeof loader>>['buyers'][number]

function TermsForm({ buyer }: { buyer: BuyerView }) {
  const { t } = useTranslation('terms')
  const lang = useLang()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const navigation = useNavigation()
  const mine = actionData?.buyerId === buyer.id ? actionData : undefined
  const errorOf = (field: TermsFormError['field']) => mine?.errors.find((e) => e.field === field)
  const busy = navigation.state === 'submitting' && navigation.formData?.get('buyerId') === buyer.id
  const prefix = `credit-${buyer.id}`
  const termsError = errorOf('terms')
  const limitError = errorOf('creditLimit')
  const terms = mine?.values.terms ?? (buyer.termDays ? String(buyer.termDays) : '')
  const limit = mine?.values.creditLimit ?? (buyer.creditLimitVnd ?? '')
  return (
    <Form method="post" style={styles.form} aria-label={t('credit.form.legend', { name: buyer.displayName })}>
      <CsrfInput />
      <input type="hidden" name="buyerId" value={buyer.id} />
      <div style={styles.fields}>
        <div className="field">
          <label htmlFor={`${prefix}-terms`}>{t('credit.form.terms')}</label>
          <select
            key={`terms-${terms}`}
            id={`${prefix}-terms`}
            name="terms"
            defaultValue={terms}
            aria-invalid={termsError ? true : undefined}
            aria-describedby={termsError ? `${prefix}-terms-error` : undefined}
          >
            <option value="">{t('credit.form.noTerms')}</option>
            {NET_TERMS_DAYS.map((days) => (
              <option key={days} value={String(days)}>
                {t('credit.form.days', { count: days })}
              </option>
            ))}
          </select>
          {termsError ? (
            <p id={`${prefix}-terms-error`} className="field-errors" role="alert">
              {t(termsError.key)}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor={`${prefix}-limit`}>{t('credit.form.limit')}</label>
          <input
            key={`limit-${limit}`}
            id={`${prefix}-limit`}
            name="creditLimit"
            type="text"
            inputMode="numeric"
            autoComplete="off"
            defaultValue={limit}
            style={styles.limitInput}
            aria-invalid={limitError ? true : undefined}
            aria-describedby={[`${prefix}-limit-hint`, limitError ? `${prefix}-limit-error` : ''].filter(Boolean).join(' ')}
          />
          <p id={`${prefix}-limit-hint`} className="hint">
            {t('credit.form.limitHint', { max: formatVnd(CREDIT_LIMIT_MAX_VND, lang) })}
          </p>
          {limitError ? (
            <p id={`${prefix}-limit-error`} className="field-errors" role="alert">
              {t(limitError.key, { max: formatVnd(CREDIT_LIMIT_MAX_VND, lang) })}
            </p>
          ) : null}
        </div>
      </div>
      <p className="cart-actions">
        <button type="submit" name="intent" value="save" className="button button-small" disabled={busy}>
          {t('credit.form.save')}
          <span className="visually-hidden"> {buyer.displayName}</span>
        </button>
        {buyer.termDays ? (
          <button type="submit" name="intent" value="remove" className="button button-small button-secondary" disabled={busy}>
            {t('credit.form.remove')}
            <span className="visually-hidden"> {buyer.displayName}</span>
          </button>
        ) : null}
      </p>
    </Form>
  )
}

function BuyerCard({ buyer }: { buyer: BuyerView }) {
  const { t } = useTranslation('terms')
  const lang = useLang()
  const vnd = (v: string) => formatVnd(BigInt(v), lang)
  const headingId = `credit-${buyer.id}-heading`
  const hasTerms = buyer.termDays !== null
  return (
    <li className="card" aria-labelledby={headingId}>
      <h2 id={headingId} style={styles.heading}>
        <span>{buyer.displayName}</span> <VerificationBadge status={buyer.verificationStatus} /> <SuspendedBadge suspended={buyer.suspended} />
      </h2>
      <dl className="facts facts-stacked">
        <dt>{t('credit.buyer.legalName')}</dt>
        <dd>{buyer.legalName}</dd>
        <dt>{t('credit.buyer.taxCode')}</dt>
        <dd>
          {buyer.taxCode} · <span className="meta">{buyer.slug}</span>
        </dd>
        <dt>{t('credit.buyer.terms')}</dt>
        <dd>{hasTerms ? t('credit.form.days', { count: buyer.termDays! }) : t('credit.buyer.noTerms')}</dd>
        {hasTerms ? (
          <>
            <dt>{t('credit.buyer.limit')}</dt>
            <dd>{vnd(buyer.creditLimitVnd!)}</dd>
          </>
        ) : null}
        <dt>{t('credit.buyer.open')}</dt>
        <dd>{vnd(buyer.openVnd)}</dd>
        {hasTerms ? (
          <>
            <dt>{t('credit.buyer.available')}</dt>
            <dd>
              <strong>{vnd(buyer.availableVnd!)}</strong>
            </dd>
          </>
        ) : null}
      </dl>
      {hasTerms && !buyer.usable ? (
        <p className="cart-blocked">{buyer.suspended ? t('credit.buyer.unusableSuspended') : t('credit.buyer.unusableUnverified')}</p>
      ) : null}
      {!hasTerms && buyer.verificationStatus !== 'VERIFIED' ? <p className="hint">{t('credit.buyer.unverifiedHint')}</p> : null}
      <TermsForm buyer={buyer} />
    </li>
  )
}

export default function OperatorCreditPage() {
  const { t } = useTranslation('terms')
  const lang = useLang()
  const { q, page, total, pageSize, buyers } = useLoaderData<typeof loader>()
  const base = `/${lang}/operator/credit`
  const hrefFor = (p: number) => {
    const qs = new URLSearchParams()
    if (q) qs.set('q', q)
    if (p > 1) qs.set('page', String(p))
    const s = qs.toString()
    return s ? `${base}?${s}` : base
  }
  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/operator/payments`}>{t('nav.payments')}</Link> · <Link to={`/${lang}/operator/invoices`}>{t('nav.invoices')}</Link>
      </p>
      <h1>{t('credit.heading')}</h1>
      <p>{t('credit.intro')}</p>

      <Form method="get" action={base} role="search" aria-label={t('credit.search.label')} className="order-filters">
        <div className="field">
          <label htmlFor="credit-q">{t('credit.search.label')}</label>
          <input id="credit-q" type="search" name="q" defaultValue={q} maxLength={CREDIT_QUERY_MAX} autoComplete="off" aria-describedby="credit-q-hint" />
          <p id="credit-q-hint" className="hint">
            {t('credit.search.hint')}
          </p>
        </div>
        <div className="field order-filter-buttons">
          <button type="submit" className="button button-secondary">
            {t('credit.search.submit')}
          </button>
          {q ? <Link to={base}>{t('credit.search.clear')}</Link> : null}
        </div>
      </Form>

      <p className="meta" role="status">
        {t('credit.count', { count: total })}
      </p>
      {buyers.length === 0 ? (
        <p>{q ? t('credit.emptyFiltered', { q }) : t('credit.empty')}</p>
      ) : (
        <ul className="cards">
          {buyers.map((b) => (
            <BuyerCard key={b.id} buyer={b} />
          ))}
        </ul>
      )}
      <Pagination page={page} pageSize={pageSize} total={total} hrefFor={hrefFor} />
    </section>
  )
}
