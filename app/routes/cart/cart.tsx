import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { QuantityInput } from '~/components/quantity-input'
import { NotBuyerNotice } from '~/components/not-buyer-notice'
import { CsrfInput } from '~/components/forms'
import { productName } from '~/components/product-card'
import { ProductPicture } from '~/components/product-picture'
import { requireCartAccess } from '~/modules/cart/cart-access.server'
import { cartErrorMessage, groupWarningMessage, lineWarningMessage, quantityOf } from '~/modules/cart/cart-messages'
import { cartView, parseQuantity, removeFromCart, setCartQuantity, type CartFailure } from '~/modules/cart/cart.server'
import { ORDER_LIMITS } from '~/modules/orders/order-rules'
import styles from '~/styles/cart.css?url'
import { readForm } from '~/utils/csrf.server'
import { formatVnd } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const title = getT(lang)('cart:title')
  const access = await requireCartAccess(request, lang)
  if (access.state !== 'buyer') return { title, state: 'notBuyer' as const, activeOrganization: access.activeOrganization }
  return {
    title,
    state: 'buyer' as const,
    organization: access.organization,
    cart: await cartView(access.organization.id),
  }
}

type ActionData = { productId: string; quantity: string; failure: Pick<CartFailure, 'error' | 'values'> } | { notBuyer: true }

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  const access = await requireCartAccess(request, lang)
  if (access.state !== 'buyer') return data<ActionData>({ notBuyer: true }, { status: 403 })
  const buyerId = access.organization.id
  const cartUrl = `/${lang}/cart`
  const intent = String(formData.get('intent') ?? '')
  const productId = String(formData.get('productId') ?? '')

  if (intent === 'remove') {
    const removed = await removeFromCart(buyerId, productId)
    return redirectWithToast(request, cartUrl, removed ? { key: 'cart:toast.removed' } : { key: 'cart:errors.lineNotFound', type: 'error' })
  }
  if (intent === 'update') {
    const raw = String(formData.get('quantity') ?? '')
    const quantity = parseQuantity(raw)
    const result = quantity === null ? null : await setCartQuantity(buyerId, productId, quantity)
    if (result?.ok) return redirectWithToast(request, cartUrl, { key: 'cart:toast.updated' })
    const failure = result ?? { error: 'cart.quantityInvalid' as const, values: { max: ORDER_LIMITS.quantityMax } }
    return data<ActionData>({ productId, quantity: raw, failure: { error: failure.error, values: failure.values } }, { status: 400 })
  }
  throw new Response('Bad Request', { status: 400 })
}

// -------------------------------------------------------------------------------------------------------
// Page

export default function CartPage() {
  const loaded = useLoaderData<typeof loader>()
  const { t } = useTranslation('cart')
  const lang = useLang()
  if (loaded.state === 'notBuyer') return <NotBuyerNotice heading={t('heading')} activeOrganization={loaded.activeOrganization} />
  const { cart, organization } = loaded
  if (cart.lineCount === 0) {
    return (
      <section>
        <h1>{t('heading')}</h1>
        <p>{t('empty.text')}</p>
        <p>
          <Link to={`/${lang}/quick-order`}>{t('quick-order:cartLink')}</Link>
        </p>
        <p className="cart-actions">
          <Link to={`/${lang}/search`} className="button">
            {t('empty.search')}
          </Link>
          <Link to={`/${lang}`} className="button button-secondary">
            {t('empty.home')}
          </Link>
        </p>
      </section>
    )
  }
  return (
    <section>
      <h1>{t('heading')}</h1>
      <p className="meta">{t('intro', { name: organization.displayName, count: cart.groups.length })}</p>
      <p>
        <Link to={`/${lang}/quick-order`}>{t('quick-order:cartLink')}</Link>
      </p>

      {cart.groups.map((group) => (
        <section key={group.producer.id} className="card cart-group" aria-labelledby={`producer-${group.producer.id}`}>
          <h2 id={`producer-${group.producer.id}`}>
            <Link to={`/${lang}/orgs/${group.producer.slug}`}>{group.producer.displayName}</Link>
          </h2>
          {group.producer.minOrderValueVnd !== null ? (
            <p className="meta">{t('group.minimum', { minimum: formatVnd(BigInt(group.producer.minOrderValueVnd), lang) })}</p>
          ) : null}
          <ul className="cart-lines">
            {group.lines.map((line) => (
              <CartLineItem key={line.productId} line={line} />
            ))}
          </ul>
          {group.warnings.length ? (
            <ul className="cart-warnings" role="alert">
              {group.warnings.map((w) => (
                <li key={w.code}>{groupWarningMessage(t, lang, w)}</li>
              ))}
            </ul>
          ) : null}
          <Totals subtotal={group.subtotalVnd} vat={group.vatTotalVnd} total={group.totalVnd} label={t('group.totalLabel')} />
        </section>
      ))}

      <section className="card cart-summary" aria-labelledby="cart-summary">
        <h2 id="cart-summary">{t('summary.heading')}</h2>
        <Totals subtotal={cart.subtotalVnd} vat={cart.vatTotalVnd} total={cart.totalVnd} label={t('summary.totalLabel')} />
        <p className="hint">{t('summary.shippingLater')}</p>
        {cart.blocked ? (
          <>
            <p id="checkout-blocked" className="cart-blocked">
              {t('summary.blocked')}
            </p>
            <button type="button" className="button" disabled aria-describedby="checkout-blocked">
              {t('summary.checkout')}
            </button>
          </>
        ) : (
          <Link to={`/${lang}/checkout`} className="button">
            {t('summary.checkout')}
          </Link>
        )}
      </section>
    </section>
  )
}

