import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { NewPasswordFields } from '~/components/new-password-fields'
import { VerificationBadge } from '~/components/badges'
import { CsrfInput, ErrorList, Field } from '~/components/forms'
import { changePassword } from '~/modules/accounts/accounts.server'
import { formatPhone } from '~/modules/accounts/identifier'
import { ChangePasswordSchema } from '~/modules/accounts/schemas'
import { listMyOrganizations } from '~/modules/organizations/organizations.server'
import { roleCan } from '~/modules/organizations/permissions'
import { requireAuth } from '~/utils/auth.server'
import { readForm } from '~/utils/csrf.server'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

const hideFields = ['currentPassword', 'password', 'confirmPassword']

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { user } = await requireAuth(request, lang)
  const organizations = await listMyOrganizations(user.id)
  return {
    title: getT(lang)('auth:account.title'),
    user: { name: user.name, email: user.email, phone: user.phone, platformRoles: user.platformRoles },
    organizations: organizations.map((o) => ({
      ...o,
      canSeeMembers: roleCan(o.role, 'read:member:own'),
      canEditProfile: roleCan(o.role, 'update:organization:own'),
    })),
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const auth = await requireAuth(request, lang)
  const formData = await readForm(request)
  const submission = parseWithZod(formData, { schema: ChangePasswordSchema })
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields }), { status: 400 })
  }
  const result = await changePassword({
    userId: auth.user.id,
    sessionId: auth.id,
    currentPassword: submission.value.currentPassword,
    password: submission.value.password,
  })
  if (!result.ok) {
    return data(submission.reply({ fieldErrors: { currentPassword: [result.error] }, hideFields }), { status: 400 })
  }
  return redirectWithToast(request, `/${lang}/account`, { key: 'auth:toast.passwordChanged' })
}

export default function AccountPage() {
  const { t } = useTranslation('auth')
  const { user, organizations } = useLoaderData<typeof loader>()
  const lang = useLang()
  const location = useLocation()
  return (
    <section>
      <h1>{t('account.title')}</h1>

      <section aria-labelledby="account-details">
        <h2 id="account-details">{t('account.details')}</h2>
        <dl>
          <dt>{t('account.name')}</dt>
          <dd>{user.name}</dd>
          {user.email ? (
            <>
              <dt>{t('account.email')}</dt>
              <dd>{user.email}</dd>
            </>
          ) : null}
          {user.phone ? (
            <>
              <dt>{t('account.phone')}</dt>
              <dd>{formatPhone(user.phone)}</dd>
            </>
          ) : null}
          {user.platformRoles.length > 0 ? (
            <>
              <dt>{t('account.platformRoles')}</dt>
              <dd className="badges">
                {user.platformRoles.map((role) => (
                  <span key={role} className="badge">
                    {t(`common:platformRole.${role}`)}
                  </span>
                ))}
              </dd>
            </>
          ) : null}
        </dl>
      </section>

      <section aria-labelledby="account-organizations">
        <h2 id="account-organizations">{t('account.organizations')}</h2>
        {organizations.length === 0 ? (
          <>
            <p>{t('account.noOrganizations')}</p>
            <p>
              <Link to={`/${lang}/orgs/new`} className="button">
                {t('account.createOrganization')}
              </Link>
            </p>
          </>
        ) : (
          <>
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('account.organization')}</th>
                    <th scope="col">{t('account.kind')}</th>
                    <th scope="col">{t('account.role')}</th>
                    <th scope="col">{t('account.status')}</th>
                    <th scope="col">{t('account.links')}</th>
                  </tr>
                </thead>
                <tbody>
                  {organizations.map((o) => (
                    <tr key={o.id}>
                      <th scope="row">
                        <Link to={`/${lang}/orgs/${o.slug}`}>{o.displayName}</Link>
                      </th>
                      <td>{t(`common:orgKind.${o.kind}`)}</td>
                      <td>{t(`common:role.${o.role}`)}</td>
                      <td>
                        <VerificationBadge status={o.verificationStatus} />
                      </td>
                      <td>
                        {o.canSeeMembers ? <Link to={`/${lang}/orgs/${o.slug}/members`}>{t('account.members')}</Link> : null}
                        {o.canSeeMembers && o.canEditProfile ? ' · ' : null}
                        {o.canEditProfile ? <Link to={`/${lang}/orgs/${o.slug}/settings`}>{t('account.settings')}</Link> : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <p>
              <Link to={`/${lang}/orgs/new`}>{t('account.createOrganization')}</Link>
            </p>
          </>
        )}
      </section>

      {/* The redirect after a change is a new location: start again with empty fields. */}
      <ChangePasswordForm key={location.key} username={user.email ?? user.phone ?? ''} />
    </section>
  )
}

function ChangePasswordForm({ username }: { username: string }) {
  const { t } = useTranslation('auth')
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'change-password',
    lastResult,
    constraint: getZodConstraint(ChangePasswordSchema),
    // Not onBlur: an error vanishing on blur moves the submit button away between mousedown and click.
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ChangePasswordSchema }),
  })
  return (
    <section aria-labelledby="account-password" className="narrow">
      <h2 id="account-password">{t('account.changePassword')}</h2>
      <p>{t('account.changePasswordIntro')}</p>
      <Form method="post" {...getFormProps(form)}>
        <CsrfInput />
        <ErrorList id={form.errorId} errors={form.errors} />
        {/* Lets password managers tie the new password to the right account. */}
        <input type="text" name="username" autoComplete="username" value={username} hidden readOnly />
        <Field
          label={t('fields.currentPassword')}
          autoComplete="current-password"
          {...getInputProps(fields.currentPassword, { type: 'password' })}
          errors={fields.currentPassword.errors}
        />
        <NewPasswordFields label={t('fields.newPassword')} password={fields.password} confirmPassword={fields.confirmPassword} />
        <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
          {t('account.changePasswordSubmit')}
        </button>
      </Form>
    </section>
  )
}
