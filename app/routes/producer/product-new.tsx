import { getFormProps } from '@conform-to/react'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, ErrorList } from '~/components/forms'
import { ProductFields, useProductForm, validateProductForm } from '~/components/product-form'
import { readProducerForm, requireProducer } from '~/modules/catalog/producer-access.server'
import { newProductFormValue } from '~/modules/catalog/product-form-values'
import { createProduct } from '~/modules/catalog/products.server'
import { getOrganizationForEdit } from '~/modules/organizations/organizations.server'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization } = await requireProducer(request, lang, params.slug, 'create:product:own')
  const org = await getOrganizationForEdit(organization.id)
  if (!org) throw new Response('Not Found', { status: 404 })
  return {
    title: getT(lang)('producer:new.title', { name: org.displayName }),
    organization: { slug: org.slug, displayName: org.displayName },
    // Origin defaults from the organisation: most producers sell what they grow where they are.
    defaultValue: newProductFormValue(org),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readProducerForm(request)
  const { organization } = await requireProducer(request, lang, params.slug, 'create:product:own')
  const publish = formData.get('intent') === 'publish'
  const submission = validateProductForm(formData)
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createProduct(organization.id, submission.value, { status: publish ? 'PUBLISHED' : 'DRAFT' })
  if (!result.ok) {
    const reply =
      result.error === 'product.sku.taken'
        ? submission.reply({ fieldErrors: { sku: [result.error] } })
        : result.error === 'product.category.invalid'
          ? submission.reply({ fieldErrors: { categorySlug: [result.error] } })
          : submission.reply({ formErrors: [result.error] })
    return data(reply, { status: 400 })
  }
  // On to the edit page, where the photos are added.
  return redirectWithToast(request, `/${lang}/orgs/${organization.slug}/products/${result.product.id}#photos`, {
    key: publish ? 'producer:toast.createdPublished' : 'producer:toast.created',
  })
}

export default function NewProductPage() {
  const { t } = useTranslation('producer')
  const lang = useLang()
  const { organization, defaultValue } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useProductForm({ id: 'product-new', lastResult, defaultValue })
  const submitting = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/orgs/${organization.slug}/products`}>{t('form.backToList')}</Link>
      </p>
      <h1>{t('new.heading')}</h1>
      <p className="hint">{t('new.intro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <ErrorList id={form.errorId} errors={form.errors} />
        <ProductFields fields={fields} />
        {Object.keys(form.allErrors).length > 0 ? <ErrorList errors={['product.form.fixErrors']} /> : null}
        <p style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
          <button type="submit" name="intent" value="draft" className="button button-secondary" disabled={!!submitting}>
            {t('form.saveDraft')}
          </button>
          <button type="submit" name="intent" value="publish" className="button" disabled={!!submitting}>
            {t('form.savePublish')}
          </button>
        </p>
        <p className="hint">{t('new.photosLater')}</p>
      </Form>
    </section>
  )
}