function Totals({ subtotal, vat, total, label }: { subtotal: bigint; vat: bigint; total: bigint; label: string }) {
  const { t } = useTranslation('cart')
  const lang = useLang()
  return (
    <dl className="cart-totals">
      <dt>{t('totals.subtotal')}</dt>
      <dd>{formatVnd(BigInt(subtotal), lang)}</dd>
      <dt>{t('totals.vat')}</dt>
      <dd>{formatVnd(BigInt(vat), lang)}</dd>
      <dt>{label}</dt>
      <dd>
        <strong>{formatVnd(BigInt(total), lang)}</strong>
      </dd>
    </dl>
  )
}

type BuyerData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { state: 'buyer' }>
type Line = BuyerData['cart']['groups'][number]['lines'][number]

function CartLineItem({ line }: { line: Line }) {
  const { t } = useTranslation('cart')
  const lang = useLang()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const navigation = useNavigation()
  const name = productName(line, lang)
  const mine = actionData && 'productId' in actionData && actionData.productId === line.productId ? actionData : null
  const busy = navigation.state === 'submitting' && navigation.formData?.get('productId') === line.productId
  const errorId = `quantity-${line.productId}-error`
  const unitLabel = t(`catalog:unit.${line.unit}`)
  return (
    <li className="cart-line">
      <div className="cart-thumb">{line.image ? <ProductPicture image={line.image} sizes="64px" alt="" /> : null}</div>
      <div className="cart-line-body">
        <h3 lang={name.lang === lang ? undefined : name.lang}>
          {line.forSale ? <Link to={`/${lang}/p/${line.slug}`}>{name.text}</Link> : name.text}
        </h3>
        <p className="meta">
          {[line.packSize, t('line.sku', { sku: line.sku }), t('line.moq', { moq: quantityOf(t, lang, line.moq, line.unit) })].filter(Boolean).join(' · ')}
        </p>
        {line.unitPriceVnd !== null && line.lineTotalVnd !== null && line.vatAmountVnd !== null ? (
          <p className="cart-price">
            {t('line.unitPrice', { price: formatVnd(BigInt(line.unitPriceVnd), lang), unit: unitLabel })}
            {' · '}
            <strong>{formatVnd(BigInt(line.lineTotalVnd), lang)}</strong>
            <span className="meta"> {t('line.vat', { vat: formatVnd(BigInt(line.vatAmountVnd), lang) })}</span>
          </p>
        ) : null}
        {line.nextTier && line.forSale ? (
          <p className="hint">
            {t('line.nextTier', {
              from: quantityOf(t, lang, line.nextTier.minQuantity, line.unit),
              price: formatVnd(BigInt(line.nextTier.unitPriceVnd), lang),
              unit: unitLabel,
            })}
          </p>
        ) : null}
        {line.warnings.length ? (
          <ul className="cart-warnings">
            {line.warnings.map((w) => (
              <li key={w.code} className={w.code === 'leadTime' ? 'cart-info' : undefined}>
                {lineWarningMessage(t, lang, line.unit, w)}
              </li>
            ))}
          </ul>
        ) : null}
        <div className="cart-line-forms">
          {line.forSale ? (
            <Form method="post" className="cart-quantity-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="productId" value={line.productId} />
              <label htmlFor={`quantity-${line.productId}`}>
                {t('line.quantity')} <span className="visually-hidden">{name.text}</span>
              </label>
              <QuantityInput
                id={`quantity-${line.productId}`}
                min={line.moq}
                defaultValue={mine?.quantity ?? line.quantity}
                invalid={Boolean(mine)}
                describedBy={mine ? errorId : undefined}
                style={{}}
              />
              <span className="meta">{unitLabel}</span>
              <button type="submit" className="button button-small button-secondary" disabled={busy}>
                {t('line.update')}
              </button>
              {mine ? (
                <p id={errorId} className="field-errors" role="alert">
                  {cartErrorMessage(t, lang, mine.failure, line.unit)}
                </p>
              ) : null}
            </Form>
          ) : null}
          <Form method="post" className="inline-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="remove" />
            <input type="hidden" name="productId" value={line.productId} />
            <button type="submit" className="button button-small button-danger" disabled={busy}>
              {t('line.remove')}
              <span className="visually-hidden"> {name.text}</span>
            </button>
          </Form>
        </div>
      </div>
    </li>
  )
}
