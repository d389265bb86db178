import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, ErrorList } from '~/components/forms'
import { ProductPicture } from '~/components/product-picture'
import type { ProductStatus } from '~/generated/prisma/enums'
import { categoryName, categoryTree, isCategorySlug } from '~/modules/catalog/categories'
import { requireProducer, readProducerForm } from '~/modules/catalog/producer-access.server'
import { productStatuses, QuickEditSchema } from '~/modules/catalog/product-schemas'
import {
  duplicateProduct,
  listProducerProducts,
  quickUpdateProduct,
  setProductStatus,
  type ProductStatusChange,
} from '~/modules/catalog/products.server'
import { roleCan, type Permission } from '~/modules/organizations/permissions'
import { formatNumber, formatVnd } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

const PAGE_SIZE = 25

// Layout of this page only (app.css holds the shared classes).
const styles = {
  row: { display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'center' },
  filters: { display: 'flex', flexWrap: 'wrap', gap: '0 1rem', alignItems: 'end' },
  thumb: { display: 'block', width: '64px', aspectRatio: '4 / 3', overflow: 'hidden', borderRadius: '6px', background: 'var(--green-soft)' },
  quickEdit: { display: 'flex', flexWrap: 'wrap', gap: '0 0.5rem', alignItems: 'end' },
  quickField: { marginBottom: '0.4rem' },
  stockInput: { width: '5.5rem' },
  priceInput: { width: '7.5rem' },
} satisfies Record<string, CSSProperties>

type StatusFilter = ProductStatus | 'ALL' | ''

/** The list's filters from the URL; anything unknown is ignored. */
function readFilter(url: URL) {
  const status = url.searchParams.get('status') ?? ''
  const category = url.searchParams.get('category') ?? ''
  const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10)
  return {
    status: ((productStatuses as readonly string[]).includes(status) || status === 'ALL' ? status : '') as StatusFilter,
    category: isCategorySlug(category) ? category : '',
    q: (url.searchParams.get('q') ?? '').trim().slice(0, 100),
    page: Number.isFinite(page) && page >= 1 ? Math.min(page, 10_000) : 1,
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization, membership } = await requireProducer(request, lang, params.slug, 'read:product:own')
  const filter = readFilter(new URL(request.url))
  const { items, total } = await listProducerProducts(organization.id, {
    status: filter.status || undefined,
    q: filter.q || undefined,
    categorySlug: filter.category || undefined,
    page: filter.page,
    pageSize: PAGE_SIZE,
  })
  return {
    title: getT(lang)('producer:list.title', { name: organization.displayName }),
    organization: { slug: organization.slug, displayName: organization.displayName },
    filter,
    total,
    pageSize: PAGE_SIZE,
    can: {
      create: roleCan(membership.role, 'create:product:own'),
      update: roleCan(membership.role, 'update:product:own'),
      archive: roleCan(membership.role, 'delete:product:own'),
    },
    products: items.map((p) => ({
      id: p.id,
      sku: p.sku,
      slug: p.slug,
      status: p.status,
      nameVi: p.nameVi,
      nameEn: p.nameEn,
      category: p.category,
      unit: p.unit,
      packSize: p.packSize,
      moq: p.moq,
      // VND as a string: the page shows it and the quick-edit field starts from it.
      priceVnd: p.priceVnd.toString(),
      tierCount: p.tierCount,
      madeToOrder: p.madeToOrder,
      stock: p.stock,
      leadTimeDays: p.leadTimeDays,
      suspended: !!p.suspendedAt,
      suspensionReason: p.suspensionReason,
      cover: p.cover,
    })),
  }
}

const intentPermission: Record<string, Permission> = {
  quick: 'update:product:own',
  publish: 'update:product:own',
  unpublish: 'update:product:own',
  archive: 'delete:product:own',
  duplicate: 'create:product:own',
}

