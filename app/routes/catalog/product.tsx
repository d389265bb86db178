import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import { QuantityInput } from '~/components/quantity-input'
import { RegionBadge, VerificationBadge } from '~/components/badges'
import { CsrfInput } from '~/components/forms'
import { CertificationBadge, CertificationBadges } from '~/components/ocop-stars'
import { productName, quantityText } from '~/components/product-card'
import { ProductPicture } from '~/components/product-picture'
import type { SaleUnit } from '~/generated/prisma/enums'
import { activeOrganizationOf, cartOfferFor, requireCartAccess, type CartOffer } from '~/modules/cart/cart-access.server'
import { cartErrorMessage, quantityOf } from '~/modules/cart/cart-messages'
import { addToCart, parseQuantity, type CartFailure } from '~/modules/cart/cart.server'
import { activeCertifications } from '~/modules/catalog/certifications'
import { getPublicProduct, type PublicProduct } from '~/modules/catalog/products.server'
import { formerProvinceName, provinceName } from '~/modules/geo/provinces'
import type { ProductImageView } from '~/modules/media/image-view'
import { listErrorMessage } from '~/modules/order-lists/messages'
import { addOrderListItem, addToListNamed, listOrderLists } from '~/modules/order-lists/order-lists.server'
import { ORDER_LIST_LIMITS, orderListName } from '~/modules/order-lists/schemas'
import { ORDER_LIMITS } from '~/modules/orders/order-rules'
import { listMyOrganizations } from '~/modules/organizations/organizations.server'
import { roleCan } from '~/modules/organizations/permissions'
import { getAuth } from '~/utils/auth.server'
import { readForm } from '~/utils/csrf.server'
import { env } from '~/utils/env.server'
import { formatDate, formatNumber, formatVnd } from '~/utils/format'
import { intlLocale, type Language } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { useNonce } from '~/utils/nonce'
import { redirectWithToast } from '~/utils/toast.server'
import { absoluteUrl, jsonLdString, metaDescription, pageUrl, seoMeta, siteOrigin } from '~/utils/seo'
import { useLang } from '~/utils/use-lang'

/**
 * The product for this visitor: what the public may see, or a product of one of the visitor's own
 * producers in any status (tried with each organisation the user belongs to now, the active one first).
 */
async function findProduct(request: Request, slug: string) {
  const auth = await getAuth(request)
  const mine = auth ? (await listMyOrganizations(auth.user.id)).filter((o) => o.kind === 'PRODUCER') : []
  const product = await getPublicProduct(slug)
  if (product) return { product, canEdit: mine.some((o) => o.id === product.producerId) }
  mine.sort((a, b) => Number(b.id === auth?.activeOrganizationId) - Number(a.id === auth?.activeOrganizationId))
  for (const org of mine) {
    const own = await getPublicProduct(slug, { organizationId: org.id })
    if (own) return { product: own, canEdit: true }
  }
  return null
}

/** The largest JPEG (every browser and crawler reads it) for link previews and structured data. */
function shareImage(image: ProductImageView) {
  const jpeg = image.variants.filter((v) => v.format === 'jpeg').sort((a, b) => b.width - a.width)[0]
  const any = jpeg ?? [...image.variants].sort((a, b) => b.width - a.width)[0]
  if (!any) return null
  return { url: any.url, width: any.width, height: Math.round((any.width * image.height) / image.width) }
}

// UN/ECE Recommendation 20 unit codes, as schema.org expects in unitCode.
const unitCode: Record<SaleUnit, string> = {
  KG: 'KGM',
  TONNE: 'TNE',
  CARTON: 'CT',
  BOX: 'BX',
  BOTTLE: 'BO',
  PACK: 'PK',
  BAG: 'BG',
  PIECE: 'H87',
}

function availability(p: Pick<PublicProduct, 'madeToOrder' | 'stock' | 'moq'>) {
  if (p.madeToOrder) return 'https://schema.org/MadeToOrder'
  return (p.stock ?? 0) >= p.moq ? 'https://schema.org/InStock' : 'https://schema.org/OutOfStock'
}

