import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { VerificationBadge } from '~/components/badges'
import { CsrfInput, ErrorList, Field } from '~/components/forms'
import {
  getOrganizationForEdit,
  LOGO_MAX_BYTES,
  removeOrganizationLogo,
  setOrganizationLogo,
  updateOrganization,
} from '~/modules/organizations/organizations.server'
import { formatOrgPhone } from '~/modules/organizations/phone'
import { OrganizationUpdateSchema } from '~/modules/organizations/schemas'
import { readForm, validateCsrf } from '~/utils/csrf.server'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requireOrgPermission } from '~/utils/permissions.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'
import { OrganizationFields } from '~/components/organization-form'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization } = await requireOrgPermission(request, lang, params.slug, 'update:organization:own')
  const org = await getOrganizationForEdit(organization.id)
  if (!org) throw new Response('Not Found', { status: 404 })
  return {
    title: getT(lang)('orgs:settings.title', { name: org.displayName }),
    org: {
      slug: org.slug,
      kind: org.kind,
      displayName: org.displayName,
      verificationStatus: org.verificationStatus,
      logoVersion: org.logoUpdatedAt?.getTime() ?? null,
    },
    defaultValue: {
      legalForm: org.legalForm,
      legalName: org.legalName,
      displayName: org.displayName,
      taxCode: org.taxCode,
      addressLine: org.addressLine,
      commune: org.commune,
      provinceCode: org.provinceCode,
      formerProvinceCode: org.formerProvinceCode ?? '',
      regionType: org.regionType ?? '',
      phone: formatOrgPhone(org.phone),
      descriptionVi: org.descriptionVi,
      descriptionEn: org.descriptionEn ?? '',
      bankName: org.bankName ?? '',
      bankAccountNumber: org.bankAccountNumber ?? '',
      bankAccountHolder: org.bankAccountHolder ?? '',
    },
  }
}

/** The logo form posts multipart/form-data (parsed in memory, one part at most 5 MB); the profile form does not. */
async function readSettingsForm(request: Request) {
  const type = request.headers.get('Content-Type') ?? ''
  if (!type.startsWith('multipart/form-data')) return readForm(request)
  const formData = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: LOGO_MAX_BYTES }))
  await validateCsrf(request, formData)
  return formData
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const { organization } = await requireOrgPermission(request, lang, params.slug, 'update:organization:own')
  const settingsUrl = `/${lang}/orgs/${organization.slug}/settings`

  let formData: FormData
  try {
    formData = await readSettingsForm(request)
  } catch (error) {
    // Too large a file: nothing was stored, so the CSRF token (in a part we may not have reached) is not needed.
    if (error instanceof MaxPartSizeExceededError) return data({ intent: 'logo' as const, error: 'org.logo.tooLarge' }, { status: 413 })
    if (error instanceof TypeError) throw new Response('Bad Request', { status: 400 })
    throw error
  }

  const intent = formData.get('intent')
  if (intent === 'logo') {
    const file = formData.get('logo')
    if (!(file instanceof File) || file.size === 0) return data({ intent: 'logo' as const, error: 'org.logo.required' }, { status: 400 })
    const result = await setOrganizationLogo(organization.id, new Uint8Array(await file.arrayBuffer()))
    if (!result.ok) return data({ intent: 'logo' as const, error: result.error }, { status: 400 })
    return redirectWithToast(request, settingsUrl, { key: 'orgs:toast.logoUpdated' })
  }
  if (intent === 'removeLogo') {
    await removeOrganizationLogo(organization.id)
    return redirectWithToast(request, settingsUrl, { key: 'orgs:toast.logoRemoved' })
  }
  if (intent !== 'profile') throw new Response('Bad Request', { status: 400 })

  const submission = parseWithZod(formData, { schema: OrganizationUpdateSchema })
  if (submission.status !== 'success') return data({ intent: 'profile' as const, result: submission.reply() }, { status: 400 })
  const result = await updateOrganization(organization.id, submission.value)
  if (!result.ok) {
    if (result.error === 'org.notFound') throw new Response('Not Found', { status: 404 })
    return data({ intent: 'profile' as const, result: submission.reply({ fieldErrors: { taxCode: [result.error] } }) }, { status: 400 })
  }
  return redirectWithToast(request, settingsUrl, {
    key: result.verificationReset ? 'orgs:toast.savedVerificationReset' : 'orgs:toast.saved',
  })
}

export default function OrganizationSettingsPage() {
  const { t } = useTranslation('orgs')
  const lang = useLang()
  const { org, defaultValue } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const submittingIntent = navigation.state === 'submitting' ? navigation.formData?.get('intent') : null
  const [form, fields] = useForm({
    id: 'organization-settings',
    lastResult: actionData?.intent === 'profile' ? actionData.result : undefined,
    defaultValue,
    constraint: getZodConstraint(OrganizationUpdateSchema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganizationUpdateSchema }),
  })
  const logoError = actionData?.intent === 'logo' ? actionData.error : null
  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/orgs/${org.slug}`}>{t('settings.viewProfile')}</Link>
        {' · '}
        <Link to={`/${lang}/orgs/${org.slug}/members`}>{t('members.link')}</Link>
        {' · '}
        <Link to={`/${lang}/orgs/${org.slug}/api-keys`}>{t('apiKeys.link')}</Link>
      </p>
      <h1>{t('settings.heading', { name: org.displayName })}</h1>
      <dl className="facts">
        <dt>{t('fields.kind')}</dt>
        <dd>
          {t(`common:orgKind.${org.kind}`)} <span className="hint">{t('settings.kindFixed')}</span>
        </dd>
        <dt>{t('profile.verification')}</dt>
        <dd>
          <VerificationBadge status={org.verificationStatus} />
        </dd>
      </dl>

      <h2 id="logo-heading">{t('settings.logoHeading')}</h2>
      <div className="org-header">
        {org.logoVersion ? (
          <img className="logo" src={`/media/org-logo/${org.slug}?v=${org.logoVersion}`} alt={t('profile.logoAlt', { name: org.displayName })} width={64} height={64} />
        ) : (
          <p className="hint">{t('settings.noLogo')}</p>
        )}
      </div>
      <Form method="post" encType="multipart/form-data" aria-labelledby="logo-heading">
        <CsrfInput />
        <input type="hidden" name="intent" value="logo" />
        <Field
          label={t('settings.logoFile')}
          hint={t('settings.logoHint')}
          type="file"
          name="logo"
          accept="image/jpeg,image/png,image/webp,image/gif,image/avif"
          required
          errors={logoError ? [logoError] : null}
        />
        <button type="submit" className="button button-secondary" disabled={submittingIntent === 'logo'}>
          {t('settings.logoSubmit')}
        </button>
      </Form>
      {org.logoVersion ? (
        <Form method="post" className="inline-form">
          <CsrfInput />
          <input type="hidden" name="intent" value="removeLogo" />
          <button type="submit" className="button button-small button-danger" disabled={submittingIntent === 'removeLogo'}>
            {t('settings.logoRemove')}
          </button>
        </Form>
      ) : null}

      <h2>{t('settings.profileHeading')}</h2>
      <p className="hint">{t('settings.verificationNote')}</p>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="intent" value="profile" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <OrganizationFields fields={fields} producer={org.kind === 'PRODUCER' ? 'shown' : 'hidden'} />
        <button type="submit" className="button" disabled={submittingIntent === 'profile'}>
          {t('settings.submit')}
        </button>
      </Form>
    </section>
  )
}
