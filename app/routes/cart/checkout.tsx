import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { NotBuyerNotice } from '~/components/not-buyer-notice'
import { CsrfInput } from '~/components/forms'
import { productName } from '~/components/product-card'
import { todayInHcm } from '~/modules/catalog/certifications'
import { requireCartAccess } from '~/modules/cart/cart-access.server'
import { groupWarningMessage, lineWarningMessage, quantityOf } from '~/modules/cart/cart-messages'
import { cartView, type CartView } from '~/modules/cart/cart.server'
import { checkoutAddresses, checkoutCart, checkoutPaymentOptions, newCheckoutToken } from '~/modules/cart/checkout.server'
import { provinceName } from '~/modules/geo/provinces'
import { ORDER_LIMITS } from '~/modules/orders/order-rules'
import type { LineProblem } from '~/modules/orders/place-orders.server'
import { formatOrgPhone } from '~/modules/organizations/phone'
import type { PaymentMethod } from '~/generated/prisma/enums'
import styles from '~/styles/cart.css?url'
import { readForm } from '~/utils/csrf.server'
import { formatDate, formatNumber, formatVnd } from '~/utils/format'
import type { Language } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

const DAY_MS = 24 * 60 * 60 * 1000
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10)

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const title = getT(lang)('cart:checkout.title')
  const access = await requireCartAccess(request, lang)
  if (access.state !== 'buyer') return { title, state: 'notBuyer' as const, activeOrganization: access.activeOrganization }
  const [cart, addresses] = await Promise.all([cartView(access.organization.id), checkoutAddresses(access.organization.id)])
  const payment = await checkoutPaymentOptions(access.organization.id, cart.totalVnd)
  const today = todayInHcm()
  return {
    title,
    state: 'buyer' as const,
    organization: access.organization,
    cart,
    addresses: addresses.map((a) => ({
      id: a.id,
      label: a.label,
      recipientName: a.recipientName,
      phone: formatOrgPhone(a.phone),
      addressLine: a.addressLine,
      commune: a.commune,
      province: provinceName(a.provinceCode),
      isDefault: a.isDefault,
    })),
    dates: { min: cart.earliestDeliveryDate ?? today, max: addDays(today, ORDER_LIMITS.dateAheadDays) },
    // VND as strings (JSON has no BigInt).
    payment: {
      options: payment.options,
      terms: payment.terms
        ? {
            termDays: payment.terms.termDays,
            creditLimitVnd: payment.terms.creditLimitVnd.toString(),
            openVnd: payment.terms.openVnd.toString(),
            availableVnd: payment.terms.availableVnd.toString(),
          }
        : null,
    },
    token: newCheckoutToken(),
  }
}

/** The ways of paying a checkout form may send; which of them this buyer may use is placeOrders' check. */
const paymentMethods: readonly PaymentMethod[] = ['BANK_TRANSFER', 'CARD', 'NET_TERMS']
const isPaymentMethod = (value: string): value is PaymentMethod => (paymentMethods as readonly string[]).includes(value)

/** A message to show: an i18n key with its values already formatted. */
type Message = { key: string; values?: Record<string, string> }
type Problem = Message & { subject: string | null }
type ActionData = {
  problems: Problem[]
  fieldErrors: { deliveryAddressId?: Message; requestedDeliveryDate?: Message; paymentMethod?: Message }
  /** What was sent, shown again; the payment method only when it is not bank transfer (the default). */
  values: { deliveryAddressId: string; requestedDeliveryDate: string; paymentMethod?: string }
}

