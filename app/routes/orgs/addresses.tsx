// A buyer organisation's saved delivery addresses (its distribution centres and warehouses): list, add, edit,
// choose the default, delete. Checkout links here with ?redirectTo=… and gets the buyer back after an add.
import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, ErrorList, Field, SelectField } from '~/components/forms'
import {
  createDeliveryAddress,
  deleteDeliveryAddress,
  getDeliveryAddress,
  listDeliveryAddresses,
  updateDeliveryAddress,
} from '~/modules/delivery-addresses/delivery-addresses.server'
import { DELIVERY_ADDRESS_LIMIT, DeliveryAddressCreateSchema } from '~/modules/delivery-addresses/schemas'
import { provinceName, provinces } from '~/modules/geo/provinces'
import { roleCan, type Permission } from '~/modules/organizations/permissions'
import { formatOrgPhone } from '~/modules/organizations/phone'
import { safeRedirect } from '~/utils/auth.server'
import { readForm } from '~/utils/csrf.server'
import type { Language } from '~/utils/i18n'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requireOrgPermission } from '~/utils/permissions.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

// The add and the edit form send every field, so both check them all (the API's partial update schema would
// let an emptied field through unchanged). The form also carries csrf, intent, id and redirectTo: stripped.
const AddressFormSchema = DeliveryAddressCreateSchema.strip()

/** The organisation behind the page: a member with `permission`, and a buyer (producers have no addresses: 404). */
async function requireBuyer(request: Request, lang: Language, slug: string | undefined, permission: Permission) {
  const access = await requireOrgPermission(request, lang, slug, permission)
  if (access.organization.kind !== 'BUYER') throw new Response('Not Found', { status: 404 })
  return access
}

/** A page of this site to return to (checkout), or null: never another host. */
const backTo = (value: FormDataEntryValue | string | null) => safeRedirect(value, '') || null

/** The addresses page, keeping where to return to; `edit` opens that address's form. */
function addressesPath(lang: string, slug: string, options: { redirectTo?: string | null; edit?: string } = {}) {
  const query = new URLSearchParams()
  if (options.edit) query.set('edit', options.edit)
  if (options.redirectTo) query.set('redirectTo', options.redirectTo)
  const qs = query.toString()
  return `/${lang}/orgs/${slug}/addresses${qs ? `?${qs}` : ''}`
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization, membership } = await requireBuyer(request, lang, params.slug, 'read:delivery-address:own')
  const { items, total } = await listDeliveryAddresses(organization.id, { skip: 0, take: DELIVERY_ADDRESS_LIMIT })
  const url = new URL(request.url)
  const can = {
    create: roleCan(membership.role, 'create:delivery-address:own'),
    update: roleCan(membership.role, 'update:delivery-address:own'),
    delete: roleCan(membership.role, 'delete:delivery-address:own'),
  }
  const edit = url.searchParams.get('edit')
  return {
    title: getT(lang)('addresses:title', { name: organization.displayName }),
    organization: { slug: organization.slug, displayName: organization.displayName },
    can,
    full: total >= DELIVERY_ADDRESS_LIMIT,
    limit: DELIVERY_ADDRESS_LIMIT,
    editId: can.update && items.some((a) => a.id === edit) ? edit : null,
    redirectTo: backTo(url.searchParams.get('redirectTo')),
    addresses: items.map((a) => ({
      id: a.id,
      label: a.label,
      recipientName: a.recipientName,
      phone: formatOrgPhone(a.phone),
      addressLine: a.addressLine,
      commune: a.commune,
      provinceCode: a.provinceCode,
      province: provinceName(a.provinceCode),
      isDefault: a.isDefault,
    })),
  }
}

const intentPermission: Record<string, Permission> = {
  create: 'create:delivery-address:own',
  update: 'update:delivery-address:own',
  setDefault: 'update:delivery-address:own',
  delete: 'delete:delivery-address:own',
}