const statusOfIntent: Record<string, ProductStatusChange> = { publish: 'PUBLISHED', unpublish: 'UNPUBLISHED', archive: 'ARCHIVED' }

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readProducerForm(request)
  const intent = String(formData.get('intent') ?? '')
  const permission = intentPermission[intent]
  if (!permission) throw new Response('Bad Request', { status: 400 })
  const { organization } = await requireProducer(request, lang, params.slug, permission)
  const listUrl = `/${lang}/orgs/${organization.slug}/products`
  // Back to the same filters and page (a form without an action posts to the current URL, query included).
  const back = `${listUrl}${new URL(request.url).search}`
  const productId = String(formData.get('productId') ?? '')

  if (intent === 'quick') {
    const submission = parseWithZod(formData, { schema: QuickEditSchema })
    if (submission.status !== 'success') return data({ productId, result: submission.reply() }, { status: 400 })
    const { stock, priceVnd } = submission.value
    const result = await quickUpdateProduct(organization.id, submission.value.productId, { stock, firstTierPriceVnd: priceVnd })
    if (!result.ok) {
      if (result.error === 'product.notFound') throw new Response('Not Found', { status: 404 })
      const field = result.error.startsWith('product.stock') ? 'stock' : 'priceVnd'
      return data({ productId, result: submission.reply({ fieldErrors: { [field]: [result.error] } }) }, { status: 400 })
    }
    return redirectWithToast(request, back, { key: 'producer:toast.quickSaved' })
  }

  if (intent === 'duplicate') {
    const result = await duplicateProduct(organization.id, productId)
    if (!result.ok) throw new Response('Not Found', { status: 404 })
    return redirectWithToast(request, `${listUrl}/${result.product.id}`, { key: 'producer:toast.duplicated', values: { sku: result.product.sku } })
  }

  const result = await setProductStatus(organization.id, productId, statusOfIntent[intent])
  if (!result.ok) {
    if (result.error === 'product.notFound') throw new Response('Not Found', { status: 404 })
    return redirectWithToast(request, back, { key: `errors:${result.error}`, type: 'error' })
  }
  return redirectWithToast(request, back, { key: `producer:toast.status.${statusOfIntent[intent]}` })
}

type Row = ReturnType<typeof useLoaderData<typeof loader>>['products'][number]

function QuickEdit({ product }: { product: Row }) {
  const { t } = useTranslation('producer')
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const mine = actionData?.productId === product.id ? actionData.result : undefined
  const [form, fields] = useForm({
    id: `quick-${product.id}`,
    lastResult: mine,
    defaultValue: { productId: product.id, stock: product.stock === null ? '' : String(product.stock), priceVnd: product.priceVnd },
    constraint: getZodConstraint(QuickEditSchema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: QuickEditSchema }),
  })
  const busy = navigation.state === 'submitting' && navigation.formData?.get('productId') === product.id && navigation.formData.get('intent') === 'quick'
  return (
    <Form method="post" {...getFormProps(form)} style={styles.quickEdit}>
      <CsrfInput />
      <input type="hidden" name="intent" value="quick" />
      <input type="hidden" name="productId" value={product.id} />
      <ErrorList id={form.errorId} errors={form.errors} />
      {product.madeToOrder ? null : (
        <div className="field" style={styles.quickField}>
          <label htmlFor={fields.stock.id}>{t('list.quickStock')}</label>
          <input {...getInputProps(fields.stock, { type: 'text' })} inputMode="numeric" autoComplete="off" style={styles.stockInput} />
          <ErrorList id={fields.stock.errorId} errors={fields.stock.errors} />
        </div>
      )}
      <div className="field" style={styles.quickField}>
        <label htmlFor={fields.priceVnd.id}>{t('list.quickPrice')}</label>
        <input {...getInputProps(fields.priceVnd, { type: 'text' })} inputMode="numeric" autoComplete="off" style={styles.priceInput} />
        <ErrorList id={fields.priceVnd.errorId} errors={fields.priceVnd.errors} />
      </div>
      <button type="submit" className="button button-small button-secondary" disabled={busy} style={styles.quickField}>
        {t('list.quickSave')}
        <span className="visually-hidden"> {product.sku}</span>
      </button>
    </Form>
  )
}

