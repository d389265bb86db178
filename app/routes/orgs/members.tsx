import { getFormProps, getInputProps, getSelectProps, useForm, type SubmissionResult } from '@conform-to/react'
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
  updateMember,
} from '~/modules/organizations/organizations.server'
import { roleCan, type Permission } from '~/modules/organizations/permissions'
import { InviteSchema, memberUpdateSchema, rolesFor } from '~/modules/organizations/schemas'
import { readForm } from '~/utils/csrf.server'
import { formatDate, formatNumber, formatVnd } from '~/utils/format'
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
    organization: { slug: organization.slug, displayName: organization.displayName, kind: organization.kind },
    // Purchasing roles (purchaser, approver) only in a buyer organisation: the selects offer only these.
    roles: rolesFor(organization.kind),
    // Owners change members' roles and spending limits.
    canManage: roleCan(membership.role, 'update:member:own'),
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
      orderLimitVnd: m.orderLimitVnd?.toString() ?? null,
      monthlyLimitVnd: m.monthlyLimitVnd?.toString() ?? null,
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
  update: 'update:member:own',
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
    if (!rolesFor(organization.kind).includes(submission.value.role)) {
      return data(submission.reply({ fieldErrors: { role: ['orgs:members.errors.roleBuyerOnly'] } }), { status: 400 })
    }
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

  if (intent === 'update') {
    const submission = parseWithZod(formData, { schema: memberUpdateSchema(organization.kind) })
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 })
    const { id, role, orderLimit, monthlyLimit } = submission.value
    const result = await updateMember(organization.id, id, { role, orderLimitVnd: orderLimit, monthlyLimitVnd: monthlyLimit })
    if (!result.ok) {
      if (result.error === 'org.member.notFound') return redirectWithToast(request, membersUrl, { key: `errors:${result.error}`, type: 'error' })
      const key = result.error === 'org.member.lastOwner' ? 'orgs:members.errors.lastOwner' : 'orgs:members.errors.roleBuyerOnly'
      return data(submission.reply({ fieldErrors: { role: [key] } }), { status: 400 })
    }
    return redirectWithToast(request, membersUrl, { key: 'orgs:toast.memberUpdated', values: { name: result.name } })
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

type Reply = SubmissionResult<string[]>
type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>
type MemberRow = LoaderData['members'][number]

/** Which form a reply belongs to: the invite form, or the role form of one member (by its hidden fields). */
const replyFor = (reply: Reply | undefined, intent: string, id?: string) => {
  const sent = reply?.initialValue as Record<string, unknown> | undefined
  return sent?.intent === intent && (id === undefined || sent.id === id) ? reply : undefined
}

/** A member's limits as the list shows them. */
function Limits({ member }: { member: MemberRow }) {
  const { t } = useTranslation('orgs')
  const lang = useLang()
  if (member.orderLimitVnd === null && member.monthlyLimitVnd === null) return <span className="meta">{t('members.noLimits')}</span>
  const amount = (v: string | null) => (v === null ? t('members.noLimit') : formatVnd(BigInt(v), lang))
  return (
    <>
      {t('members.limitOrder', { amount: amount(member.orderLimitVnd) })}
      <br />
      {t('members.limitMonth', { amount: amount(member.monthlyLimitVnd) })}
    </>
  )
}

/** The owner's form for one member: role, and for a buyer the spending limits. Folded until opened. */
function MemberForm({ member, roles, kind, lastResult, busy }: { member: MemberRow; roles: LoaderData['roles']; kind: LoaderData['organization']['kind']; lastResult?: Reply; busy: boolean }) {
  const { t } = useTranslation('orgs')
  const lang = useLang()
  const buyer = kind === 'BUYER'
  const schema = memberUpdateSchema(kind)
  const typed = (v: string | null) => (v === null ? '' : formatNumber(BigInt(v), lang))
  const [form, fields] = useForm({
    id: `member-${member.id}`,
    lastResult,
    defaultValue: { id: member.id, role: member.role, orderLimit: typed(member.orderLimitVnd), monthlyLimit: typed(member.monthlyLimitVnd) },
    constraint: getZodConstraint(schema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema }),
  })
  const hasErrors = Boolean(lastResult?.error && Object.values(lastResult.error).some((e) => e?.length))
  return (
    <details className="card member-edit" open={hasErrors || undefined}>
      <summary>
        <strong>{t('members.editSummary', { name: member.name, role: t(`common:role.${member.role}`) })}</strong>
      </summary>
      <Form method="post" {...getFormProps(form)} className="narrow" style={{ marginTop: '0.75rem' }}>
        <CsrfInput />
        <input type="hidden" name="intent" value="update" />
        <input {...getInputProps(fields.id, { type: 'hidden' })} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <SelectField
          label={t('members.editRole', { name: member.name })}
          options={roles.map((r) => ({ value: r, label: t(`common:role.${r}`) }))}
          {...getSelectProps(fields.role)}
          errors={fields.role.errors}
        />
        {buyer ? (
          <>
            <Field
              label={t('members.orderLimit')}
              hint={t('members.limitHint')}
              inputMode="numeric"
              autoComplete="off"
              {...getInputProps(fields.orderLimit, { type: 'text' })}
              errors={fields.orderLimit.errors}
            />
            <Field
              label={t('members.monthlyLimit')}
              hint={t('members.limitHint')}
              inputMode="numeric"
              autoComplete="off"
              {...getInputProps(fields.monthlyLimit, { type: 'text' })}
              errors={fields.monthlyLimit.errors}
            />
          </>
        ) : null}
        <button type="submit" className="button" disabled={busy} aria-label={t('members.saveLabel', { name: member.name })}>
          {t('members.save')}
        </button>
      </Form>
    </details>
  )
}

export default function MembersPage() {
  const { t } = useTranslation('orgs')
  const lang = useLang()
  const { organization, roles, canManage, can, members, invitations } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>() as Reply | undefined
  const navigation = useNavigation()
  const buyer = organization.kind === 'BUYER'
  const [form, fields] = useForm({
    id: 'invite',
    lastResult: replyFor(actionData, 'invite'),
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
              {buyer ? <th scope="col">{t('members.limits')}</th> : null}
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
                {buyer ? (
                  <td>
                    <Limits member={m} />
                  </td>
                ) : null}
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

      {canManage ? (
        <>
          <h2>{t('members.manageHeading')}</h2>
          <p className="hint">{buyer ? t('members.manageIntro') : t('members.manageIntroProducer')}</p>
          {/* Each card keeps its own height: opening one form does not stretch its neighbours. */}
          <div className="cards member-forms" style={{ alignItems: 'start' }}>
            {members.map((m) => (
              <MemberForm key={m.id} member={m} roles={roles} kind={organization.kind} lastResult={replyFor(actionData, 'update', m.id)} busy={busy('update', m.id)} />
            ))}
          </div>
        </>
      ) : null}

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
              options={[...roles].reverse().map((r) => ({ value: r, label: t(`members.roleOption.${r}`) }))}
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
