// One saved order list of a buyer organisation: /:lang/orgs/:slug/lists/:id. Its products with today's
// tier price for the quantity and availability; members who may order change quantities, remove products,
// add one by SKU, rename or delete the list, and add the whole list to the cart ("Add all to cart" fills
// the cart, then the cart page shows a toast with every line that was adjusted or skipped).
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { QuantityInput } from '~/components/quantity-input'
import { CsrfInput } from '~/components/forms'
import { productName } from '~/components/product-card'
import { ProductPicture } from '~/components/product-picture'
import { parseQuantity } from '~/modules/cart/cart.server'
import { quantityOf } from '~/modules/cart/cart-messages'
import { requireListsAccess } from '~/modules/order-lists/access.server'
import { listErrorMessage, reportToast } from '~/modules/order-lists/messages'
import {
  addListToCart,
  addOrderListItem,
  deleteOrderList,
  findProductBySku,
  getOrderList,
  removeOrderListItem,
  renameOrderList,
  setOrderListItemQuantity,
} from '~/modules/order-lists/order-lists.server'
import { ORDER_LIST_LIMITS, orderListName } from '~/modules/order-lists/schemas'
import { switchOrganization } from '~/modules/organizations/organizations.server'
import { roleCan } from '~/modules/organizations/permissions'
import styles from '~/styles/cart.css?url'
import { readForm } from '~/utils/csrf.server'
import { formatDate, formatVnd } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization, membership } = await requireListsAccess(request, lang, params.slug, 'read:order:own')
  // Another organisation's list does not exist here.
  const list = params.id ? await getOrderList(organization.id, params.id) : null
  if (!list) throw new Response('Not Found', { status: 404 })
  return {
    title: getT(lang)('lists:list.title', { list: list.name, name: organization.displayName }),
    organization: { slug: organization.slug, displayName: organization.displayName },
    canEdit: roleCan(membership.role, 'create:order:own'),
    list,
  }
}

/** A refusal to show beside its field: an i18n key and the values of its message. */
type FieldError = { key: string; values?: { max?: number; inList?: number; producers?: string[] } }
type Reply = { intent: 'rename' | 'add' | 'update'; productId?: string; fields: Record<string, string>; errors: Record<string, FieldError> }

