import { getFormProps, getInputProps, getSelectProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, ErrorList, Field, SelectField } from '~/components/forms'
import { formatPhone } from '~/modules/accounts/identifier'
import {
  inviteMember,
  listMembers,
  listPendingInvitations,
  removeMember,
  revokeInvitation,
} from '~/modules/organizations/organizations.server'
import { roleCan, type Permission } from '~/modules/organizations/permissions'
import { InviteSchema, memberRoles } from '~/modules/organizations/schemas'
import { readForm } from '~/utils/csrf.server'
import { formatDate } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requireOrgPermission } from '~/utils/permissions.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

const contactOf = (c: { email: string | null; phone: string | null }) => c.email ?? (c.phone ? formatPhone(c.phone) : '')

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization, membership, user } = await requireOrgPermission(request, lang, params.slug, 'read:member:own')
  const [members, invitations] = await Promise.all([
    listMembers(organization.id),
    roleCan(membership.role, 'create:invitation:own') ? listPendingInvitations(organization.id) : Promise.resolve([]),
  ])
  return {
    title: getT(lang)('orgs:members.title', { name: organization.displayName }),
    organization: { slug: organization.slug, displayName: organization.displayName },
    can: {
      invite: roleCan(membership.role, 'create:invitation:own'),
      remove: roleCan(membership.role, 'delete:member:own'),
      revoke: roleCan(membership.role, 'delete:invitation:own'),
      settings: roleCan(membership.role, 'update:organization:own'),
    },
    members: members.map((m) => ({
      id: m.id,
      name: m.user.name,
      contact: contactOf(m.user),
      role: m.role,
      joinedAt: m.createdAt.toISOString(),
      isMe: m.user.id === user.id,
    })),
    invitations: invitations.map((i) => ({
      id: i.id,
      contact: contactOf(i),
      role: i.role,
      invitedBy: i.invitedBy.name,
      expiresAt: i.expiresAt.toISOString(),
    })),
  }
}

const intentPermission: Record<string, Permission> = {
  leave: 'read:member:own', // any member may leave (the last owner is refused by removeMember)
  invite: 'create:invitation:own',
  remove: 'delete:member:own',
  revoke: 'delete:invitation:own',
}

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  const intent = String(formData.get('intent') ?? '')
  const permission = intentPermission[intent]
  if (!permission) throw new Response('Bad Request', { status: 400 })
  // The guard for the permission this intent needs: a MEMBER posting an owner's action gets a 403.
  const { organization, user, membership } = await requireOrgPermission(request, lang, params.slug, permission)
  const membersUrl = `/${lang}/orgs/${organization.slug}/members`

  if (intent === 'invite') {
    const submission = parseWithZod(formData, { schema: InviteSchema })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    const result = await inviteMember({ organizationId: organization.id, inviterId: user.id, lang, ...submission.value })
    if (!result.ok) {
      const reply =
        result.error === 'org.invite.alreadyMember'
          ? submission.reply({ fieldErrors: { identifier: [result.error] } })
          : submission.reply({ formErrors: [result.error] })
      return data(reply, { status: result.error === 'org.invite.rateLimited' ? 429 : 400 })
    }
    return redirectWithToast(request, membersUrl, { key: 'orgs:toast.invited', values: { contact: submission.value.identifier } })
  }

  const id = String(formData.get('id') ?? '')
  if (intent === 'revoke') {
    const revoked = await revokeInvitation(organization.id, id)
    return redirectWithToast(
      request,
      membersUrl,
      revoked ? { key: 'orgs:toast.revoked' } : { key: 'errors:org.invite.notFound', type: 'error' },
    )
  }

  const result = await removeMember(organization.id, intent === 'leave' ? membership.id : id)
  if (!result.ok) return redirectWithToast(request, membersUrl, { key: `errors:${result.error}`, type: 'error' })
  // Having removed themselves, the user can no longer see this page.
  if (result.userId === user.id) return redirectWithToast(request, `/${lang}`, { key: 'orgs:toast.left', values: { name: organization.displayName } })
  return redirectWithToast(request, membersUrl, { key: 'orgs:toast.removed' })
}