/** Every failing line named by its product (or producer), in the page's language. */
function describeProblems(problems: LineProblem[], cart: CartView, lang: Language): Problem[] {
  const t = getT(lang) as unknown as (key: string, options?: Record<string, unknown>) => string
  const lines = new Map(cart.groups.flatMap((g) => g.lines.map((l) => [l.productId, l] as const)))
  const producers = new Map(cart.groups.map((g) => [g.producer.id, g.producer.displayName]))
  return problems.map((p): Problem => {
    if (p.code === 'belowMinimumOrderValue') {
      return {
        subject: producers.get(p.producerId) ?? null,
        key: 'errors:order.line.belowMinimumOrderValue',
        values: { minimum: formatVnd(p.minimumVnd, lang), subtotal: formatVnd(p.subtotalVnd, lang) },
      }
    }
    const line = lines.get(p.productId)
    const subject = line ? productName(line, lang).text : null
    const qty = (n: number) => (line ? quantityOf(t, lang, n, line.unit) : formatNumber(n, lang))
    switch (p.code) {
      case 'belowMoq':
        return { subject, key: 'errors:order.line.belowMoq', values: { moq: qty(p.moq) } }
      case 'outOfStock':
        return { subject, key: 'errors:order.line.outOfStock', values: { available: qty(p.available) } }
      case 'leadTime':
        return { subject, key: 'errors:order.line.leadTime', values: { date: formatDate(`${p.earliestDate}T00:00:00+07:00`, lang) } }
      default:
        return { subject, key: `errors:order.line.${p.code}` }
    }
  })
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  const access = await requireCartAccess(request, lang)
  if (access.state !== 'buyer') throw new Response('Forbidden', { status: 403 })
  const { organization, user } = access
  const paymentMethod = String(formData.get('paymentMethod') ?? 'BANK_TRANSFER').trim()
  const values: ActionData['values'] = {
    deliveryAddressId: String(formData.get('deliveryAddressId') ?? '').trim(),
    requestedDeliveryDate: String(formData.get('requestedDeliveryDate') ?? '').trim(),
    ...(paymentMethod !== 'BANK_TRANSFER' ? { paymentMethod } : {}),
  }
  const reply = (status: number, answer: Partial<Omit<ActionData, 'values'>>) =>
    data<ActionData>({ problems: answer.problems ?? [], fieldErrors: answer.fieldErrors ?? {}, values }, { status })
  // A method the page never offers is a tampered form.
  if (!isPaymentMethod(paymentMethod)) return reply(400, { problems: [{ subject: null, key: 'cart:checkout.paymentInvalid' }] })

  const result = await checkoutCart({
    buyerId: organization.id,
    actor: { userId: user.id, name: user.name },
    token: formData.get('token'),
    deliveryAddressId: values.deliveryAddressId || undefined,
    requestedDeliveryDate: values.requestedDeliveryDate || undefined,
    paymentMethod,
  })
  const ordersUrl = `/${lang}/orgs/${organization.slug}/orders`
  if (result.ok) {
    const numbers = result.orders.map((o) => o.number).join(', ')
    return redirectWithToast(request, ordersUrl, {
      // Toast values are strings, which i18next does not pluralise: the key carries the number.
      key: `cart:toast.${result.replayed ? 'alreadyPlaced' : 'placed'}.${result.orders.length === 1 ? 'one' : 'many'}`,
      values: { count: String(result.orders.length), numbers },
    })
  }
  switch (result.error) {
    case 'checkout.inProgress':
      return redirectWithToast(request, ordersUrl, { key: 'cart:toast.inProgress' })
    case 'order.empty':
      // Usually a second submit after the first emptied the cart.
      return redirectWithToast(request, `/${lang}/cart`, { key: 'cart:toast.nothingToOrder' })
    case 'checkout.tokenInvalid':
      return reply(400, { problems: [{ subject: null, key: 'cart:checkout.tokenInvalid' }] })
    case 'VALIDATION_ERROR':
    case 'OUT_OF_STOCK':
      return reply(result.error === 'OUT_OF_STOCK' ? 409 : 400, {
        problems: describeProblems(result.problems, await cartView(organization.id), lang),
      })
    case 'order.address.required':
    case 'order.address.notFound':
      return reply(400, { fieldErrors: { deliveryAddressId: { key: `errors:${result.error}` } } })
    case 'order.date.invalid':
    case 'order.date.past':
      return reply(400, { fieldErrors: { requestedDeliveryDate: { key: `errors:${result.error}` } } })
    case 'order.tooManyLines':
      return reply(400, { problems: [{ subject: null, key: 'errors:order.tooManyLines', values: { max: formatNumber(ORDER_LIMITS.linesMax, lang) } }] })
    case 'order.notBuyer':
      return reply(403, { problems: [{ subject: null, key: 'errors:order.notBuyer' }] })
    case 'order.paymentMethod.unavailable':
      return reply(400, { fieldErrors: { paymentMethod: { key: 'errors:order.paymentMethod.unavailable' } } })
    case 'order.paymentMethod.creditLimit': {
      const money = (v: bigint) => formatVnd(v, lang)
      const amounts = { limit: money(result.creditLimitVnd), open: money(result.openVnd), available: money(result.availableVnd), requested: money(result.requestedVnd) }
      return reply(400, { fieldErrors: { paymentMethod: { key: 'errors:order.paymentMethod.creditLimit', values: amounts } } })
    }
  }
}

