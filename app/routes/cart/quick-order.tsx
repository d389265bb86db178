// Quick order, /:lang/quick-order: paste lines of `SKU quantity [producer]` or upload a CSV; the lines that
// resolve to a product go into the active buyer organisation's cart (quick-order.server.ts), and the page
// answers with a report of every line. Same access as the cart: a member of an active buyer organisation
// who may order. Two plain POST forms (the box, and the file as multipart), so it works without JavaScript.
import {
  data,
  type ActionFunctionArgs,
  type LinksFunction,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { NotBuyerNotice } from '~/components/not-buyer-notice'
import { CsrfInput } from '~/components/forms'
import { productName } from '~/components/product-card'
import { requireCartAccess } from '~/modules/cart/cart-access.server'
import { cartErrorMessage, quantityOf } from '~/modules/cart/cart-messages'
import {
  addQuickOrderToCart,
  parseQuickOrderCsv,
  parseQuickOrderText,
  QUICK_ORDER_LIMITS,
  type QuickOrderInputError,
  type QuickOrderReport,
  type QuickOrderReportLine,
} from '~/modules/cart/quick-order.server'
import styles from '~/styles/cart.css?url'
import { readForm, readUploadForm } from '~/utils/csrf.server'
import { formatNumber } from '~/utils/format'
import type { Language } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { useLang } from '~/utils/use-lang'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const title = getT(lang)('quick-order:title')
  const access = await requireCartAccess(request, lang)
  if (access.state !== 'buyer') return { title, state: 'notBuyer' as const, activeOrganization: access.activeOrganization }
  return {
    title,
    state: 'buyer' as const,
    organization: access.organization,
    limits: { linesMax: QUICK_ORDER_LIMITS.linesMax, maxKb: QUICK_ORDER_LIMITS.maxBytes / 1024 },
  }
}

type Source = 'paste' | 'file'

/** What the page shows after a post: the box's new content, and either why nothing was read or the report. */
type ActionData =
  | { notBuyer: true }
  | { source: Source; text: string; fileName: string | null; error: QuickOrderInputError | null; report: QuickOrderReport | null }

/** A urlencoded body this large cannot hold a box within the limit, however its letters were encoded. */
const BODY_MAX_BYTES = 12 * QUICK_ORDER_LIMITS.maxBytes

const refused = (source: Source, error: QuickOrderInputError, status: number, text = '', fileName: string | null = null) =>
  data<ActionData>({ source, text, fileName, error, report: null }, { status, headers: { 'Cache-Control': 'no-store' } })

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const access = await requireCartAccess(request, lang)
  if (access.state !== 'buyer') return data<ActionData>({ notBuyer: true }, { status: 403 })
  const buyerId = access.organization.id

  if ((request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')) {
    const formData = await readUploadForm(request, QUICK_ORDER_LIMITS.maxBytes)
    if (!formData) return refused('file', 'tooLarge', 413)
    const file = formData.get('file')
    if (!(file instanceof File) || (file.size === 0 && !file.name)) return refused('file', 'fileRequired', 400)
    const parsed = parseQuickOrderCsv(new Uint8Array(await file.arrayBuffer()))
    if (!parsed.ok) return refused('file', parsed.error, parsed.error === 'tooLarge' ? 413 : 400, '', file.name || null)
    return answer('file', '', file.name || null, await addQuickOrderToCart(buyerId, parsed.lines))
  }

  if (Number(request.headers.get('Content-Length') ?? 0) > BODY_MAX_BYTES) return refused('paste', 'tooLarge', 413)
  const formData = await readForm(request)
  const text = String(formData.get('lines') ?? '')
  const parsed = parseQuickOrderText(text)
  if (!parsed.ok) return refused('paste', parsed.error, parsed.error === 'tooLarge' ? 413 : 400, text)
  return answer('paste', text, null, await addQuickOrderToCart(buyerId, parsed.lines))
}

/**
 * The report. The box keeps what was typed when nothing went in; once some lines are in the cart it keeps
 * only the lines that failed, so sending it again after a fix does not add the others twice.
 */