export default function MembersPage() {
  const { t } = useTranslation('orgs')
  const lang = useLang()
  const { organization, can, members, invitations } = useLoaderData<typeof loader>()
  const lastResult = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'invite',
    lastResult,
    defaultValue: { role: 'MEMBER' },
    constraint: getZodConstraint(InviteSchema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: InviteSchema }),
  })
  const submitting = navigation.state === 'submitting' ? navigation.formData : null
  const busy = (intent: string, id?: string) => submitting?.get('intent') === intent && (id === undefined || submitting.get('id') === id)

  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/orgs/${organization.slug}`}>{t('settings.viewProfile')}</Link>
        {can.settings ? (
          <>
            {' · '}
            <Link to={`/${lang}/orgs/${organization.slug}/settings`}>{t('settings.link')}</Link>
          </>
        ) : null}
      </p>
      <h1>{t('members.heading', { name: organization.displayName })}</h1>

      <div className="table-wrap">
        <table>
          <caption className="visually-hidden">{t('members.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('members.name')}</th>
              <th scope="col">{t('members.contact')}</th>
              <th scope="col">{t('members.role')}</th>
              <th scope="col">{t('members.joined')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('members.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr key={m.id}>
                <td>
                  {m.name} {m.isMe ? <span className="meta">({t('members.you')})</span> : null}
                </td>
                <td>{m.contact}</td>
                <td>{t(`common:role.${m.role}`)}</td>
                <td>{formatDate(m.joinedAt, lang)}</td>
                {can.remove || m.isMe ? (
                  <td>
                    <Form
                      method="post"
                      className="inline-form"
                      onSubmit={(event) => {
                        if (!window.confirm(t(m.isMe ? 'members.confirmLeave' : 'members.confirmRemove', { name: m.name }))) event.preventDefault()
                      }}
                    >
                      <CsrfInput />
                      <input type="hidden" name="intent" value={m.isMe ? 'leave' : 'remove'} />
                      <input type="hidden" name="id" value={m.id} />
                      <button type="submit" className="button button-small button-danger" disabled={busy(m.isMe ? 'leave' : 'remove', m.id)}>
                        {m.isMe ? t('members.leave') : t('members.remove')}
                        <span className="visually-hidden"> {m.name}</span>
                      </button>
                    </Form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      {can.invite ? (
        <>
          <h2>{t('members.pendingHeading')}</h2>
          {invitations.length === 0 ? (
            <p className="meta">{t('members.noPending')}</p>
          ) : (
            <div className="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('members.contact')}</th>
                    <th scope="col">{t('members.role')}</th>
                    <th scope="col">{t('members.invitedBy')}</th>
                    <th scope="col">{t('members.expires')}</th>
                    {can.revoke ? (
                      <th scope="col">
                        <span className="visually-hidden">{t('members.actions')}</span>
                      </th>
                    ) : null}
                  </tr>
                </thead>
                <tbody>
                  {invitations.map((i) => (
                    <tr key={i.id}>
                      <td>{i.contact}</td>
                      <td>{t(`common:role.${i.role}`)}</td>
                      <td>{i.invitedBy}</td>
                      <td>{formatDate(i.expiresAt, lang)}</td>
                      {can.revoke ? (
                        <td>
                          <Form method="post" className="inline-form">
                            <CsrfInput />
                            <input type="hidden" name="intent" value="revoke" />
                            <input type="hidden" name="id" value={i.id} />
                            <button type="submit" className="button button-small button-secondary" disabled={busy('revoke', i.id)}>
                              {t('members.revoke')}
                              <span className="visually-hidden"> {i.contact}</span>
                            </button>
                          </Form>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}

          <h2 id="invite-heading">{t('members.inviteHeading')}</h2>
          <p className="hint">{t('members.inviteIntro')}</p>
          <Form method="post" {...getFormProps(form)} aria-labelledby="invite-heading" className="narrow">
            <CsrfInput />
            <input type="hidden" name="intent" value="invite" />
            <ErrorList id={form.errorId} errors={form.errors} />
            <Field
              label={t('members.identifier')}
              hint={t('members.identifierHint')}
              autoComplete="off"
              {...getInputProps(fields.identifier, { type: 'text' })}
              errors={fields.identifier.errors}
            />
            <SelectField
              label={t('members.role')}
              options={[...memberRoles].reverse().map((r) => ({ value: r, label: t(`members.roleOption.${r}`) }))}
              {...getSelectProps(fields.role)}
              errors={fields.role.errors}
            />
            <button type="submit" className="button" disabled={busy('invite')}>
              {t('members.inviteSubmit')}
            </button>
          </Form>
        </>
      ) : (
        <p className="hint">{t('members.ownersOnly')}</p>
      )}
    </section>
  )
}