function StatusBadge({ status }: { status: ProductStatus }) {
  const { t } = useTranslation('producer')
  const tone = status === 'PUBLISHED' ? 'verified' : status === 'ARCHIVED' ? 'suspended' : 'unverified'
  return <span className={`badge badge-${tone}`}>{t(`status.${status}`)}</span>
}

function RowAction({ product, intent, label, danger }: { product: Row; intent: string; label: string; danger?: boolean }) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('productId') === product.id && navigation.formData.get('intent') === intent
  return (
    <Form method="post" className="inline-form">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="productId" value={product.id} />
      <button type="submit" className={`button button-small ${danger ? 'button-danger' : 'button-secondary'}`} disabled={busy}>
        {label}
        <span className="visually-hidden"> {product.sku}</span>
      </button>
    </Form>
  )
}

export default function ProducerProductsPage() {
  const { t } = useTranslation('producer')
  const lang = useLang()
  const { organization, filter, total, pageSize, products, can } = useLoaderData<typeof loader>()
  const base = `/${lang}/orgs/${organization.slug}/products`
  const pages = Math.max(1, Math.ceil(total / pageSize))
  const pageLink = (page: number) => {
    const qs = new URLSearchParams()
    if (filter.status) qs.set('status', filter.status)
    if (filter.category) qs.set('category', filter.category)
    if (filter.q) qs.set('q', filter.q)
    if (page > 1) qs.set('page', String(page))
    const s = qs.toString()
    return s ? `${base}?${s}` : base
  }
  const filtered = Boolean(filter.status || filter.category || filter.q)
  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/orgs/${organization.slug}`}>{t('list.viewProfile')}</Link>
      </p>
      <h1>{t('list.heading', { name: organization.displayName })}</h1>
      <p style={styles.row}>
        {can.create ? (
          <Link to={`${base}/new`} className="button">
            {t('list.new')}
          </Link>
        ) : null}
        {can.create && can.update ? (
          <Link to={`${base}/import`} className="button button-secondary">
            {t('list.import')}
          </Link>
        ) : null}
        <a href={`${base}/export.csv`} className="button button-secondary" download>
          {t('list.export')}
        </a>
        <a href={`${base}/template.csv`} download>
          {t('list.template')}
        </a>
      </p>

      <Form method="get" style={styles.filters} role="search" aria-label={t('list.filters')}>
        <div className="field">
          <label htmlFor="filter-q">{t('list.filterQuery')}</label>
          <input id="filter-q" type="search" name="q" defaultValue={filter.q} maxLength={100} />
        </div>
        <div className="field">
          <label htmlFor="filter-status">{t('list.filterStatus')}</label>
          <select id="filter-status" name="status" defaultValue={filter.status}>
            <option value="">{t('list.filterStatusActive')}</option>
            {productStatuses.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
            <option value="ALL">{t('list.filterStatusAll')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-category">{t('list.filterCategory')}</label>
          <select id="filter-category" name="category" defaultValue={filter.category}>
            <option value="">{t('list.filterCategoryAll')}</option>
            {categoryTree.map((top) => (
              <optgroup key={top.slug} label={categoryName(top, lang)}>
                <option value={top.slug}>{t('list.filterCategoryWhole', { name: categoryName(top, lang) })}</option>
                {top.children.map((c) => (
                  <option key={c.slug} value={c.slug}>
                    {categoryName(c, lang)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div className="field" style={styles.row}>
          <button type="submit" className="button button-secondary">
            {t('list.apply')}
          </button>
          {filtered ? <Link to={base}>{t('list.clear')}</Link> : null}
        </div>
      </Form>

      <p className="meta" role="status">
        {t('list.count', { count: total })}
      </p>

      {products.length === 0 ? (
        <p>{filtered ? t('list.emptyFiltered') : t('list.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('list.colPhoto')}</span>
                </th>
                <th scope="col">{t('list.colProduct')}</th>
                <th scope="col">{t('list.colStatus')}</th>
                <th scope="col">{t('list.colStock')}</th>
                <th scope="col">{t('list.colPrice')}</th>
                {can.update ? <th scope="col">{t('list.colQuickEdit')}</th> : null}
                <th scope="col">
                  <span className="visually-hidden">{t('list.colActions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {products.map((p) => {
                const name = lang === 'en' && p.nameEn ? p.nameEn : p.nameVi
                return (
                  <tr key={p.id}>
                    <td>
                      {p.cover ? (
                        <span style={styles.thumb}>
                          <ProductPicture image={p.cover} sizes="64px" alt="" />
                        </span>
                      ) : (
                        <span className="meta">{t('list.noPhoto')}</span>
                      )}
                    </td>
                    <td>
                      <Link to={`${base}/${p.id}`}>{name}</Link>
                      <p className="meta">
                        {t('list.sku', { sku: p.sku })} · {categoryName(p.category, lang)}
                      </p>
                      {p.suspended ? (
                        <p className="meta">
                          <span className="badge badge-suspended">{t('list.suspended')}</span> {p.suspensionReason}
                        </p>
                      ) : null}
                    </td>
                    <td>
                      <StatusBadge status={p.status} />
                    </td>
                    <td>
                      {p.madeToOrder ? (
                        <>
                          {t('list.madeToOrder')}
                          {p.leadTimeDays ? <p className="meta">{t('list.leadTime', { count: p.leadTimeDays })}</p> : null}
                        </>
                      ) : p.stock === 0 ? (
                        <span className="badge badge-rejected">{t('list.soldOut')}</span>
                      ) : (
                        t('list.stock', { quantity: formatNumber(p.stock ?? 0, lang), unit: t(`unit.${p.unit}`) })
                      )}
                    </td>
                    <td>
                      {t('list.price', { price: formatVnd(BigInt(p.priceVnd), lang), unit: t(`unit.${p.unit}`) })}
                      <p className="meta">
                        {t('list.moq', { quantity: formatNumber(p.moq, lang), unit: t(`unit.${p.unit}`) })}
                        {p.tierCount > 1 ? ` · ${t('list.tiers', { count: p.tierCount })}` : null}
                      </p>
                    </td>
                    {can.update ? (
                      <td>
                        <QuickEdit product={p} />
                      </td>
                    ) : null}
                    <td>
                      <div style={styles.row}>
                        <Link to={`${base}/${p.id}`} className="button button-small button-secondary">
                          {t('list.edit')}
                          <span className="visually-hidden"> {p.sku}</span>
                        </Link>
                        {can.update && p.status !== 'PUBLISHED' ? <RowAction product={p} intent="publish" label={t('list.publish')} /> : null}
                        {can.update && p.status === 'PUBLISHED' ? <RowAction product={p} intent="unpublish" label={t('list.unpublish')} /> : null}
                        {can.create ? <RowAction product={p} intent="duplicate" label={t('list.duplicate')} /> : null}
                        {can.archive && p.status !== 'ARCHIVED' ? <RowAction product={p} intent="archive" label={t('list.archive')} danger /> : null}
                      </div>
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>
      )}

      {pages > 1 ? (
        <nav className="pagination" aria-label={t('list.pagination')}>
          {filter.page > 1 ? <Link to={pageLink(filter.page - 1)}>{t('common:pagination.previous')}</Link> : null}
          <span aria-current="page">{t('common:pagination.page', { page: Math.min(filter.page, pages), pages })}</span>
          {filter.page < pages ? <Link to={pageLink(filter.page + 1)}>{t('common:pagination.next')}</Link> : null}
        </nav>
      ) : null}
    </section>
  )
}