function answer(source: Source, text: string, fileName: string | null, report: QuickOrderReport) {
  const failed = report.lines.filter((l) => l.outcome.code !== 'added').map((l) => l.typed)
  const box = report.added === 0 && source === 'paste' ? text : failed.join('\n')
  return data<ActionData>({ source, text: box, fileName, error: null, report }, { status: report.added > 0 ? 200 : 400, headers: { 'Cache-Control': 'no-store' } })
}

// ---------------------------------------------------------------------------------------------------------
// Page

type Translate = (key: string, options?: Record<string, unknown>) => string

function outcomeMessage(t: Translate, lang: Language, line: QuickOrderReportLine): string {
  const { outcome, product } = line
  const quantity = (n: number) => (product ? quantityOf(t, lang, n, product.unit) : formatNumber(n, lang))
  switch (outcome.code) {
    case 'added': {
      const added = t('quick-order:result.added', { quantity: quantity(outcome.quantity), inCart: quantity(outcome.inCart) })
      return outcome.available === null ? added : `${added} ${t('quick-order:result.aboveStock', { available: quantity(outcome.available) })}`
    }
    case 'quantityInvalid':
      return t('quick-order:result.quantityInvalid', { max: formatNumber(outcome.max, lang) })
    case 'unknownProducer':
    case 'notAtProducer':
      return t(`quick-order:result.${outcome.code}`, { producer: outcome.producer })
    case 'ambiguous':
      return t('quick-order:result.ambiguous', { producers: outcome.producers.map((p) => `${p.displayName} (${p.slug})`).join('; ') })
    case 'cart':
      return cartErrorMessage(t, lang, outcome.failure, product?.unit)
    default:
      return t(`quick-order:result.${outcome.code}`)
  }
}