const invalidQuantity: FieldError = { key: 'lists:errors.quantity.invalid' }

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  const intent = String(formData.get('intent') ?? '')
  if (!['rename', 'delete', 'add', 'update', 'remove', 'toCart'].includes(intent)) throw new Response('Bad Request', { status: 400 })
  // Every change needs 'create:order:own': a VIEWER posting gets a 403.
  const { organization, user, sessionId } = await requireListsAccess(request, lang, params.slug, 'create:order:own')
  const buyerId = organization.id
  const listId = params.id ?? ''
  const listsUrl = `/${lang}/orgs/${organization.slug}/lists`
  const listUrl = `${listsUrl}/${listId}`
  const notFound = () => new Response('Not Found', { status: 404 })
  const reply = (body: Reply) => data(body, { status: 400 })
  const field = (name: string) => String(formData.get(name) ?? '')

  if (intent === 'rename') {
    const raw = field('name')
    const parsed = orderListName().safeParse(raw)
    if (!parsed.success) return reply({ intent, fields: { name: raw }, errors: { name: { key: parsed.error.issues[0].message } } })
    const result = await renameOrderList(buyerId, listId, parsed.data)
    if (!result.ok) {
      if (result.error === 'lists:errors.notFound') throw notFound()
      return reply({ intent, fields: { name: raw }, errors: { name: { key: result.error } } })
    }
    return redirectWithToast(request, listUrl, { key: 'lists:toast.renamed', values: { name: result.list.name } })
  }

  if (intent === 'delete') {
    const deleted = await deleteOrderList(buyerId, listId)
    if (!deleted) throw notFound()
    return redirectWithToast(request, listsUrl, { key: 'lists:toast.deleted', values: { name: deleted.name } })
  }

  if (intent === 'add') {
    const fields = { sku: field('sku'), quantity: field('quantity') }
    const errors: Reply['errors'] = {}
    const quantity = parseQuantity(fields.quantity)
    if (quantity === null) errors.quantity = invalidQuantity
    const found = await findProductBySku(fields.sku)
    if (!found.ok) errors.sku = { key: found.error, values: { producers: found.producers } }
    if (!found.ok || quantity === null) return reply({ intent, fields, errors })
    const result = await addOrderListItem(buyerId, listId, found.productId, quantity)
    if (!result.ok) {
      if (result.error === 'lists:errors.notFound') throw notFound()
      const where = result.error === 'lists:errors.product.notForSale' ? 'sku' : 'quantity'
      return reply({ intent, fields, errors: { [where]: { key: result.error, values: result.values } } })
    }
    const t = getT(lang) as unknown as (key: string, options?: Record<string, unknown>) => string
    const list = await getOrderList(buyerId, listId)
    const line = list?.items.find((i) => i.productId === found.productId)
    const product = line ? productName(line, lang).text : fields.sku
    const unit = line?.unit ?? 'PIECE'
    return redirectWithToast(request, listUrl, {
      key: result.added ? 'lists:toast.itemAdded' : 'lists:toast.itemIncreased',
      values: { quantity: quantityOf(t, lang, quantity, unit), product, inList: quantityOf(t, lang, result.quantity, unit) },
    })
  }

  if (intent === 'update') {
    const productId = field('productId')
    const fields = { quantity: field('quantity') }
    const quantity = parseQuantity(fields.quantity)
    if (quantity === null) return reply({ intent, productId, fields, errors: { quantity: invalidQuantity } })
    const result = await setOrderListItemQuantity(buyerId, listId, productId, quantity)
    if (!result.ok) {
      if (result.error === 'lists:errors.notFound') throw notFound()
      return redirectWithToast(request, listUrl, { key: result.error, type: 'error' })
    }
    return redirectWithToast(request, listUrl, { key: 'lists:toast.itemUpdated' })
  }

  if (intent === 'remove') {
    const removed = await removeOrderListItem(buyerId, listId, field('productId'))
    if (!removed) {
      if (!(await getOrderList(buyerId, listId))) throw notFound()
      return redirectWithToast(request, listUrl, { key: 'lists:errors.item.notFound', type: 'error' })
    }
    return redirectWithToast(request, listUrl, { key: 'lists:toast.itemRemoved' })
  }

  // toCart: the cart page shows the active organisation's cart, so this organisation becomes the active one.
  const result = await addListToCart(buyerId, listId)
  if (!result.ok) {
    if (result.error === 'lists:errors.notFound') throw notFound()
    return redirectWithToast(request, listUrl, { key: result.error, type: 'error' })
  }
  const t = getT(lang) as unknown as (key: string, options?: Record<string, unknown>) => string
  const toast = reportToast(t, lang, result.report)
  if (!toast.ok) return redirectWithToast(request, listUrl, { key: toast.key, values: toast.values, type: 'error' })
  await switchOrganization(sessionId, user.id, buyerId)
  return redirectWithToast(request, `/${lang}/cart`, { key: toast.key, values: toast.values })
}

// -------------------------------------------------------------------------------------------------------
// Page

type Loaded = ReturnType<typeof useLoaderData<typeof loader>>
type Line = Loaded['list']['items'][number]

function useReply() {
  return useActionData<typeof action>() as Reply | undefined
}

function FieldErrorText({ id, error }: { id: string; error?: FieldError }) {
  const { t } = useTranslation('lists')
  const lang = useLang()
  if (!error) return null
  return (
    <p id={id} className="field-errors" role="alert">
      {listErrorMessage(t, lang, error.key, { max: ORDER_LIST_LIMITS.quantityMax, ...error.values })}
    </p>
  )
}