// -------------------------------------------------------------------------------------------------------
// Page

type LoadedPayment = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { state: 'buyer' }>['payment']

/**
 * The ways of paying, as radio buttons (no JavaScript needed): bank transfer (the default), card when the
 * platform takes cards, terms when the buyer has them (disabled with the reason when it cannot use them for
 * this cart). A refusal from placing the orders is shown here, and the method chosen stays chosen.
 */
function PaymentChoice({
  options,
  terms,
  cartTotalVnd,
  chosen,
  error,
}: {
  options: LoadedPayment['options']
  terms: LoadedPayment['terms']
  cartTotalVnd: string
  chosen: string | undefined
  error: Message | undefined
}) {
  const { t } = useTranslation('terms')
  const lang = useLang()
  const vnd = (v: string) => formatVnd(BigInt(v), lang)
  // The method sent last time, if it can still be chosen; bank transfer on a first visit.
  const checked = chosen === undefined ? 'BANK_TRANSFER' : options.find((o) => o.method === chosen && o.available)?.method
  const describe = (method: PaymentMethod) => [`payment-${method}-hint`, error && chosen === method ? 'payment-error' : ''].filter(Boolean).join(' ')
  return (
    <fieldset aria-describedby={error ? 'payment-error' : undefined}>
      <legend>{t('cart:checkout.payment')}</legend>
      {options.map((o) => {
        const id = `payment-${o.method}`
        return (
          <div key={`${o.method}-${checked ?? ''}`} className="choice">
            <input
              type="radio"
              id={id}
              name="paymentMethod"
              value={o.method}
              defaultChecked={o.method === checked}
              disabled={!o.available}
              required
              aria-describedby={describe(o.method)}
            />
            <label htmlFor={id}>{o.method === 'NET_TERMS' && terms ? t('checkout.netTerms', { count: terms.termDays }) : t(`orders:paymentMethod.${o.method}`)}</label>
            <p id={`${id}-hint`} className="hint">
              {o.method === 'BANK_TRANSFER' ? t('cart:checkout.paymentHint') : null}
              {o.method === 'CARD' ? t('checkout.cardHint') : null}
              {o.method === 'NET_TERMS' && terms ? (
                <>
                  {t('checkout.netTermsHint', { count: terms.termDays, available: vnd(terms.availableVnd), limit: vnd(terms.creditLimitVnd) })}
                  {o.why === 'notVerified' ? <span className="cart-blocked" style={{ display: 'block' }}>{t('checkout.why.notVerified')}</span> : null}
                  {o.why === 'overLimit' ? (
                    <span className="cart-blocked" style={{ display: 'block' }}>
                      {t('checkout.why.overLimit', { total: vnd(cartTotalVnd), available: vnd(terms.availableVnd) })}
                    </span>
                  ) : null}
                </>
              ) : null}
            </p>
          </div>
        )
      })}
      {error ? (
        <p id="payment-error" className="field-errors" role="alert">
          {t(error.key, error.values)}
        </p>
      ) : null}
    </fieldset>
  )
}

