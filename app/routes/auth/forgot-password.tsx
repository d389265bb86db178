import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, ErrorList, Field } from '~/components/forms'
import { requestPasswordReset } from '~/modules/accounts/accounts.server'
import { ForgotPasswordSchema } from '~/modules/accounts/schemas'
import { readForm } from '~/utils/csrf.server'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const sent = new URL(request.url).searchParams.has('sent')
  return { title: getT(lang)(sent ? 'auth:forgot.sentTitle' : 'auth:forgot.title'), sent }
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: ForgotPasswordSchema })
  if (submission.status !== 'success') {
    return data(submission.reply(), { status: 400 })
  }
  await requestPasswordReset(submission.value.identifier, lang, context.clientIp)
  // The same answer whether or not an account exists; redirecting means a reload does not send another link.
  return redirect(`/${lang}/forgot-password?sent=1`)
}

export default function ForgotPasswordPage() {
  const { t } = useTranslation('auth')
  const { sent } = useLoaderData<typeof loader>()
  const lang = useLang()
  if (sent) {
    return (
      <section className="narrow">
        <h1>{t('forgot.sentTitle')}</h1>
        <p role="status">{t('forgot.sent')}</p>
        <p>{t('forgot.notReceived')}</p>
        <p>
          <Link to={`/${lang}/forgot-password`}>{t('forgot.askAgain')}</Link>
        </p>
        <p>
          <Link to={`/${lang}/login`}>{t('forgot.backToLogin')}</Link>
        </p>
      </section>
    )
  }
  return <RequestForm />
}

function RequestForm() {
  const { t } = useTranslation('auth')
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const lang = useLang()
  const [form, fields] = useForm({
    lastResult,
    constraint: getZodConstraint(ForgotPasswordSchema),
    // Not onBlur: an error vanishing on blur moves the submit button away between mousedown and click.
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ForgotPasswordSchema }),
  })
  return (
    <section className="narrow">
      <h1>{t('forgot.title')}</h1>
      <p>{t('forgot.intro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          label={t('fields.identifier')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          {...getInputProps(fields.identifier, { type: 'text' })}
          errors={fields.identifier.errors}
        />
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {t('forgot.submit')}
        </button>
      </Form>
      <p>
        <Link to={`/${lang}/login`}>{t('forgot.backToLogin')}</Link>
      </p>
    </section>
  )
}