export default function OrderListPage() {
  const { t } = useTranslation('lists')
  const lang = useLang()
  const { organization, canEdit, list } = useLoaderData<typeof loader>()
  const reply = useReply()
  const navigation = useNavigation()
  const busy = (intent: string) => navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
  const priced = list.items.filter((i) => i.lineTotalVnd !== null)
  const estimate = priced.reduce((sum, i) => sum + BigInt(i.lineTotalVnd ?? 0), 0n)
  const replyFor = (intent: Reply['intent']) => (reply?.intent === intent ? reply : undefined)
  const rename = replyFor('rename')
  const add = replyFor('add')

  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/orgs/${organization.slug}/lists`}>{t('list.back')}</Link>
      </p>
      <h1>{list.name}</h1>
      <p className="meta">
        {t('list.meta', { count: list.items.length, date: formatDate(list.updatedAt, lang) })}
        {list.createdBy ? ` · ${t('createdBy', { name: list.createdBy })}` : null}
      </p>

      {canEdit && list.items.length > 0 ? (
        <Form method="post" className="card cart-summary" aria-labelledby="to-cart-heading">
          <h2 id="to-cart-heading">{t('toCart.heading')}</h2>
          <CsrfInput />
          <input type="hidden" name="intent" value="toCart" />
          <p className="hint">{t('toCart.hint', { name: organization.displayName })}</p>
          <button type="submit" className="button" disabled={busy('toCart')}>
            {t('toCart.submit')}
          </button>
        </Form>
      ) : null}

      <section className="card cart-group" aria-labelledby="items-heading">
        <h2 id="items-heading">{t('list.itemsHeading')}</h2>
        {list.items.length === 0 ? (
          <p className="meta">{t('list.empty')}</p>
        ) : (
          <ul className="cart-lines">
            {list.items.map((line) => (
              <ListLine key={line.productId} line={line} canEdit={canEdit} />
            ))}
          </ul>
        )}
        {priced.length ? (
          <dl className="cart-totals">
            <dt>{t('list.totalLabel')}</dt>
            <dd>
              <strong>{formatVnd(estimate, lang)}</strong>
            </dd>
          </dl>
        ) : null}
      </section>

      {canEdit ? (
        <>
          <Form method="post" className="card narrow" aria-labelledby="add-heading" style={{ marginBottom: '1rem' }}>
            <h2 id="add-heading" style={{ marginTop: 0 }}>
              {t('add.heading')}
            </h2>
            <CsrfInput />
            <input type="hidden" name="intent" value="add" />
            <div className="field">
              <label htmlFor="add-sku">{t('add.sku')}</label>
              <input
                key={`sku-${add?.fields.sku ?? ''}`}
                id="add-sku"
                name="sku"
                type="text"
                required
                autoComplete="off"
                autoCapitalize="characters"
                maxLength={ORDER_LIST_LIMITS.skuInputMax}
                defaultValue={add?.fields.sku ?? ''}
                aria-invalid={add?.errors.sku ? true : undefined}
                aria-describedby={add?.errors.sku ? 'add-sku-hint add-sku-error' : 'add-sku-hint'}
              />
              <p id="add-sku-hint" className="hint">
                {t('add.skuHint')}
              </p>
              <FieldErrorText id="add-sku-error" error={add?.errors.sku} />
            </div>
            <div className="field">
              <label htmlFor="add-quantity">{t('add.quantity')}</label>
              <QuantityInput
                id="add-quantity"
                defaultValue={add?.fields.quantity ?? ''}
                invalid={Boolean(add?.errors.quantity)}
                describedBy={add?.errors.quantity ? 'add-quantity-error' : undefined}
              />
              <FieldErrorText id="add-quantity-error" error={add?.errors.quantity} />
            </div>
            <button type="submit" className="button" disabled={busy('add')}>
              {t('add.submit')}
            </button>
          </Form>

          <Form method="post" className="card narrow" aria-labelledby="rename-heading" style={{ marginBottom: '1rem' }}>
            <h2 id="rename-heading" style={{ marginTop: 0 }}>
              {t('rename.heading')}
            </h2>
            <CsrfInput />
            <input type="hidden" name="intent" value="rename" />
            <div className="field">
              <label htmlFor="rename-name">{t('rename.name')}</label>
              <input
                key={`name-${rename?.fields.name ?? list.name}`}
                id="rename-name"
                name="name"
                type="text"
                required
                maxLength={ORDER_LIST_LIMITS.nameMax}
                autoComplete="off"
                defaultValue={rename?.fields.name ?? list.name}
                aria-invalid={rename?.errors.name ? true : undefined}
                aria-describedby={rename?.errors.name ? 'rename-name-hint rename-name-error' : 'rename-name-hint'}
              />
              <p id="rename-name-hint" className="hint">
                {t('create.nameHint')}
              </p>
              <FieldErrorText id="rename-name-error" error={rename?.errors.name} />
            </div>
            <button type="submit" className="button button-secondary" disabled={busy('rename')}>
              {t('rename.submit')}
            </button>
          </Form>

          <Form
            method="post"
            className="card narrow"
            aria-labelledby="delete-heading"
            onSubmit={(event) => {
              if (!window.confirm(t('delete.confirm', { name: list.name }))) event.preventDefault()
            }}
          >
            <h2 id="delete-heading" style={{ marginTop: 0 }}>
              {t('delete.heading')}
            </h2>
            <CsrfInput />
            <input type="hidden" name="intent" value="delete" />
            <p className="hint">{t('delete.hint')}</p>
            <button type="submit" className="button button-danger" disabled={busy('delete')} style={{ marginTop: '0.75rem' }}>
              {t('delete.submit')}
            </button>
          </Form>
        </>
      ) : (
        <p className="hint">{t('readOnly')}</p>
      )}
    </section>
  )
}

function Availability({ line }: { line: Line }) {
  const { t } = useTranslation('lists')
  const lang = useLang()
  const qty = (n: number) => quantityOf(t, lang, n, line.unit)
  switch (line.availability) {
    case 'madeToOrder':
      return (
        <li className="cart-info">
          {line.leadTimeDays ? t('availability.madeToOrderLead', { count: line.leadTimeDays }) : t('availability.madeToOrder')}
        </li>
      )
    case 'inStock':
      return null
    case 'lowStock':
      return <li>{t('availability.lowStock', { stock: qty(line.stock ?? 0) })}</li>
    case 'soldOut':
      return <li>{line.stock ? t('availability.soldOutBelowMoq', { stock: qty(line.stock) }) : t('availability.soldOut')}</li>
    case 'notForSale':
      return <li>{t('availability.notForSale')}</li>
  }
}

function ListLine({ line, canEdit }: { line: Line; canEdit: boolean }) {
  const { t } = useTranslation('lists')
  const lang = useLang()
  const reply = useReply()
  const navigation = useNavigation()
  const name = productName(line, lang)
  const mine = reply?.intent === 'update' && reply.productId === line.productId ? reply : null
  const busy = navigation.state === 'submitting' && navigation.formData?.get('productId') === line.productId
  const unitLabel = t(`catalog:unit.${line.unit}`)
  const qty = (n: number) => quantityOf(t, lang, n, line.unit)
  const inputId = `quantity-${line.productId}`
  const errorId = `${inputId}-error`
  const belowMoq = line.forSale && line.quantity < line.moq
  return (
    <li className="cart-line">
      <div className="cart-thumb">{line.image ? <ProductPicture image={line.image} sizes="64px" alt="" /> : null}</div>
      <div className="cart-line-body">
        <h3 lang={name.lang === lang ? undefined : name.lang}>
          {line.forSale ? <Link to={`/${lang}/p/${line.slug}`}>{name.text}</Link> : name.text}
        </h3>
        <p className="meta">
          {[line.producer.displayName, line.packSize, t('list.sku', { sku: line.sku }), t('list.moq', { moq: qty(line.moq) })].filter(Boolean).join(' · ')}
        </p>
        {line.unitPriceVnd !== null && line.lineTotalVnd !== null ? (
          <p className="cart-price">
            {t('list.price', { price: formatVnd(BigInt(line.unitPriceVnd), lang), unit: unitLabel, total: formatVnd(BigInt(line.lineTotalVnd), lang) })}
          </p>
        ) : null}
        {line.availability === 'inStock' ? <p className="meta">{t('availability.inStock', { stock: qty(line.stock ?? 0) })}</p> : null}
        {line.availability !== 'inStock' || belowMoq ? (
          <ul className="cart-warnings">
            <Availability line={line} />
            {belowMoq ? <li className="cart-info">{t('list.belowMoq', { moq: qty(line.moq) })}</li> : null}
          </ul>
        ) : null}
        {canEdit ? (
          <div className="cart-line-forms">
            <Form method="post" className="cart-quantity-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="update" />
              <input type="hidden" name="productId" value={line.productId} />
              <label htmlFor={inputId}>
                {t('list.quantity')} <span className="visually-hidden">{name.text}</span>
              </label>
              <QuantityInput
                id={inputId}
                defaultValue={mine?.fields.quantity ?? line.quantity}
                invalid={Boolean(mine)}
                describedBy={mine ? errorId : undefined}
                style={{}}
              />
              <span className="meta">{unitLabel}</span>
              <button type="submit" className="button button-small button-secondary" disabled={busy}>
                {t('list.update')}
                <span className="visually-hidden"> {name.text}</span>
              </button>
              <FieldErrorText id={errorId} error={mine?.errors.quantity} />
            </Form>
            <Form method="post" className="inline-form">
              <CsrfInput />
              <input type="hidden" name="intent" value="remove" />
              <input type="hidden" name="productId" value={line.productId} />
              <button type="submit" className="button button-small button-danger" disabled={busy}>
                {t('list.remove')}
                <span className="visually-hidden"> {name.text}</span>
              </button>
            </Form>
          </div>
        ) : (
          <p className="meta">
            {t('list.quantity')}: {qty(line.quantity)}
          </p>
        )}
      </div>
    </li>
  )
}
