import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation, useParams } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, ErrorList } from '~/components/forms'
import {
  acceptInvitation,
  getInvitation,
  getMemberRole,
  invitationIsFor,
  maskContact,
  switchOrganization,
} from '~/modules/organizations/organizations.server'
import { getAuth, requireAuth } from '~/utils/auth.server'
import { readForm } from '~/utils/csrf.server'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

// The link carries a secret token: keep the page out of search engines.
export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: 'robots', content: 'noindex' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const t = getT(lang)
  const invitation = params.token ? await getInvitation(params.token) : null
  const auth = await getAuth(request)
  const isMember = !!invitation && !!auth && !!(await getMemberRole(auth.user.id, invitation.organization.id))
  const organization = invitation
    ? { slug: invitation.organization.slug, displayName: invitation.organization.displayName }
    : null

  // Revisiting a link already used: nothing to accept, but no reason to alarm a member either.
  if (invitation && organization && isMember && invitation.status === 'accepted') {
    return { state: 'member' as const, title: t('orgs:invitation.title'), organization }
  }
  if (!invitation || !organization || !invitation.valid) {
    return data({ state: 'invalid' as const, title: t('orgs:invitation.invalidTitle') }, { status: 404 })
  }
  return {
    state: 'valid' as const,
    title: t('orgs:invitation.title'),
    organization: { ...organization, kind: invitation.organization.kind },
    inviter: invitation.invitedBy.name,
    role: invitation.role,
    sentTo: maskContact(invitation),
    viewer: auth ? { name: auth.user.name, matches: invitationIsFor(invitation, auth.user), isMember } : null,
  }
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const auth = await requireAuth(request, lang)
  await readForm(request)
  const result = await acceptInvitation(params.token ?? '', auth.user.id)
  if (!result.ok) return data({ error: result.error }, { status: result.error === 'org.invite.invalid' ? 404 : 403 })
  await switchOrganization(auth.id, auth.user.id, result.organization.id)
  return redirectWithToast(request, `/${lang}/orgs/${result.organization.slug}`, {
    key: 'orgs:toast.joined',
    values: { name: result.organization.displayName },
  })
}

export default function InvitationPage() {
  const { t } = useTranslation('orgs')
  const lang = useLang()
  const loaderData = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  // The token stays in the URL only; the loader does not echo it back.
  const token = useParams().token ?? ''

  if (loaderData.state === 'invalid') {
    return (
      <section className="narrow">
        <h1>{t('invitation.invalidTitle')}</h1>
        <p>{t('invitation.invalidText')}</p>
        <p>
          <Link to={`/${lang}`}>{t('invitation.home')}</Link>
        </p>
      </section>
    )
  }
  if (loaderData.state === 'member') {
    const { organization } = loaderData
    return (
      <section className="narrow">
        <h1>{t('invitation.title')}</h1>
        <p>{t('invitation.alreadyMember', { name: organization.displayName })}</p>
        <p>
          <Link to={`/${lang}/orgs/${organization.slug}`}>{t('invitation.openProfile', { name: organization.displayName })}</Link>
        </p>
      </section>
    )
  }

  const { organization, inviter, role, sentTo, viewer } = loaderData
  const here = `/${lang}/invitations/${encodeURIComponent(token)}`
  const back = `?${new URLSearchParams({ redirectTo: here })}`
  return (
    <section className="narrow">
      <h1>{t('invitation.title')}</h1>
      <p>
        {t('invitation.text', {
          inviter,
          organization: organization.displayName,
          kind: t(`common:orgKind.${organization.kind}`),
          role: t(`common:role.${role}`),
        })}
      </p>
      <p className="meta">{t('invitation.sentTo', { contact: sentTo })}</p>
      <ErrorList errors={actionData?.error ? [actionData.error] : null} />

      {!viewer ? (
        <>
          <p>{t('invitation.needAccount', { contact: sentTo })}</p>
          <p className="actions">
            <Link className="button" to={`/${lang}/login${back}`}>
              {t('invitation.login')}
            </Link>{' '}
            <Link className="button button-secondary" to={`/${lang}/signup${back}`}>
              {t('invitation.signup')}
            </Link>
          </p>
        </>
      ) : viewer.isMember ? (
        <>
          <p>{t('invitation.alreadyMember', { name: organization.displayName })}</p>
          <p>
            <Link to={`/${lang}/orgs/${organization.slug}`}>{t('invitation.openProfile', { name: organization.displayName })}</Link>
          </p>
        </>
      ) : viewer.matches ? (
        <Form method="post">
          <CsrfInput />
          <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
            {t('invitation.accept', { name: organization.displayName })}
          </button>
        </Form>
      ) : (
        <div className="card">
          <h2>{t('invitation.wrongAccountTitle')}</h2>
          <p>{t('invitation.wrongAccountText', { name: viewer.name, contact: sentTo })}</p>
          <Form method="post" action={`/${lang}/logout`}>
            <CsrfInput />
            <input type="hidden" name="redirectTo" value={`/${lang}/login${back}`} />
            <button type="submit" className="button button-secondary">
              {t('invitation.switchAccount')}
            </button>
          </Form>
        </div>
      )}
    </section>
  )
}