export default function CheckoutPage() {
  const loaded = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as ActionData | undefined
  const navigation = useNavigation()
  const { t } = useTranslation('cart')
  const lang = useLang()

  if (loaded.state === 'notBuyer') return <NotBuyerNotice heading={t('checkout.heading')} activeOrganization={loaded.activeOrganization} />
  const { cart, addresses, dates, organization, token, payment } = loaded
  if (cart.lineCount === 0) {
    return (
      <section className="narrow">
        <h1>{t('checkout.heading')}</h1>
        <p>{t('checkout.empty')}</p>
        <p className="cart-actions">
          <Link to={`/${lang}/orgs/${organization.slug}/orders`} className="button button-secondary">
            {t('checkout.ordersLink')}
          </Link>
          <Link to={`/${lang}/search`} className="button button-secondary">
            {t('empty.search')}
          </Link>
        </p>
      </section>
    )
  }

  const chosenAddress = actionData?.values.deliveryAddressId || addresses.find((a) => a.isDefault)?.id || addresses[0]?.id
  const submitting = navigation.state !== 'idle' && navigation.formMethod?.toUpperCase() === 'POST'
  const canPlace = !cart.blocked && addresses.length > 0
  const addressError = actionData?.fieldErrors.deliveryAddressId
  const dateError = actionData?.fieldErrors.requestedDeliveryDate
  const orderCount = cart.groups.length

  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/cart`}>{t('checkout.backToCart')}</Link>
      </p>
      <h1>{t('checkout.heading')}</h1>

      {actionData?.problems.length ? (
        <div className="toast toast-error checkout-problems" role="alert" tabIndex={-1}>
          <p style={{ margin: 0 }}>
            <strong>{t('checkout.failed')}</strong>
          </p>
          <ul>
            {actionData.problems.map((p, i) => (
              <li key={i}>
                {p.subject ? <strong>{p.subject}: </strong> : null}
                {t(p.key, p.values)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      <h2>{t('checkout.ordersHeading', { count: orderCount })}</h2>
      <p className="hint">{t('checkout.ordersIntro')}</p>
      {cart.groups.map((group) => (
        <section key={group.producer.id} className="card checkout-order" aria-label={group.producer.displayName}>
          <h3>{group.producer.displayName}</h3>
          <ul>
            {group.lines.map((line) => {
              const name = productName(line, lang)
              return (
                <li key={line.productId}>
                  <span lang={name.lang === lang ? undefined : name.lang}>{name.text}</span>
                  {' — '}
                  {quantityOf(t, lang, line.quantity, line.unit)}
                  {line.unitPriceVnd !== null && line.lineTotalVnd !== null ? (
                    <>
                      {' × '}
                      {formatVnd(BigInt(line.unitPriceVnd), lang)} = <strong>{formatVnd(BigInt(line.lineTotalVnd), lang)}</strong>
                    </>
                  ) : null}
                  {line.warnings.map((w) => (
                    <span key={w.code} className={w.code === 'leadTime' ? 'hint' : 'cart-blocked'} style={{ display: 'block' }}>
                      {lineWarningMessage(t, lang, line.unit, w)}
                    </span>
                  ))}
                </li>
              )
            })}
          </ul>
          {group.warnings.map((w) => (
            <p key={w.code} className="cart-blocked">
              {groupWarningMessage(t, lang, w)}
            </p>
          ))}
          <dl className="cart-totals">
            <dt>{t('totals.subtotal')}</dt>
            <dd>{formatVnd(BigInt(group.subtotalVnd), lang)}</dd>
            <dt>{t('totals.vat')}</dt>
            <dd>{formatVnd(BigInt(group.vatTotalVnd), lang)}</dd>
            <dt>{t('group.totalLabel')}</dt>
            <dd>
              <strong>{formatVnd(BigInt(group.totalVnd), lang)}</strong>
            </dd>
          </dl>
        </section>
      ))}
      <p>
        <strong>{t('checkout.grandTotal', { total: formatVnd(BigInt(cart.totalVnd), lang) })}</strong>
      </p>
      <p className="hint">{t('summary.shippingLater')}</p>

      <Form method="post" className="narrow" aria-labelledby="checkout-form-heading">
        <h2 id="checkout-form-heading">{t('checkout.detailsHeading')}</h2>
        <CsrfInput />
        <input type="hidden" name="token" value={token} />

        <fieldset aria-describedby={addressError ? 'address-error' : undefined}>
          <legend>{t('checkout.address')}</legend>
          {addresses.length === 0 ? (
            <p className="hint">
              {t('checkout.noAddress')}{' '}
              <Link to={`/${lang}/orgs/${organization.slug}/addresses?redirectTo=/${lang}/checkout`}>{t('checkout.noAddressLink')}</Link>
            </p>
          ) : (
            addresses.map((a) => (
              <div key={`${a.id}-${chosenAddress}`} className="choice">
                <input type="radio" id={`address-${a.id}`} name="deliveryAddressId" value={a.id} defaultChecked={a.id === chosenAddress} required />
                <label htmlFor={`address-${a.id}`}>
                  {a.label}
                  {a.isDefault ? <span className="meta"> ({t('checkout.defaultAddress')})</span> : null}
                </label>
                <p className="hint">
                  {a.recipientName} · {a.phone}
                  <br />
                  {[a.addressLine, a.commune, a.province].join(', ')}
                </p>
              </div>
            ))
          )}
          {addressError ? (
            <p id="address-error" className="field-errors" role="alert">
              {t(addressError.key, addressError.values)}
            </p>
          ) : null}
        </fieldset>

        <div className="field">
          <label htmlFor="requestedDeliveryDate">{t('checkout.date')}</label>
          <input
            key={actionData?.values.requestedDeliveryDate ?? ''}
            id="requestedDeliveryDate"
            name="requestedDeliveryDate"
            type="date"
            min={dates.min}
            max={dates.max}
            defaultValue={actionData?.values.requestedDeliveryDate ?? ''}
            aria-invalid={dateError ? true : undefined}
            aria-describedby={['date-hint', dateError ? 'date-error' : ''].filter(Boolean).join(' ')}
          />
          <p id="date-hint" className="hint">
            {cart.earliestDeliveryDate
              ? t('checkout.dateHintMadeToOrder', { date: formatDate(`${cart.earliestDeliveryDate}T00:00:00+07:00`, lang) })
              : t('checkout.dateHint')}
          </p>
          {dateError ? (
            <p id="date-error" className="field-errors" role="alert">
              {t(dateError.key, dateError.values)}
            </p>
          ) : null}
        </div>

        <PaymentChoice options={payment.options} terms={payment.terms} cartTotalVnd={cart.totalVnd.toString()} chosen={actionData ? (actionData.values.paymentMethod ?? 'BANK_TRANSFER') : undefined} error={actionData?.fieldErrors.paymentMethod} />

        {!canPlace ? (
          <p id="checkout-blocked" className="cart-blocked">
            {addresses.length === 0 ? t('checkout.blockedNoAddress') : t('summary.blocked')}
          </p>
        ) : null}
        <p className="cart-actions">
          <button type="submit" className="button" disabled={!canPlace || submitting} aria-describedby={!canPlace ? 'checkout-blocked' : undefined}>
            {submitting ? t('checkout.placing') : t('checkout.place', { count: orderCount })}
          </button>
          <Link to={`/${lang}/cart`} className="button button-secondary">
            {t('checkout.editCart')}
          </Link>
        </p>
      </Form>
    </section>
  )
}
