import { getFormProps } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, ErrorList } from '~/components/forms'
import { ProductFields, useProductForm, validateProductForm } from '~/components/product-form'
import { ProductPhotosEditor } from '~/components/product-photos-editor'
import type { ProductStatus } from '~/generated/prisma/enums'
import { readProducerForm, requireProducer } from '~/modules/catalog/producer-access.server'
import { productFormValue } from '~/modules/catalog/product-form-values'
import {
  duplicateProduct,
  getProductForEdit,
  producerOwnsProduct,
  setProductStatus,
  updateProduct,
  type ProductStatusChange,
} from '~/modules/catalog/products.server'
import { handleProductPhotosAction, isProductPhotosRequest } from '~/modules/media/product-photos-action.server'
import { roleCan, type Permission } from '~/modules/organizations/permissions'
import { formatDateTime } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

/**
 * A member of the PRODUCER organisation `slug` (else 404), and the product must be one of its own: another
 * producer's product id is a 404 exactly like an id that does not exist.
 */
async function requireOwnProduct(request: Request, params: { lang?: string; slug?: string; id?: string }) {
  const lang = langOf(params)
  const guard = await requireProducer(request, lang, params.slug, 'read:product:own')
  const productId = params.id ?? ''
  return { ...guard, lang, productId }
}

function requirePermission(role: Parameters<typeof roleCan>[0], permission: Permission) {
  if (!roleCan(role, permission)) throw new Response('Forbidden', { status: 403 })
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, membership, lang, productId } = await requireOwnProduct(request, params)
  const product = await getProductForEdit(organization.id, productId)
  if (!product) throw new Response('Not Found', { status: 404 })
  return {
    title: getT(lang)('producer:edit.title', { name: (lang === 'en' && product.nameEn) || product.nameVi, sku: product.sku }),
    organization: { slug: organization.slug, displayName: organization.displayName },
    product: {
      id: product.id,
      sku: product.sku,
      slug: product.slug,
      nameVi: product.nameVi,
      nameEn: product.nameEn,
      status: product.status,
      publishedAt: product.publishedAt?.toISOString() ?? null,
      updatedAt: product.updatedAt.toISOString(),
      suspended: !!product.suspendedAt,
      suspensionReason: product.suspensionReason,
      images: product.images,
    },
    defaultValue: productFormValue(product),
    can: {
      update: roleCan(membership.role, 'update:product:own'),
      archive: roleCan(membership.role, 'delete:product:own'),
      duplicate: roleCan(membership.role, 'create:product:own'),
    },
  }
}

const statusOfIntent: Record<string, ProductStatusChange> = { publish: 'PUBLISHED', unpublish: 'UNPUBLISHED', archive: 'ARCHIVED' }

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization, membership, lang, productId } = await requireOwnProduct(request, params)
  if (!(await producerOwnsProduct(organization.id, productId))) throw new Response('Not Found', { status: 404 })
  const photos = { producerId: organization.id, productId, lang }
  const editUrl = `/${lang}/orgs/${organization.slug}/products/${productId}`

  // The photo editor's forms are multipart; its helper reads them (and checks the CSRF token) itself.
  if (isProductPhotosRequest(request)) {
    requirePermission(membership.role, 'update:product:own')
    return handleProductPhotosAction(request, photos)
  }
  const formData = await readProducerForm(request)
  const intent = String(formData.get('intent') ?? '')
  if (intent.startsWith('photo-')) {
    requirePermission(membership.role, 'update:product:own')
    return handleProductPhotosAction(request, { ...photos, formData })
  }

  if (intent === 'save' || intent === 'save-publish') {
    requirePermission(membership.role, 'update:product:own')
    const submission = validateProductForm(formData)
    if (submission.status !== 'success') return data({ intent: 'save' as const, result: submission.reply() }, { status: 400 })
    const result = await updateProduct(organization.id, productId, submission.value, intent === 'save-publish' ? { status: 'PUBLISHED' } : {})
    if (!result.ok) {
      if (result.error === 'product.notFound') throw new Response('Not Found', { status: 404 })
      const reply =
        result.error === 'product.sku.taken'
          ? submission.reply({ fieldErrors: { sku: [result.error] } })
          : result.error === 'product.category.invalid'
            ? submission.reply({ fieldErrors: { categorySlug: [result.error] } })
            : submission.reply({ formErrors: [result.error] })
      return data({ intent: 'save' as const, result: reply }, { status: 400 })
    }
    return redirectWithToast(request, editUrl, { key: intent === 'save-publish' ? 'producer:toast.savedPublished' : 'producer:toast.saved' })
  }

  if (intent === 'duplicate') {
    requirePermission(membership.role, 'create:product:own')
    const result = await duplicateProduct(organization.id, productId)
    if (!result.ok) throw new Response('Not Found', { status: 404 })
    return redirectWithToast(request, `/${lang}/orgs/${organization.slug}/products/${result.product.id}`, {
      key: 'producer:toast.duplicated',
      values: { sku: result.product.sku },
    })
  }

  const status = statusOfIntent[intent]
  if (!status) throw new Response('Bad Request', { status: 400 })
  requirePermission(membership.role, status === 'ARCHIVED' ? 'delete:product:own' : 'update:product:own')
  const result = await setProductStatus(organization.id, productId, status)
  if (!result.ok) {
    if (result.error === 'product.notFound') throw new Response('Not Found', { status: 404 })
    return redirectWithToast(request, editUrl, { key: `errors:${result.error}`, type: 'error' })
  }
  return redirectWithToast(request, editUrl, { key: `producer:toast.status.${status}` })
}

