import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { NewPasswordFields } from '~/components/new-password-fields'
import { CsrfInput, ErrorList, Field } from '~/components/forms'
import { signup } from '~/modules/accounts/accounts.server'
import { SignupSchema } from '~/modules/accounts/schemas'
import { requireAnonymous, safeRedirect, startUserSession } from '~/utils/auth.server'
import { readForm } from '~/utils/csrf.server'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { useLang } from '~/utils/use-lang'

const hideFields = ['password', 'confirmPassword']

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  await requireAnonymous(request, lang)
  return { title: getT(lang)('auth:signup.title') }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  await requireAnonymous(request, lang)
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: SignupSchema })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields }), { status: 400 })
  }
  const { name, identifier, password, redirectTo } = submission.value
  const result = await signup({ name, identifier, password, locale: lang })
  if (!result.ok) {
    return data(submission.reply({ fieldErrors: { identifier: [result.error] }, hideFields }), { status: 400 })
  }
  // A new account's next step is an organisation, unless it came here to accept an invitation.
  return startUserSession(request, result.userId, safeRedirect(redirectTo, `/${lang}/orgs/new`), { key: 'toast.welcome' })
}

export default function SignupPage() {
  const { t } = useTranslation('auth')
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const lang = useLang()
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(SignupSchema),
    // Not onBlur: an error vanishing on blur moves the submit button away between mousedown and click.
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: SignupSchema }),
  })
  const redirectTo = searchParams.get('redirectTo') ?? ''
  return (
    <section className="narrow">
      <h1>{t('signup.title')}</h1>
      <p>{t('signup.intro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          label={t('fields.name')}
          autoComplete="name"
          {...getInputProps(fields.name, { type: 'text' })}
          errors={fields.name.errors}
        />
        <Field
          label={t('fields.identifier')}
          hint={t('signup.identifierHint')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          {...getInputProps(fields.identifier, { type: 'text' })}
          errors={fields.identifier.errors}
        />
        <NewPasswordFields label={t('fields.password')} password={fields.password} confirmPassword={fields.confirmPassword} />
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {t('signup.submit')}
        </button>
      </Form>
      <p>
        {t('signup.haveAccount')}{' '}
        <Link to={`/${lang}/login${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ''}`}>{t('signup.loginLink')}</Link>
      </p>
    </section>
  )
}
