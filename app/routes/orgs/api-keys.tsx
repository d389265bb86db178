import { getFormProps, getInputProps, useForm } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, ErrorList, Field } from '~/components/forms'
import { createApiKey, findApiKey, listApiKeys, revokeApiKey } from '~/modules/api-keys/api-keys.server'
import { ApiKeyCreateSchema } from '~/modules/api-keys/schemas'
import type { Permission } from '~/modules/organizations/permissions'
import { readForm } from '~/utils/csrf.server'
import { formatDateTime } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requireOrgPermission } from '~/utils/permissions.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization } = await requireOrgPermission(request, lang, params.slug, 'read:apikey:own')
  const keys = await listApiKeys(organization.id)
  return data(
    {
      title: getT(lang)('orgs:apiKeys.title', { name: organization.displayName }),
      organization: { slug: organization.slug, displayName: organization.displayName },
      keys: keys.map((k) => ({
        id: k.id,
        name: k.name,
        prefix: k.prefix,
        createdAt: k.createdAt.toISOString(),
        createdBy: k.createdBy?.name ?? null,
        lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
        revokedAt: k.revokedAt?.toISOString() ?? null,
      })),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

const intentPermission: Record<string, Permission> = { create: 'create:apikey:own', revoke: 'delete:apikey:own' }

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  const intent = String(formData.get('intent') ?? '')
  const permission = intentPermission[intent]
  if (!permission) throw new Response('Bad Request', { status: 400 })
  const { organization, user } = await requireOrgPermission(request, lang, params.slug, permission)
  const actor = `user:${user.id}`

  if (intent === 'create') {
    const submission = parseWithZod(formData, { schema: ApiKeyCreateSchema })
    if (submission.status !== 'success') return data({ result: submission.reply(), created: null }, { status: 400 })
    const { key, apiKey } = await createApiKey({ organizationId: organization.id, name: submission.value.name, createdById: user.id, actor })
    // The key is in this one answer only (never in a URL, a toast or a cache): it is not stored in the clear.
    return data(
      { result: submission.reply({ resetForm: true }), created: { name: apiKey.name, key } },
      { headers: { 'Cache-Control': 'no-store' } },
    )
  }

  const id = String(formData.get('id') ?? '')
  const keysUrl = `/${lang}/orgs/${organization.slug}/api-keys`
  const key = await findApiKey(organization.id, id)
  // Another organisation's key is not found, whoever asks.
  if (!key) throw new Response('Not Found', { status: 404 })
  if (!(await revokeApiKey(organization.id, key.id, actor))) {
    return redirectWithToast(request, keysUrl, { key: 'orgs:apiKeys.toast.alreadyRevoked', type: 'error' })
  }
  return redirectWithToast(request, keysUrl, { key: 'orgs:apiKeys.toast.revoked', values: { name: key.name } })
}

export default function ApiKeysPage() {
  const { t } = useTranslation('orgs')
  const lang = useLang()
  const { organization, keys } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const [form, fields] = useForm({
    id: 'create-api-key',
    lastResult: navigation.state === 'idle' ? actionData?.result : undefined,
    constraint: getZodConstraint(ApiKeyCreateSchema),
    shouldRevalidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApiKeyCreateSchema }),
  })
  const submitting = navigation.state === 'submitting' ? navigation.formData : null
  const created = actionData?.created

  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/orgs/${organization.slug}`}>{t('settings.viewProfile')}</Link>
        {' · '}
        <Link to={`/${lang}/orgs/${organization.slug}/settings`}>{t('settings.link')}</Link>
        {' · '}
        <Link to={`/${lang}/orgs/${organization.slug}/members`}>{t('members.link')}</Link>
      </p>
      <h1>{t('apiKeys.heading', { name: organization.displayName })}</h1>
      <p className="hint">
        {t('apiKeys.intro')} <Link to={`/${lang}/api-docs`}>{t('apiKeys.docsLink')}</Link>
      </p>

      {created ? (
        <div className="card" role="status">
          <h2>{t('apiKeys.createdHeading', { name: created.name })}</h2>
          <div className="field">
            <label htmlFor="new-api-key">{t('apiKeys.createdKeyLabel')}</label>
            <input
              id="new-api-key"
              type="text"
              readOnly
              value={created.key}
              autoComplete="off"
              spellCheck={false}
              aria-describedby="new-api-key-hint"
              onFocus={(event) => event.currentTarget.select()}
            />
            <p id="new-api-key-hint" className="hint">
              {t('apiKeys.copyHint')}
            </p>
          </div>
        </div>
      ) : null}

      <h2 id="create-key-heading">{t('apiKeys.createHeading')}</h2>
      <Form method="post" {...getFormProps(form)} aria-labelledby="create-key-heading" className="narrow">
        <CsrfInput />
        <input type="hidden" name="intent" value="create" />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          label={t('apiKeys.name')}
          hint={t('apiKeys.nameHint')}
          autoComplete="off"
          {...getInputProps(fields.name, { type: 'text' })}
          errors={fields.name.errors}
        />
        <button type="submit" className="button" disabled={submitting?.get('intent') === 'create'}>
          {t('apiKeys.submit')}
        </button>
      </Form>

      <h2>{t('apiKeys.listHeading')}</h2>
      {keys.length === 0 ? (
        <p className="meta">{t('apiKeys.none')}</p>
      ) : (
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{t('apiKeys.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('apiKeys.colName')}</th>
                <th scope="col">{t('apiKeys.colPrefix')}</th>
                <th scope="col">{t('apiKeys.colCreated')}</th>
                <th scope="col">{t('apiKeys.colLastUsed')}</th>
                <th scope="col">{t('apiKeys.colStatus')}</th>
                <th scope="col">
                  <span className="visually-hidden">{t('apiKeys.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr key={k.id}>
                  <td>{k.name}</td>
                  <td>
                    <code>{k.prefix}…</code>
                  </td>
                  <td>
                    {formatDateTime(k.createdAt, lang)}{' '}
                    <span className="meta">{k.createdBy ? t('apiKeys.createdBy', { name: k.createdBy }) : t('apiKeys.createdByOperator')}</span>
                  </td>
                  <td>{k.lastUsedAt ? formatDateTime(k.lastUsedAt, lang) : t('apiKeys.never')}</td>
                  <td>{k.revokedAt ? t('apiKeys.revoked', { date: formatDateTime(k.revokedAt, lang) }) : t('apiKeys.active')}</td>
                  <td>
                    {k.revokedAt ? null : (
                      <Form
                        method="post"
                        className="inline-form"
                        onSubmit={(event) => {
                          if (!window.confirm(t('apiKeys.confirmRevoke', { name: k.name }))) event.preventDefault()
                        }}
                      >
                        <CsrfInput />
                        <input type="hidden" name="intent" value="revoke" />
                        <input type="hidden" name="id" value={k.id} />
                        <button
                          type="submit"
                          className="button button-small button-danger"
                          disabled={submitting?.get('intent') === 'revoke' && submitting.get('id') === k.id}
                        >
                          {t('apiKeys.revoke')}
                          <span className="visually-hidden"> {k.name}</span>
                        </button>
                      </Form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