function productJsonLd(p: PublicProduct, lang: Language, origin: string, name: string, description: string) {
  const url = pageUrl(origin, lang, `/p/${p.slug}`)
  const prices = p.tierPrices.map((tier) => Number(tier.unitPriceVnd))
  const producerUrl = pageUrl(origin, lang, `/orgs/${p.producer.slug}`)
  const producer = { '@type': 'Organization', name: p.producer.displayName, url: producerUrl }
  return {
    '@context': 'https://schema.org',
    '@type': 'Product',
    name,
    description,
    url,
    sku: p.sku,
    image: p.images.map((i) => shareImage(i)).flatMap((i) => (i ? [absoluteUrl(origin, i.url)] : [])),
    category: lang === 'en' ? p.category.nameEn : p.category.nameVi,
    brand: { '@type': 'Brand', name: p.producer.displayName },
    manufacturer: producer,
    countryOfOrigin: { '@type': 'Country', name: 'VN' },
    ...(p.hsCode ? { additionalProperty: [{ '@type': 'PropertyValue', name: 'HS code', value: p.hsCode }] } : {}),
    // JSON.stringify leaves out an undefined offer (a product always has tiers; this is for safety).
    offers: prices.length
      ? {
          '@type': 'AggregateOffer',
          priceCurrency: 'VND',
          lowPrice: Math.min(...prices),
          highPrice: Math.max(...prices),
          offerCount: prices.length,
          availability: availability(p),
          url,
          seller: producer,
          eligibleQuantity: { '@type': 'QuantitativeValue', minValue: p.moq, unitCode: unitCode[p.unit] },
        }
      : undefined,
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const found = params.slug ? await findProduct(request, params.slug) : null
  if (!found) throw new Response('Not Found', { status: 404 })
  const { product: p, canEdit } = found
  const t = getT(lang)
  const origin = siteOrigin(env().APP_URL)
  // English readers get the producer's English when there is some, else the Vietnamese with a note.
  const name = productName(p, lang)
  const englishDescription = lang === 'en' ? p.descriptionEn?.trim() : ''
  const description = englishDescription
    ? { text: englishDescription, lang: 'en' as const }
    : { text: p.descriptionVi, lang: 'vi' as const }
  const tiers = [...p.tierPrices].sort((a, b) => a.minQuantity - b.minQuantity)
  const certifications = activeCertifications(p.certifications)
  const cover = p.images[0] ? shareImage(p.images[0]) : null
  const summary = metaDescription(
    description.text ||
      t('catalog:product.fallbackDescription', {
        name: name.text,
        producer: p.producer.displayName,
        province: provinceName(p.provinceCode),
      }),
  )
  const isPublic = p.isPublic
  // The page shows one description (`description`): the other language need not travel with the page.
  const { descriptionVi: _vi, descriptionEn: _en, ...shown } = p
  return {
    product: { ...shown, tierPrices: tiers, certifications },
    name,
    description,
    canEdit,
    isPublic,
    // Ordering is for products buyers may see; the producer's own drafts offer nothing.
    cart: isPublic ? await cartOfferFor(request, p.id) : null,
    orderLists: isPublic ? await orderListsOffer(request) : null,
    jsonLd: jsonLdString(productJsonLd({ ...p, tierPrices: tiers }, lang, origin, name.text, description.text || summary)),
    seo: {
      origin,
      lang,
      path: `/p/${p.slug}`,
      title: t('catalog:product.title', { name: name.text, producer: p.producer.displayName }),
      description: summary,
      type: 'product' as const,
      image: cover ? { ...cover, alt: p.images[0].alt ?? name.text } : null,
      noindex: !isPublic,
    },
  }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo)

type AddToCartReply = { quantity: string; failure: Pick<CartFailure, 'error' | 'values'> }

/** The active buyer organisation's saved order lists, for the "Add to a list" form (members who may order). */
async function orderListsOffer(request: Request) {
  const auth = await getAuth(request)
  const active = auth ? await activeOrganizationOf(auth) : null
  if (!active || active.kind !== 'BUYER' || !roleCan(active.role, 'create:order:own')) return null
  const lists = await listOrderLists(active.id)
  return { organizationSlug: active.slug, lists: lists.map((l) => ({ id: l.id, name: l.name })) }
}

type ListFieldError = { key: string; values?: { max?: number; inList?: number } }
type AddToListReply = {
  intent: 'addToList'
  fields: { listId: string; newName: string; quantity: string }
  errors: { list?: ListFieldError; newName?: ListFieldError; quantity?: ListFieldError }
}

/**
 * "Add to a list": the quantity goes into one of the active buyer organisation's saved order lists, or
 * into the list named in `newName` (made when there is none of that name); the buyer stays on this page.
 */
async function addToListAction(request: Request, lang: Language, slug: string | undefined, formData: FormData) {
  const fields = { listId: String(formData.get('listId') ?? ''), newName: String(formData.get('newName') ?? ''), quantity: String(formData.get('quantity') ?? '').trim() }
  const reply = (errors: AddToListReply['errors'], status = 400) => data<AddToListReply>({ intent: 'addToList', fields, errors }, { status })
  const access = await requireCartAccess(request, lang)
  if (access.state !== 'buyer') return reply({ list: { key: 'lists:errors.notBuyer' } }, 403)
  const product = slug ? await getPublicProduct(slug) : null
  if (!product) throw new Response('Not Found', { status: 404 })
  const errors: AddToListReply['errors'] = {}
  const quantity = parseQuantity(fields.quantity)
  if (quantity === null) errors.quantity = { key: 'lists:errors.quantity.invalid' }
  const named = fields.newName.trim() ? orderListName().safeParse(fields.newName) : null
  if (named && !named.success) errors.newName = { key: named.error.issues[0].message }
  if (!named && !fields.listId) errors.newName = { key: 'lists:errors.name.required' }
  if (quantity === null || Object.keys(errors).length) return reply(errors)
  const buyerId = access.organization.id
  const result = named?.success
    ? await addToListNamed(buyerId, access.user.id, named.data, product.id, quantity)
    : await addOrderListItem(buyerId, fields.listId, product.id, quantity).then(async (r) =>
        r.ok ? { ...r, list: { name: (await listOrderLists(buyerId)).find((l) => l.id === fields.listId)?.name ?? '', created: false } } : r,
      )
  if (!result.ok) {
    const where = result.error === 'lists:errors.quantity.tooLarge' || result.error === 'lists:errors.quantity.invalid' ? 'quantity' : named ? 'newName' : 'list'
    return reply({ [where]: { key: result.error, values: result.values } })
  }
  const t = getT(lang) as unknown as (key: string, options?: Record<string, unknown>) => string
  const created = result.list.created
  const listName = result.list.name
  return redirectWithToast(request, `/${lang}/p/${product.slug}`, {
    key: created ? 'lists:toast.addedToNewList' : 'lists:toast.addedToList',
    values: {
      quantity: quantityOf(t, lang, quantity, product.unit),
      product: productName(product, lang).text,
      list: listName,
      inList: quantityOf(t, lang, result.quantity, product.unit),
    },
  })
}

/** "Add to cart": the active buyer organisation's cart gets the quantity; the buyer stays on this page. */
export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  if (formData.get('intent') === 'addToList') return addToListAction(request, lang, params.slug, formData)
  if (formData.get('intent') !== 'add') throw new Response('Bad Request', { status: 400 })
  const access = await requireCartAccess(request, lang)
  const raw = String(formData.get('quantity') ?? '').trim()
  if (access.state !== 'buyer') return data<AddToCartReply>({ quantity: raw, failure: { error: 'cart.notBuyer' } }, { status: 403 })
  const product = params.slug ? await getPublicProduct(params.slug) : null
  if (!product) throw new Response('Not Found', { status: 404 })
  const quantity = parseQuantity(raw)
  const result = quantity === null ? null : await addToCart(access.organization.id, product.id, quantity)
  if (result?.ok) {
    const t = getT(lang) as unknown as (key: string, options?: Record<string, unknown>) => string
    return redirectWithToast(request, `/${lang}/p/${product.slug}`, {
      key: 'cart:toast.added',
      values: { quantity: quantityOf(t, lang, quantity!, product.unit), name: productName(product, lang).text, inCart: quantityOf(t, lang, result.quantity, product.unit) },
    })
  }
  const failure = result ?? { error: 'cart.quantityInvalid' as const, values: { max: ORDER_LIMITS.quantityMax } }
  return data<AddToCartReply>({ quantity: raw, failure: { error: failure.error, values: failure.values } }, { status: 400 })
}