type FormReply = { intent: 'create' | 'update'; id: string | null; result: SubmissionResult<string[]> }

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  const intent = String(formData.get('intent') ?? '')
  const permission = intentPermission[intent]
  if (!permission) throw new Response('Bad Request', { status: 400 })
  // The guard for what this intent needs: a VIEWER posting a change gets a 403.
  const { organization } = await requireBuyer(request, lang, params.slug, permission)
  const redirectTo = backTo(formData.get('redirectTo'))
  const pageUrl = addressesPath(lang, organization.slug, { redirectTo })
  const id = String(formData.get('id') ?? '')
  const reply = (body: FormReply) => data(body, { status: 400 })

  if (intent === 'create') {
    const submission = parseWithZod(formData, { schema: AddressFormSchema })
    if (submission.status !== 'success') return reply({ intent, id: null, result: submission.reply() })
    const result = await createDeliveryAddress(organization.id, submission.value)
    if (!result.ok) return reply({ intent, id: null, result: submission.reply({ formErrors: ['addresses:errors.limitReached'] }) })
    // Back where the buyer came from (checkout), else the list.
    return redirectWithToast(request, redirectTo ?? pageUrl, { key: 'addresses:toast.created', values: { label: result.address.label } })
  }

  if (intent === 'update') {
    const submission = parseWithZod(formData, { schema: AddressFormSchema })
    if (submission.status !== 'success') return reply({ intent, id, result: submission.reply() })
    const result = await updateDeliveryAddress(organization.id, id, submission.value)
    if (!result.ok) {
      if (result.error === 'NOT_FOUND') return redirectWithToast(request, pageUrl, { key: 'addresses:errors.notFound', type: 'error' })
      return reply({ intent, id, result: submission.reply({ formErrors: ['addresses:errors.defaultRequired'] }) })
    }
    return redirectWithToast(request, pageUrl, { key: 'addresses:toast.updated', values: { label: result.address.label } })
  }

  if (intent === 'setDefault') {
    const result = await updateDeliveryAddress(organization.id, id, { isDefault: true })
    if (!result.ok) return redirectWithToast(request, pageUrl, { key: 'addresses:errors.notFound', type: 'error' })
    return redirectWithToast(request, pageUrl, { key: 'addresses:toast.defaultSet', values: { label: result.address.label } })
  }

  // delete: when the default goes, the service makes the newest remaining address the default; say which.
  const address = await getDeliveryAddress(organization.id, id)
  if (!address || !(await deleteDeliveryAddress(organization.id, address.id))) {
    return redirectWithToast(request, pageUrl, { key: 'addresses:errors.notFound', type: 'error' })
  }
  if (address.isDefault) {
    const { items } = await listDeliveryAddresses(organization.id, { skip: 0, take: 1 })
    if (items[0]?.isDefault) {
      return redirectWithToast(request, pageUrl, {
        key: 'addresses:toast.deletedNewDefault',
        values: { label: address.label, newDefault: items[0].label },
      })
    }
  }
  return redirectWithToast(request, pageUrl, { key: 'addresses:toast.deleted', values: { label: address.label } })
}

type AddressView = ReturnType<typeof useLoaderData<typeof loader>>['addresses'][number]

