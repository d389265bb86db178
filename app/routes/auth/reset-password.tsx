import { getFormProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { NewPasswordFields } from '~/components/new-password-fields'
import { CsrfInput, ErrorList } from '~/components/forms'
import { findValidResetToken, resetPassword } from '~/modules/accounts/accounts.server'
import { ResetPasswordSchema } from '~/modules/accounts/schemas'
import { readForm } from '~/utils/csrf.server'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

const hideFields = ['password', 'confirmPassword']
const INVALID = 'reset.invalidToken'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const t = getT(lang)
  const token = new URL(request.url).searchParams.get('token') ?? ''
  const valid = token.length > 0 && token.length <= 200 && (await findValidResetToken(token)) !== null
  if (!valid) return data({ title: t('auth:reset.invalidTitle'), token: null }, { status: 400 })
  return { title: t('auth:reset.title'), token }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: ResetPasswordSchema })
  if (submission.status !== 'success') {
    // The token is a hidden field: a problem with it can only be shown as the link being unusable.
    const tokenBroken = Boolean(submission.error?.token?.length)
    return data(submission.reply({ hideFields, formErrors: tokenBroken ? [INVALID] : undefined }), { status: 400 })
  }
  const result = await resetPassword(submission.value.token, submission.value.password)
  if (!result.ok) {
    return data(submission.reply({ formErrors: [result.error], hideFields }), { status: 400 })
  }
  return redirectWithToast(request, `/${lang}/login`, { key: 'auth:toast.passwordReset' })
}

export default function ResetPasswordPage() {
  const { token } = useLoaderData<typeof loader>()
  return token ? <ResetForm token={token} /> : <InvalidLink />
}

function InvalidLink() {
  const { t } = useTranslation('auth')
  const lang = useLang()
  return (
    <section className="narrow">
      <h1>{t('reset.invalidTitle')}</h1>
      <p role="alert">{t('reset.invalid')}</p>
      <p>
        <Link to={`/${lang}/forgot-password`} className="button">
          {t('reset.askAgain')}
        </Link>
      </p>
    </section>
  )
}

function ResetForm({ token }: { token: string }) {
  const { t } = useTranslation('auth')
  const lang = useLang()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(ResetPasswordSchema),
    // Not onBlur: an error vanishing on blur moves the submit button away between mousedown and click.
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ResetPasswordSchema }),
  })
  const linkUnusable = form.errors?.includes(INVALID)
  return (
    <section className="narrow">
      <h1>{t('reset.title')}</h1>
      <p>{t('reset.intro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <input type="hidden" name="token" value={token} />
        <ErrorList id={form.errorId} errors={form.errors} />
        {linkUnusable ? (
          <p>
            <Link to={`/${lang}/forgot-password`}>{t('reset.askAgain')}</Link>
          </p>
        ) : null}
        <NewPasswordFields label={t('fields.newPassword')} password={fields.password} confirmPassword={fields.confirmPassword} />
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {t('reset.submit')}
        </button>
      </Form>
    </section>
  )
}