// -------------------------------------------------------------------------------------------------------
// Page

const columns: CSSProperties = {
  display: 'grid',
  gap: '1.5rem',
  gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 22rem), 1fr))',
  alignItems: 'start',
}
const thumbGrid: CSSProperties = {
  display: 'grid',
  gridTemplateColumns: 'repeat(4, minmax(0, 1fr))',
  gap: '0.5rem',
  padding: 0,
  margin: '0.5rem 0 0',
  listStyle: 'none',
}
const thumbLink: CSSProperties = { display: 'block', borderRadius: 6, overflow: 'hidden', border: '1px solid var(--line)' }

// The cover spans the gallery column: the full width on a phone, half of the 72 rem container beside the
// facts on a wide screen. The other photos sit below it four to a row.
const COVER_SIZES = '(min-width: 72rem) 548px, (min-width: 47rem) calc(50vw - 2rem), calc(100vw - 2rem)'
const THUMB_SIZES = '(min-width: 72rem) 130px, (min-width: 47rem) calc(12.5vw - 1rem), calc(25vw - 1rem)'

/**
 * The cover, loaded first (it is the page's largest element), and the other photos as small thumbnails
 * that open the full-size photo: no JavaScript, and nothing large competes with the cover for a slow link.
 */
function Gallery({ images, name }: { images: ProductImageView[]; name: string }) {
  const { t } = useTranslation('catalog')
  if (!images.length) {
    return (
      <div className="card meta" style={{ aspectRatio: '4 / 3', display: 'grid', placeItems: 'center' }}>
        {t('card.noPhoto')}
      </div>
    )
  }
  const [cover, ...rest] = images
  return (
    <section aria-label={t('product.photos')} className="product-gallery">
      <ProductPicture image={cover} sizes={COVER_SIZES} alt={cover.alt || name} priority />
      {rest.length ? (
        <ul style={thumbGrid}>
          {rest.map((image, i) => {
            const full = shareImage(image)
            const alt = image.alt || t('product.photoAlt', { name, n: i + 2 })
            return (
              <li key={image.id}>
                <a href={full?.url} style={thumbLink} aria-label={t('product.openPhoto', { alt })}>
                  <ProductPicture image={image} sizes={THUMB_SIZES} alt="" />
                </a>
              </li>
            )
          })}
        </ul>
      ) : null}
    </section>
  )
}