function StatusButton({ intent, label, danger }: { intent: string; label: string; danger?: boolean }) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === intent
  return (
    <Form method="post" className="inline-form">
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <button type="submit" className={`button button-small ${danger ? 'button-danger' : 'button-secondary'}`} disabled={busy}>
        {label}
      </button>
    </Form>
  )
}

function StatusBadge({ status }: { status: ProductStatus }) {
  const { t } = useTranslation('producer')
  const tone = status === 'PUBLISHED' ? 'verified' : status === 'ARCHIVED' ? 'suspended' : 'unverified'
  return <span className={`badge badge-${tone}`}>{t(`status.${status}`)}</span>
}

export default function EditProductPage() {
  const { t } = useTranslation('producer')
  const lang = useLang()
  const { organization, product, defaultValue, can } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const formResult = actionData && 'intent' in actionData ? actionData.result : undefined
  const photoResult = actionData && 'photoErrors' in actionData ? actionData : null
  const [form, fields] = useProductForm({ id: `product-${product.id}`, lastResult: formResult, defaultValue })
  const submitting = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const saving = submitting === 'save' || submitting === 'save-publish'
  const name = lang === 'en' && product.nameEn ? product.nameEn : product.nameVi
  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/orgs/${organization.slug}/products`}>{t('form.backToList')}</Link>
      </p>
      <h1>{t('edit.heading', { name })}</h1>
      <dl className="facts">
        <dt>{t('edit.sku')}</dt>
        <dd>{product.sku}</dd>
        <dt>{t('edit.status')}</dt>
        <dd>
          <StatusBadge status={product.status} />{' '}
          {product.publishedAt ? <span className="meta">{t('edit.publishedAt', { date: formatDateTime(product.publishedAt, lang) })}</span> : null}
        </dd>
        <dt>{t('edit.updatedAt')}</dt>
        <dd>{formatDateTime(product.updatedAt, lang)}</dd>
      </dl>
      {product.suspended ? (
        <div className="toast toast-error" role="status">
          <strong>{t('edit.suspended')}</strong> {product.suspensionReason}
        </div>
      ) : null}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'center', margin: '1rem 0' }}>
        <Link to={`/${lang}/p/${product.slug}`}>{product.status === 'PUBLISHED' ? t('edit.viewPublic') : t('edit.preview')}</Link>
        {can.update && product.status !== 'PUBLISHED' ? <StatusButton intent="publish" label={t('list.publish')} /> : null}
        {can.update && product.status === 'PUBLISHED' ? <StatusButton intent="unpublish" label={t('list.unpublish')} /> : null}
        {can.duplicate ? <StatusButton intent="duplicate" label={t('list.duplicate')} /> : null}
        {can.archive && product.status !== 'ARCHIVED' ? <StatusButton intent="archive" label={t('list.archive')} danger /> : null}
      </div>

      {can.update ? (
        <ProductPhotosEditor
          images={product.images}
          photoErrors={photoResult?.photoErrors}
          photosAdded={photoResult?.photosAdded}
          productName={product.nameVi}
        />
      ) : null}

      <h2 id="details-heading">{t('edit.details')}</h2>
      <Form method="post" {...getFormProps(form)} aria-labelledby="details-heading">
        <CsrfInput />
        <ErrorList id={form.errorId} errors={form.errors} />
        <fieldset disabled={!can.update} style={{ border: 0, padding: 0, margin: 0 }}>
          <ProductFields fields={fields} />
        </fieldset>
        {Object.keys(form.allErrors).length > 0 ? <ErrorList errors={['product.form.fixErrors']} /> : null}
        {can.update ? (
          <p style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
            <button type="submit" name="intent" value="save" className={product.status === 'PUBLISHED' ? 'button' : 'button button-secondary'} disabled={saving}>
              {product.status === 'PUBLISHED' ? t('form.saveChanges') : t('form.save')}
            </button>
            {product.status !== 'PUBLISHED' ? (
              <button type="submit" name="intent" value="save-publish" className="button" disabled={saving}>
                {t('form.savePublish')}
              </button>
            ) : null}
          </p>
        ) : null}
      </Form>
    </section>
  )
}
