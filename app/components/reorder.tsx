// "Reorder" on the buyer's order page (routes/orders/order.tsx): the form, a plain POST with the CSRF token
// and intent "reorder", and the report the action answers with (reorder.server.ts): per line, what went
// into the cart and how today's unit price compares with the order's. No JavaScript needed.
import { Form, Link, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { CsrfInput } from '~/components/forms'
import { productName } from '~/components/product-card'
import { cartErrorMessage, quantityOf } from '~/modules/cart/cart-messages'
import type { ReorderAnswer } from '~/modules/cart/reorder.server'
import { formatVnd } from '~/utils/format'
import { useLang } from '~/utils/use-lang'

type Line = ReorderAnswer['reorder']['lines'][number]
type Translate = (key: string, options?: Record<string, unknown>) => string

export function ReorderForm() {
  const { t } = useTranslation('quick-order')
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'reorder'
  return (
    <section aria-labelledby="order-reorder-heading">
      <h2 id="order-reorder-heading">{t('reorder.heading')}</h2>
      <Form method="post">
        <CsrfInput />
        <input type="hidden" name="intent" value="reorder" />
        <p className="hint" id="order-reorder-hint">
          {t('reorder.hint')}
        </p>
        <button type="submit" className="button button-secondary" disabled={busy} aria-describedby="order-reorder-hint">
          {busy ? t('reorder.submitting') : t('reorder.submit')}
        </button>
      </Form>
    </section>
  )
}

function resultOf(t: Translate, lang: 'vi' | 'en', line: Line): string {
  const quantity = (n: number) => quantityOf(t, lang, n, line.unit)
  const { outcome } = line
  switch (outcome.code) {
    case 'added': {
      const added = t('quick-order:reorder.added', { quantity: quantity(outcome.quantity), inCart: quantity(outcome.inCart) })
      if (!outcome.change) return added
      const change =
        outcome.change.code === 'raisedToMoq'
          ? t('quick-order:reorder.raisedToMoq', { moq: quantity(outcome.change.moq) })
          : t('quick-order:reorder.loweredToStock', { available: quantity(outcome.change.available) })
      return `${added} ${change}`
    }
    case 'notForSale':
      return t('quick-order:reorder.notForSale')
    case 'outOfStock':
      return outcome.available > 0 ? t('quick-order:reorder.outOfStock', { available: quantity(outcome.available) }) : t('quick-order:reorder.soldOut')
    case 'cart':
      return cartErrorMessage(t, lang, outcome.failure, line.unit)
  }
}

/** Today's unit price and how it moved since the order ("up 20.000 ₫"). */
function PriceChange({ line }: { line: Line }) {
  const { t } = useTranslation('quick-order')
  const lang = useLang()
  if (line.newUnitPriceVnd === null) return <>{t('reorder.noPrice')}</>
  const before = BigInt(line.oldUnitPriceVnd)
  const now = BigInt(line.newUnitPriceVnd)
  const difference = now - before
  return (
    <>
      {formatVnd(now, lang)}{' '}
      <span className="meta">
        (
        {difference === 0n
          ? t('reorder.priceSame')
          : difference > 0n
            ? t('reorder.priceUp', { amount: formatVnd(difference, lang) })
            : t('reorder.priceDown', { amount: formatVnd(-difference, lang) })}
        )
      </span>
    </>
  )
}

export function ReorderReport({ answer }: { answer: ReorderAnswer }) {
  const { t } = useTranslation('quick-order')
  const lang = useLang()
  const headingRef = useRef<HTMLHeadingElement>(null)
  const { reorder: report, cart } = answer

  // Move focus to the report, so keyboard and screen-reader users land on what happened.
  useEffect(() => {
    headingRef.current?.focus()
  }, [answer])

  return (
    <section aria-labelledby="order-reorder-report" className="card" role="status">
      <h2 id="order-reorder-report" ref={headingRef} tabIndex={-1}>
        {t('reorder.reportHeading', { number: report.orderNumber })}
      </h2>
      <p>
        {report.added > 0 ? t('reorder.added', { count: report.added }) : t('reorder.noneAdded')}{' '}
        {report.skipped > 0 ? t('reorder.skipped', { count: report.skipped }) : null}{' '}
        {report.priceChanges > 0 ? t('reorder.priceChanges', { count: report.priceChanges }) : null}
      </p>
      <p className="hint">{t('reorder.pricesNote')}</p>
      {report.added > 0 ? (
        cart.isActive ? (
          <p>
            <Link to={`/${lang}/cart`} className="button">
              {t('reorder.viewCart')}
            </Link>
          </p>
        ) : (
          <Form method="post" action={`/${lang}/orgs/switch`}>
            <CsrfInput />
            <input type="hidden" name="organizationId" value={cart.organizationId} />
            <input type="hidden" name="redirectTo" value={`/${lang}/cart`} />
            <p className="hint">{t('reorder.otherCart', { name: cart.name })}</p>
            <button type="submit" className="button">
              {t('reorder.switchAndView', { name: cart.name })}
            </button>
          </Form>
        )
      ) : null}
      <div className="table-wrap order-lines">
        <table>
          <caption className="visually-hidden">{t('reorder.caption', { number: report.orderNumber })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reorder.colProduct')}</th>
              <th scope="col">{t('reorder.colQuantity')}</th>
              <th scope="col">{t('reorder.colOldPrice')}</th>
              <th scope="col">{t('reorder.colNewPrice')}</th>
              <th scope="col">{t('reorder.colResult')}</th>
            </tr>
          </thead>
          <tbody>
            {report.lines.map((line, index) => {
              const name = productName(line, lang)
              return (
                <tr key={`${line.sku}-${index}`}>
                  <th scope="row">
                    <span lang={name.lang === lang ? undefined : name.lang}>
                      {line.productSlug ? <Link to={`/${lang}/p/${line.productSlug}`}>{name.text}</Link> : name.text}
                    </span>
                    <span className="meta order-line-meta"> {line.sku}</span>
                  </th>
                  <td data-label={t('reorder.colQuantity')}>{t('reorder.ordered', { quantity: quantityOf(t, lang, line.orderedQuantity, line.unit) })}</td>
                  <td data-label={t('reorder.colOldPrice')} className="order-money">
                    {formatVnd(BigInt(line.oldUnitPriceVnd), lang)}
                  </td>
                  <td data-label={t('reorder.colNewPrice')} className="order-money">
                    <PriceChange line={line} />
                  </td>
                  <td data-label={t('reorder.colResult')}>{resultOf(t, lang, line)}</td>
                </tr>
              )
            })}
          </tbody>
        </table>
      </div>
    </section>
  )
}

/** The action's answer to the "Reorder" form, if that is what the page got. */
export function reorderAnswerOf(actionData: unknown): ReorderAnswer | null {
  return actionData && typeof actionData === 'object' && 'reorder' in actionData ? (actionData as ReorderAnswer) : null
}