/** "tháng 3 – tháng 5, tháng 11" / "March–May, November": consecutive months as one range. */
function harvestText(months: number[], lang: Language) {
  const fmt = new Intl.DateTimeFormat(intlLocale[lang], { month: 'long', timeZone: 'UTC' })
  const monthName = (m: number) => fmt.format(new Date(Date.UTC(2000, m - 1, 1)))
  const sorted = [...new Set(months)].filter((m) => m >= 1 && m <= 12).sort((a, b) => a - b)
  if (sorted.length === 12) return null
  const ranges: [number, number][] = []
  for (const m of sorted) {
    const last = ranges[ranges.length - 1]
    if (last && last[1] === m - 1) last[1] = m
    else ranges.push([m, m])
  }
  return ranges.map(([a, b]) => (a === b ? monthName(a) : `${monthName(a)} – ${monthName(b)}`)).join(', ')
}

/** The ordering box beside the prices (see cartOfferFor); a plain form, so it works without JavaScript. */
function AddToCart({ offer, product }: { offer: CartOffer; product: { slug: string; moq: number; unit: SaleUnit } }) {
  const { t } = useTranslation('cart')
  const lang = useLang()
  const replied = useActionData<typeof action>() as AddToCartReply | AddToListReply | undefined
  const reply = replied && 'failure' in replied ? replied : undefined
  const navigation = useNavigation()
  const here = `/${lang}/p/${product.slug}`
  if (offer.state === 'anonymous') {
    return (
      <p>
        <Link to={`/${lang}/login?${new URLSearchParams({ redirectTo: here })}`} className="button">
          {t('product.signIn')}
        </Link>
      </p>
    )
  }
  if (offer.state === 'viewer') return <p className="hint">{t('product.viewerNote')}</p>
  if (offer.state === 'none') {
    // A producer browsing the market sees no cart; someone without an organisation is told how to buy.
    return offer.hasOrganization ? null : (
      <p className="hint">
        {t('product.needBuyer')} <Link to={`/${lang}/orgs/new`}>{t('notBuyer.createBuyer')}</Link>
      </p>
    )
  }
  const min = Math.max(1, product.moq - offer.inCart)
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'add'
  return (
    <Form method="post" className="card" aria-labelledby="add-to-cart" style={{ margin: '1rem 0' }}>
      <h2 id="add-to-cart" style={{ marginTop: 0 }}>
        {t('product.heading')}
      </h2>
      <CsrfInput />
      <input type="hidden" name="intent" value="add" />
      <div className="field">
        <label htmlFor="add-quantity">{t('product.quantity', { unit: t(`catalog:unit.${product.unit}`) })}</label>
        <QuantityInput
          id="add-quantity"
          min={min}
          defaultValue={reply?.quantity ?? product.moq}
          invalid={Boolean(reply)}
          describedBy={reply ? 'add-quantity-hint add-quantity-error' : 'add-quantity-hint'}
        />
        <p id="add-quantity-hint" className="hint">
          {t('product.moqHint', { moq: quantityOf(t, lang, product.moq, product.unit) })}
        </p>
        {reply ? (
          <p id="add-quantity-error" className="field-errors" role="alert">
            {cartErrorMessage(t, lang, reply.failure, product.unit)}
          </p>
        ) : null}
      </div>
      <button type="submit" className="button" disabled={busy}>
        {t('product.add')}
      </button>
      {offer.inCart > 0 ? (
        <p className="meta">
          {t('product.inCart', { quantity: quantityOf(t, lang, offer.inCart, product.unit) })} <Link to={`/${lang}/cart`}>{t('product.viewCart')}</Link>
        </p>
      ) : null}
    </Form>
  )
}