export default function AddressesPage() {
  const { t } = useTranslation('addresses')
  const lang = useLang()
  const { organization, can, full, limit, editId, redirectTo, addresses } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const submitting = navigation.state === 'submitting' ? navigation.formData : null
  const busy = (intent: string, id?: string) => submitting?.get('intent') === intent && (id === undefined || submitting.get('id') === id)
  const orgPath = `/${lang}/orgs/${organization.slug}`

  return (
    <section>
      <p className="meta">
        <Link to={orgPath}>{t('orgs:settings.viewProfile')}</Link>
        {' · '}
        <Link to={`${orgPath}/members`}>{t('orgs:members.link')}</Link>
      </p>
      <h1>{t('heading', { name: organization.displayName })}</h1>
      <p className="hint">{t('intro')}</p>
      {redirectTo ? (
        <p>
          <Link to={redirectTo}>{t('back')}</Link>
        </p>
      ) : null}

      <h2 id="address-list-heading">{t('listHeading', { count: addresses.length })}</h2>
      {addresses.length === 0 ? (
        <p className="meta">{t('none')}</p>
      ) : (
        <ul className="cards" aria-labelledby="address-list-heading">
          {addresses.map((a) => (
            <li key={a.id} id={`address-${a.id}`} className="card">
              {a.id === editId ? (
                <AddressForm
                  formId={`address-edit-${a.id}`}
                  intent="update"
                  id={a.id}
                  heading={t('editHeading', { label: a.label })}
                  lastResult={actionData?.intent === 'update' && actionData.id === a.id ? actionData.result : undefined}
                  defaultValue={{
                    label: a.label,
                    recipientName: a.recipientName,
                    phone: a.phone,
                    addressLine: a.addressLine,
                    commune: a.commune,
                    province: a.provinceCode,
                  }}
                  offerDefault={!a.isDefault}
                  redirectTo={redirectTo}
                  submitLabel={t('save')}
                  busy={busy('update', a.id)}
                  cancelTo={`${addressesPath(lang, organization.slug, { redirectTo })}#address-${a.id}`}
                />
              ) : (
                <AddressCard
                  address={a}
                  can={can}
                  redirectTo={redirectTo}
                  editTo={`${addressesPath(lang, organization.slug, { redirectTo, edit: a.id })}#address-${a.id}`}
                  busy={busy}
                  onlyOne={addresses.length === 1}
                />
              )}
            </li>
          ))}
        </ul>
      )}

      {!can.create ? (
        <p className="hint">{t('readOnly')}</p>
      ) : full ? (
        <p className="hint" role="status">
          {t('limitReached', { limit })}
        </p>
      ) : (
        <div className="narrow">
          <AddressForm
            formId="address-create"
            intent="create"
            id={null}
            heading={t('addHeading')}
            lastResult={actionData?.intent === 'create' ? actionData.result : undefined}
            defaultValue={{}}
            offerDefault={addresses.length > 0}
            redirectTo={redirectTo}
            submitLabel={t('add')}
            busy={busy('create')}
          />
        </div>
      )}
    </section>
  )
}