export default function QuickOrderPage() {
  const loaded = useLoaderData<typeof loader>()
  const { t } = useTranslation('quick-order')
  const lang = useLang()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const navigation = useNavigation()
  const reportRef = useRef<HTMLHeadingElement>(null)
  const answer = actionData && 'source' in actionData ? actionData : null

  // Move focus to the report (or the refusal), so keyboard and screen-reader users land on what happened.
  useEffect(() => {
    if (answer) reportRef.current?.focus()
  }, [answer])

  if (loaded.state === 'notBuyer') return <NotBuyerNotice heading={t('heading')} activeOrganization={loaded.activeOrganization} />

  const busy = navigation.state === 'submitting'
  const limits = { lines: formatNumber(loaded.limits.linesMax, lang), kb: loaded.limits.maxKb }
  const boxError = answer?.error && answer.source === 'paste' ? t(`errors.${answer.error}`, limits) : null
  const fileError = answer?.error && answer.source === 'file' ? t(`errors.${answer.error}`, limits) : null

  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/cart`}>{t('backToCart')}</Link>
      </p>
      <h1>{t('heading')}</h1>
      <p>{t('intro', { name: loaded.organization.displayName })}</p>

      {answer?.report ? (
        <Report report={answer.report} fileName={answer.fileName} boxKept={answer.text !== ''} headingRef={reportRef} />
      ) : answer?.error ? (
        <div className="toast toast-error" role="alert">
          <h2 ref={reportRef} tabIndex={-1} style={{ fontSize: '1.1rem', margin: '0 0 0.3rem' }}>
            {t('errors.heading')}
          </h2>
          <p style={{ margin: 0 }}>{boxError ?? fileError}</p>
        </div>
      ) : null}

      <section aria-labelledby="paste-heading" className="card">
        <h2 id="paste-heading">{t('paste.heading')}</h2>
        <Form method="post">
          <CsrfInput />
          <div className="field">
            <label htmlFor="quick-order-lines">{t('paste.label')}</label>
            <textarea
              // A new answer replaces what the box holds (the failed lines only, after a partial success).
              key={answer ? `${answer.source}-${answer.text}` : 'empty'}
              id="quick-order-lines"
              name="lines"
              rows={10}
              spellCheck={false}
              autoCapitalize="off"
              autoComplete="off"
              defaultValue={answer?.text ?? ''}
              aria-describedby={['quick-order-syntax', boxError ? 'quick-order-lines-error' : ''].filter(Boolean).join(' ')}
              aria-invalid={boxError ? true : undefined}
            />
            {boxError ? (
              <p id="quick-order-lines-error" className="field-errors">
                {boxError}
              </p>
            ) : null}
            <div id="quick-order-syntax" className="hint">
              <p className="hint">{t('paste.syntax')}</p>
              <ul>
                <li>{t('paste.ruleSeparators')}</li>
                <li>{t('paste.ruleQuantity')}</li>
                <li>{t('paste.ruleProducer')}</li>
                <li>{t('paste.ruleSkipped')}</li>
                <li>{t('paste.ruleLimits', limits)}</li>
              </ul>
            </div>
            <p className="hint">{t('paste.exampleLabel')}</p>
            <pre className="hint" style={{ overflowX: 'auto' }}>
              {t('paste.example')}
            </pre>
          </div>
          <button type="submit" className="button" disabled={busy}>
            {busy && navigation.formEncType !== 'multipart/form-data' ? t('paste.submitting') : t('paste.submit')}
          </button>
        </Form>
      </section>

      <section aria-labelledby="file-heading" className="card">
        <h2 id="file-heading">{t('file.heading')}</h2>
        <Form method="post" encType="multipart/form-data">
          <CsrfInput />
          <div className="field">
            <label htmlFor="quick-order-file">{t('file.label')}</label>
            <input
              id="quick-order-file"
              type="file"
              name="file"
              accept=".csv,text/csv,text/plain"
              required
              aria-describedby={['quick-order-file-hint', fileError ? 'quick-order-file-error' : ''].filter(Boolean).join(' ')}
              aria-invalid={fileError ? true : undefined}
            />
            <p id="quick-order-file-hint" className="hint">
              {t('file.hint', limits)}
            </p>
            {fileError ? (
              <p id="quick-order-file-error" className="field-errors">
                {fileError}
              </p>
            ) : null}
          </div>
          <button type="submit" className="button button-secondary" disabled={busy}>
            {busy && navigation.formEncType === 'multipart/form-data' ? t('paste.submitting') : t('file.submit')}
          </button>
        </Form>
      </section>
    </section>
  )
}

function Report({
  report,
  fileName,
  boxKept,
  headingRef,
}: {
  report: QuickOrderReport
  fileName: string | null
  boxKept: boolean
  headingRef: RefObject<HTMLHeadingElement>
}) {
  const { t } = useTranslation('quick-order')
  const lang = useLang()
  return (
    <section aria-labelledby="quick-order-report" className="card" role="status">
      <h2 id="quick-order-report" ref={headingRef} tabIndex={-1}>
        {t('report.heading')}
      </h2>
      {fileName ? <p className="meta">{t('report.fileName', { name: fileName })}</p> : null}
      <p>
        {report.added > 0 ? t('report.added', { count: report.added }) : t('report.noneAdded')}{' '}
        {report.failed > 0 ? t('report.failed', { count: report.failed }) : null}
      </p>
      {report.failed > 0 && report.added > 0 && boxKept ? <p className="hint">{t('report.boxKeptFailed')}</p> : null}
      {report.added > 0 ? (
        <p>
          <Link to={`/${lang}/cart`} className="button">
            {t('report.viewCart')}
          </Link>
        </p>
      ) : null}
      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('report.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('report.colLine')}</th>
              <th scope="col">{t('report.colTyped')}</th>
              <th scope="col">{t('report.colProduct')}</th>
              <th scope="col">{t('report.colResult')}</th>
            </tr>
          </thead>
          <tbody>
            {report.lines.map((line) => {
              const name = line.product ? productName(line.product, lang) : null
              const ok = line.outcome.code === 'added'
              return (
                <tr key={line.line}>
                  <td data-label={t('report.colLine')}>{formatNumber(line.line, lang)}</td>
                  <td data-label={t('report.colTyped')}>
                    <code>{line.typed}</code>
                  </td>
                  <td data-label={t('report.colProduct')}>
                    {line.product && name ? (
                      <>
                        <span lang={name.lang === lang ? undefined : name.lang}>{name.text}</span>
                        <span className="meta">
                          {' '}
                          · {line.product.sku} · {line.product.producer.displayName}
                        </span>
                      </>
                    ) : (
                      <span className="meta">{t('report.noProduct')}</span>
                    )}
                  </td>
                  <td data-label={t('report.colResult')}>
                    <strong>{ok ? t('report.ok') : t('report.notAdded')}</strong>{' '}
                    {outcomeMessage(t, lang, line)}
                  </td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}