/** "Add to a list", below the ordering box: one of the organisation's saved order lists, or a new one. */
function AddToList({
  offer,
  product,
}: {
  offer: { organizationSlug: string; lists: { id: string; name: string }[] }
  product: { moq: number; unit: SaleUnit }
}) {
  const { t } = useTranslation('lists')
  const lang = useLang()
  const replied = useActionData<typeof action>() as AddToCartReply | AddToListReply | undefined
  const reply = replied && 'intent' in replied ? replied : undefined
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'addToList'
  const { lists } = offer
  const error = (id: string, e?: ListFieldError) =>
    e ? (
      <p id={id} className="field-errors" role="alert">
        {listErrorMessage(t, lang, e.key, { max: ORDER_LIST_LIMITS.quantityMax, ...e.values })}
      </p>
    ) : null
  const describedBy = (hint: string | null, errorId: string, e?: ListFieldError) => [hint, e ? errorId : null].filter(Boolean).join(' ') || undefined
  return (
    <Form method="post" className="card" aria-labelledby="add-to-list" style={{ margin: '1rem 0' }}>
      <h2 id="add-to-list" style={{ marginTop: 0 }}>
        {t('product.heading')}
      </h2>
      <CsrfInput />
      <input type="hidden" name="intent" value="addToList" />
      {lists.length ? (
        <div className="field">
          <label htmlFor="list-id">{t('product.list')}</label>
          <select
            key={`list-${reply?.fields.listId ?? ''}`}
            id="list-id"
            name="listId"
            defaultValue={reply?.fields.listId || lists[0].id}
            aria-invalid={reply?.errors.list ? true : undefined}
            aria-describedby={describedBy(null, 'list-id-error', reply?.errors.list)}
          >
            {lists.map((l) => (
              <option key={l.id} value={l.id}>
                {l.name}
              </option>
            ))}
          </select>
          {error('list-id-error', reply?.errors.list)}
        </div>
      ) : (
        error('list-id-error', reply?.errors.list)
      )}
      <div className="field">
        <label htmlFor="list-new-name">{lists.length ? t('product.newName') : t('product.name')}</label>
        <input
          key={`name-${reply?.fields.newName ?? ''}`}
          id="list-new-name"
          name="newName"
          type="text"
          required={!lists.length}
          maxLength={ORDER_LIST_LIMITS.nameMax}
          autoComplete="off"
          defaultValue={reply?.fields.newName ?? ''}
          aria-invalid={reply?.errors.newName ? true : undefined}
          aria-describedby={describedBy('list-new-name-hint', 'list-new-name-error', reply?.errors.newName)}
        />
        <p id="list-new-name-hint" className="hint">
          {lists.length ? t('product.newNameHint') : t('product.nameHint')}
        </p>
        {error('list-new-name-error', reply?.errors.newName)}
      </div>
      <div className="field">
        <label htmlFor="list-quantity">{t('product.quantity', { unit: t(`catalog:unit.${product.unit}`) })}</label>
        <QuantityInput
          id="list-quantity"
          defaultValue={reply?.fields.quantity ?? product.moq}
          invalid={Boolean(reply?.errors.quantity)}
          describedBy={describedBy(null, 'list-quantity-error', reply?.errors.quantity)}
        />
        {error('list-quantity-error', reply?.errors.quantity)}
      </div>
      <button type="submit" className="button button-secondary" disabled={busy}>
        {t('product.submit')}
      </button>
      <p className="meta">
        <Link to={`/${lang}/orgs/${offer.organizationSlug}/lists`}>{t('product.manage')}</Link>
      </p>
    </Form>
  )
}