function AddressCard({
  address: a,
  can,
  redirectTo,
  editTo,
  busy,
  onlyOne,
}: {
  address: AddressView
  can: { update: boolean; delete: boolean }
  redirectTo: string | null
  editTo: string
  busy: (intent: string, id?: string) => boolean
  onlyOne: boolean
}) {
  const { t } = useTranslation('addresses')
  const confirmKey = a.isDefault && !onlyOne ? 'confirmDeleteDefault' : 'confirmDelete'
  return (
    <>
      <h3>
        {a.label}{' '}
        {a.isDefault ? (
          <span className="badge" style={{ color: 'var(--green)', background: 'var(--green-soft)' }}>
            {t('default')}
          </span>
        ) : null}
      </h3>
      <p className="meta">
        {a.recipientName} · <a href={`tel:${a.phone.replace(/\s/g, '')}`}>{a.phone}</a>
      </p>
      <p style={{ margin: '0.2rem 0 0.75rem' }}>{[a.addressLine, a.commune, a.province].join(', ')}</p>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem' }}>
        {can.update ? (
          <Link to={editTo} className="button button-small button-secondary">
            {t('edit')}
            <span className="visually-hidden"> {a.label}</span>
          </Link>
        ) : null}
        {can.update && !a.isDefault ? (
          <Form method="post" className="inline-form">
            <CsrfInput />
            <input type="hidden" name="intent" value="setDefault" />
            <input type="hidden" name="id" value={a.id} />
            {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
            <button type="submit" className="button button-small button-secondary" disabled={busy('setDefault', a.id)}>
              {t('makeDefault')}
              <span className="visually-hidden"> {a.label}</span>
            </button>
          </Form>
        ) : null}
        {can.delete ? (
          <Form
            method="post"
            className="inline-form"
            onSubmit={(event) => {
              if (!window.confirm(t(confirmKey, { label: a.label }))) event.preventDefault()
            }}
          >
            <CsrfInput />
            <input type="hidden" name="intent" value="delete" />
            <input type="hidden" name="id" value={a.id} />
            {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
            <button type="submit" className="button button-small button-danger" disabled={busy('delete', a.id)}>
              {t('delete')}
              <span className="visually-hidden"> {a.label}</span>
            </button>
          </Form>
        ) : null}
      </div>
    </>
  )
}

function AddressForm({
  formId,
  intent,
  id,
  heading,
  lastResult,
  defaultValue,
  offerDefault,
  redirectTo,
  submitLabel,
  busy,
  cancelTo,
}: {
  formId: string
  intent: 'create' | 'update'
  id: string | null
  heading: string
  lastResult: SubmissionResult<string[]> | undefined
  defaultValue: Record<string, string>
  /** Show "make this the default" (not for the first address, which is the default anyway, nor the default itself). */
  offerDefault: boolean
  redirectTo: string | null
  submitLabel: string
  busy: boolean
  cancelTo?: string
}) {
  const { t } = useTranslation('addresses')
  const [form, fields] = useForm({
    id: formId,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(AddressFormSchema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: AddressFormSchema }),
  })
  const headingId = `${formId}-heading`
  const input = (field: (typeof fields)['label'], type: 'text' | 'tel' = 'text') => {
    const { key: _key, ...props } = getInputProps(field, { type })
    return props
  }
  const { key: _selectKey, ...provinceProps } = getSelectProps(fields.province)
  const { key: _checkboxKey, ...defaultProps } = getInputProps(fields.isDefault, { type: 'checkbox' })

  return (
    <Form method="post" {...getFormProps(form)} aria-labelledby={headingId}>
      {intent === 'create' ? <h2 id={headingId}>{heading}</h2> : <h3 id={headingId}>{heading}</h3>}
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      {id ? <input type="hidden" name="id" value={id} /> : null}
      {redirectTo ? <input type="hidden" name="redirectTo" value={redirectTo} /> : null}
      <ErrorList id={form.errorId} errors={form.errors} />
      <Field label={t('fields.label')} hint={t('fields.labelHint')} autoComplete="off" {...input(fields.label)} errors={fields.label.errors} />
      <Field label={t('fields.recipientName')} autoComplete="name" {...input(fields.recipientName)} errors={fields.recipientName.errors} />
      <Field
        label={t('fields.phone')}
        hint={t('fields.phoneHint')}
        autoComplete="tel"
        inputMode="tel"
        {...input(fields.phone, 'tel')}
        errors={fields.phone.errors}
      />
      <Field
        label={t('fields.addressLine')}
        hint={t('fields.addressLineHint')}
        autoComplete="address-line1"
        {...input(fields.addressLine)}
        errors={fields.addressLine.errors}
      />
      <Field label={t('fields.commune')} hint={t('fields.communeHint')} autoComplete="off" {...input(fields.commune)} errors={fields.commune.errors} />
      <SelectField
        label={t('fields.province')}
        placeholder={t('fields.provincePlaceholder')}
        options={provinces.map((p) => ({ value: p.code, label: p.name }))}
        {...provinceProps}
        errors={fields.province.errors}
      />
      {offerDefault ? (
        <div className="field">
          <div className="choice">
            <input {...defaultProps} />
            <label htmlFor={fields.isDefault.id}>{t('fields.isDefault')}</label>
          </div>
        </div>
      ) : (
        <p className="hint" style={{ marginBottom: '1rem' }}>
          {t(intent === 'create' ? 'firstIsDefault' : 'isDefaultNote')}
        </p>
      )}
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.5rem', alignItems: 'center' }}>
        <button type="submit" className="button" disabled={busy}>
          {submitLabel}
        </button>
        {cancelTo ? (
          <Link to={cancelTo} className="button button-secondary">
            {t('cancel')}
          </Link>
        ) : null}
      </div>
    </Form>
  )
}
