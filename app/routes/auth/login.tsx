import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useNavigation, useSearchParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, ErrorList, Field } from '~/components/forms'
import { login } from '~/modules/accounts/accounts.server'
import { LoginSchema } from '~/modules/accounts/schemas'
import { requireAnonymous, safeRedirect, startUserSession } from '~/utils/auth.server'
import { readForm } from '~/utils/csrf.server'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  await requireAnonymous(request, lang)
  return { title: getT(lang)('auth:login.title') }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: LoginSchema })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password'] }), { status: 400 })
  }
  const result = await login({ ...submission.value, clientIp: context.clientIp ?? 'unknown' })
  if (!result.ok) {
    const status = result.error === 'login.rateLimited' ? 429 : 400
    return data(submission.reply({ formErrors: [result.error], hideFields: ['password'] }), { status })
  }
  return startUserSession(request, result.userId, safeRedirect(submission.value.redirectTo, `/${lang}`))
}

export default function LoginPage() {
  const { t } = useTranslation('auth')
  const lastResult = useActionData<typeof action>()
  const [searchParams] = useSearchParams()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(LoginSchema),
    shouldRevalidate: 'onInput', // onBlur would move the button away from a click that blurs a fixed field
    onValidate: ({ formData }) => parseWithZod(formData, { schema: LoginSchema }),
  })
  const lang = useLang()
  const redirectTo = searchParams.get('redirectTo') ?? ''
  return (
    <section className="narrow">
      <h1>{t('login.title')}</h1>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          label={t('fields.identifier')}
          hint={t('fields.identifierHint')}
          autoComplete="username"
          {...getInputProps(fields.identifier, { type: 'text' })}
          errors={fields.identifier.errors}
        />
        <Field
          label={t('fields.password')}
          autoComplete="current-password"
          {...getInputProps(fields.password, { type: 'password' })}
          errors={fields.password.errors}
        />
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {t('login.submit')}
        </button>
      </Form>
      <p>
        <Link to={`/${lang}/forgot-password`}>{t('login.forgot')}</Link>
      </p>
      <p>
        {t('login.noAccount')}{' '}
        <Link to={`/${lang}/signup${redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ''}`}>{t('login.signupLink')}</Link>
      </p>
    </section>
  )
}
