import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, useActionData, useNavigation } from '@remix-run/react'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, ErrorList } from '~/components/forms'
import { createOrganization, switchOrganization } from '~/modules/organizations/organizations.server'
import { organizationKinds, OrganizationSchema } from '~/modules/organizations/schemas'
import { requireAuth } from '~/utils/auth.server'
import { readForm } from '~/utils/csrf.server'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { redirectWithToast } from '~/utils/toast.server'
import { OrganizationFields } from '~/components/organization-form'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  await requireAuth(request, lang)
  return { title: getT(lang)('orgs:new.title') }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const auth = await requireAuth(request, lang)
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: OrganizationSchema })
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
  const result = await createOrganization(auth.user.id, submission.value)
  if (!result.ok) return data(submission.reply({ fieldErrors: { taxCode: [result.error] } }), { status: 400 })
  const { organization } = result
  await switchOrganization(auth.id, auth.user.id, organization.id)
  return redirectWithToast(request, `/${lang}/orgs/${organization.slug}`, {
    key: 'orgs:toast.created',
    values: { name: organization.displayName },
  })
}

/** True once React runs in the browser; before that (or without JavaScript) everything stays visible. */
function useHydrated() {
  const [hydrated, setHydrated] = useState(false)
  useEffect(() => setHydrated(true), [])
  return hydrated
}

export default function NewOrganizationPage() {
  const { t } = useTranslation('orgs')
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const hydrated = useHydrated()
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(OrganizationSchema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: OrganizationSchema }),
  })
  const kind = fields.kind.value
  const producer = !hydrated ? 'note' : kind === 'BUYER' ? 'hidden' : kind === 'PRODUCER' ? 'shown' : 'note'
  return (
    <section>
      <h1>{t('new.title')}</h1>
      <p>{t('new.intro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <ErrorList id={form.errorId} errors={form.errors} />
        <fieldset aria-describedby={fields.kind.errors?.length ? fields.kind.errorId : undefined}>
          <legend>{t('fields.kind')}</legend>
          {organizationKinds.map((k) => {
            const { key, ...radio } = getInputProps(fields.kind, { type: 'radio', value: k })
            const id = `kind-${k}`
            return (
              <div className="choice" key={key ?? k}>
                <input {...radio} id={id} aria-describedby={`${id}-hint`} />
                <label htmlFor={id}>{t(`kind.${k}.label`)}</label>
                <p id={`${id}-hint`} className="hint">
                  {t(`kind.${k}.explain`)}
                </p>
              </div>
            )
          })}
          <ErrorList id={fields.kind.errorId} errors={fields.kind.errors} />
        </fieldset>
        <OrganizationFields fields={fields} producer={producer} />
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {t('new.submit')}
        </button>
      </Form>
    </section>
  )
}