function formatUsd(cents: bigint, lang: Language) {
  return new Intl.NumberFormat(intlLocale[lang], { style: 'currency', currency: 'USD' }).format(Number(cents) / 100)
}

export default function ProductPage() {
  const { product: p, name, description, canEdit, isPublic, jsonLd, cart, orderLists } = useLoaderData<typeof loader>()
  const { t } = useTranslation('catalog')
  const lang = useLang()
  const nonce = useNonce()
  const qty = (n: number) => quantityText(t, lang, n, p.unit)
  const categoryName = (c: { nameVi: string; nameEn: string }) => (lang === 'en' ? c.nameEn : c.nameVi)
  const harvest = p.harvestMonths.length ? harvestText(p.harvestMonths, lang) : null
  const otherLang = (l: 'vi' | 'en') => (l === lang ? undefined : l)
  const producerPath = `/${lang}/orgs/${p.producer.slug}`
  return (
    <article>
      {isPublic ? <script type="application/ld+json" nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: jsonLd }} /> : null}
      {!isPublic ? (
        <div className="toast toast-error" role="status">
          <p style={{ margin: 0 }}>
            {p.producer.suspendedAt
              ? t('product.producerSuspendedNotice')
              : p.suspendedAt
                ? t('product.suspendedNotice')
                : t('product.notPublicNotice', { status: t(`status.${p.status}`) })}
          </p>
          {p.suspendedAt && p.suspensionReason ? <p style={{ margin: 0 }}>{t('product.suspensionReason', { reason: p.suspensionReason })}</p> : null}
        </div>
      ) : null}

      <nav aria-label={t('breadcrumb.label')}>
        <ol className="meta" style={{ display: 'flex', flexWrap: 'wrap', gap: '0.35rem', listStyle: 'none', padding: 0, margin: '0 0 0.5rem' }}>
          <li>
            <Link to={`/${lang}`}>{t('breadcrumb.home')}</Link>
          </li>
          {p.category.parent ? (
            <li>
              <span aria-hidden="true">› </span>
              <Link to={`/${lang}/c/${p.category.parent.slug}`}>{categoryName(p.category.parent)}</Link>
            </li>
          ) : null}
          <li>
            <span aria-hidden="true">› </span>
            <Link to={`/${lang}/c/${p.category.slug}`}>{categoryName(p.category)}</Link>
          </li>
        </ol>
      </nav>

      <div style={columns}>
        <Gallery images={p.images} name={name.text} />

        <div>
          <h1 lang={otherLang(name.lang)} style={{ marginTop: 0 }}>
            {name.text}
          </h1>
          {lang === 'en' && name.lang === 'vi' ? <p className="hint">{t('product.onlyVietnamese')}</p> : null}
          {p.certifications.length || p.exportReady || p.producer.verificationStatus === 'UNVERIFIED' ? (
            <p className="badges">
              <CertificationBadges certifications={p.certifications} />
              {p.exportReady ? <span className="badge badge-verified">{t('product.exportReady')}</span> : null}
              {p.producer.verificationStatus === 'UNVERIFIED' ? <span className="badge badge-unverified">{t('producer.unverified')}</span> : null}
            </p>
          ) : null}
          {canEdit ? (
            <p>
              <Link to={`/${lang}/orgs/${p.producer.slug}/products/${p.id}`} className="button button-small button-secondary">
                {t('product.edit')}
              </Link>
            </p>
          ) : null}

          <section aria-labelledby="prices">
            <h2 id="prices">{t('product.prices')}</h2>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('product.tierQuantity')}</th>
                    <th scope="col">{t('product.tierUnitPrice', { unit: t(`unit.${p.unit}`) })}</th>
                  </tr>
                </thead>
                <tbody>
                  {p.tierPrices.map((tier, i) => {
                    const next = p.tierPrices[i + 1]
                    return (
                      <tr key={tier.minQuantity}>
                        <td data-label={t('product.tierQuantity')}>
                          {next
                            ? t('product.tierRange', { from: formatNumber(tier.minQuantity, lang), to: qty(next.minQuantity - 1) })
                            : t('product.tierFrom', { from: qty(tier.minQuantity) })}
                        </td>
                        <td data-label={t('product.tierUnitPrice', { unit: t(`unit.${p.unit}`) })}>
                          <strong>{formatVnd(BigInt(tier.unitPriceVnd), lang)}</strong>
                        </td>
                      </tr>
                    )
                  })}
                </tbody>
              </table>
            </div>
            <p className="meta">
              {t('product.netOfVat')} {t(`vat.${p.vatRate}`)}
            </p>
            {p.usdPriceCents != null ? (
              <p className="meta">{t('product.usdPrice', { price: formatUsd(BigInt(p.usdPriceCents), lang), unit: t(`unit.${p.unit}`) })}</p>
            ) : null}
          </section>

          {cart ? <AddToCart offer={cart} product={p} /> : null}
          {orderLists ? <AddToList offer={orderLists} product={p} /> : null}

          <dl className="facts">
            <dt>{t('product.moq')}</dt>
            <dd>{qty(p.moq)}</dd>
            <dt>{t('product.unit')}</dt>
            <dd>
              {t(`unitName.${p.unit}`)}
              {p.packSize ? ` · ${p.packSize}` : null}
            </dd>
            <dt>{t('product.availability')}</dt>
            <dd>
              {p.madeToOrder
                ? p.leadTimeDays
                  ? t('product.madeToOrderLead', { count: p.leadTimeDays })
                  : t('product.madeToOrder')
                : p.stock && p.stock > 0
                  ? t('product.inStock', { quantity: qty(p.stock) })
                  : t('product.outOfStock')}
              {!p.madeToOrder && p.leadTimeDays ? (
                <span className="meta"> · {t('product.shipsWithin', { count: p.leadTimeDays })}</span>
              ) : null}
            </dd>
            {harvest || p.harvestMonths.length === 12 ? (
              <>
                <dt>{t('product.harvest')}</dt>
                <dd>{harvest ?? t('product.harvestAllYear')}</dd>
              </>
            ) : null}
            <dt>{t('product.origin')}</dt>
            <dd>
              {provinceName(p.provinceCode)}
              {p.formerProvinceCode && formerProvinceName(p.formerProvinceCode) !== provinceName(p.provinceCode) ? (
                <span className="meta"> {t('orgs:profile.formerProvince', { name: formerProvinceName(p.formerProvinceCode) })}</span>
              ) : null}
              {p.regionType ? (
                <>
                  {' '}
                  <RegionBadge regionType={p.regionType} />
                </>
              ) : null}
            </dd>
            {p.shelfLifeDays ? (
              <>
                <dt>{t('product.shelfLife')}</dt>
                <dd>{t('product.days', { count: p.shelfLifeDays, formatted: formatNumber(p.shelfLifeDays, lang) })}</dd>
              </>
            ) : null}
            {p.storage ? (
              <>
                <dt>{t('product.storage')}</dt>
                <dd>{p.storage}</dd>
              </>
            ) : null}
            {p.packaging ? (
              <>
                <dt>{t('product.packaging')}</dt>
                <dd>{p.packaging}</dd>
              </>
            ) : null}
            <dt>{t('product.export')}</dt>
            <dd>
              {p.exportReady ? t('product.exportReadyYes') : t('product.exportReadyNo')}
              {p.hsCode ? <span className="meta"> · {t('product.hsCode', { code: p.hsCode })}</span> : null}
            </dd>
            <dt>{t('product.sku')}</dt>
            <dd>{p.sku}</dd>
          </dl>
        </div>
      </div>

      <section aria-labelledby="description">
        <h2 id="description">{t('product.description')}</h2>
        {description.text ? (
          <div lang={otherLang(description.lang)} className="description">
            {description.text.split(/\n{2,}/).map((paragraph, i) => (
              <p key={i}>{paragraph}</p>
            ))}
          </div>
        ) : (
          <p className="meta">{t('product.noDescription')}</p>
        )}
        {lang === 'en' && description.lang === 'vi' && description.text ? <p className="hint">{t('product.descriptionOnlyVietnamese')}</p> : null}
      </section>

      {p.certifications.length ? (
        <section aria-labelledby="certifications">
          <h2 id="certifications">{t('product.certifications')}</h2>
          <ul className="cards">
            {p.certifications.map((c, i) => (
              <li key={`${c.type}-${i}`} className="card">
                <p style={{ margin: '0 0 0.3rem' }}>
                  <CertificationBadge type={c.type} stars={c.stars} /> <strong>{t(`certification.name.${c.type}`)}</strong>
                </p>
                {c.name ? <p style={{ margin: 0 }}>{c.name}</p> : null}
                {c.number ? <p className="meta">{t('certification.number', { number: c.number })}</p> : null}
                {c.issuer ? <p className="meta">{t('certification.issuer', { issuer: c.issuer })}</p> : null}
                {c.issuedAt ? <p className="meta">{t('certification.issuedAt', { date: formatDate(c.issuedAt, lang) })}</p> : null}
                {c.expiresAt ? <p className="meta">{t('certification.expiresAt', { date: formatDate(c.expiresAt, lang) })}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="producer">
        <h2 id="producer">{t('product.producer')}</h2>
        <div className="card">
          <h3>
            <Link to={producerPath}>{p.producer.displayName}</Link>
          </h3>
          <p className="badges">
            <VerificationBadge status={p.producer.verificationStatus} />
            <RegionBadge regionType={p.producer.regionType ?? null} />
          </p>
          {p.producer.provinceCode ? <p className="meta">{provinceName(p.producer.provinceCode)}</p> : null}
          {p.producer.verificationStatus === 'UNVERIFIED' ? <p className="hint">{t('producer.unverifiedNote')}</p> : null}
          <p>
            <Link to={producerPath}>{t('producer.storefront', { name: p.producer.displayName })}</Link>
          </p>
        </div>
      </section>
    </article>
  )
}
