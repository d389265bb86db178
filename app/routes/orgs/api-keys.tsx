import { getFormProps, getInputProps, useForm, type SubmissionResult } from '@conform-to/react'
import { getZodConstraint, parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, ErrorList, Field } from '~/components/forms'
import { createApiKey, findApiKey, listApiKeys, revokeApiKey, updateApiKeyPurchasing } from '~/modules/api-keys/api-keys.server'
import { ApiKeyCreateFormSchema, ApiKeyPurchasingSchema } from '~/modules/api-keys/schemas'
import type { Permission } from '~/modules/organizations/permissions'
import { readForm } from '~/utils/csrf.server'
import { formatDateTime, formatNumber, formatVnd } from '~/utils/format'
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
      organization: { slug: organization.slug, displayName: organization.displayName, kind: organization.kind },
      keys: keys.map((k) => ({
        id: k.id,
        name: k.name,
        prefix: k.prefix,
        createdAt: k.createdAt.toISOString(),
        createdBy: k.createdBy?.name ?? null,
        lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
        revokedAt: k.revokedAt?.toISOString() ?? null,
        orderLimitVnd: k.orderLimitVnd?.toString() ?? null,
        canApproveOrders: k.canApproveOrders,
      })),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

// Setting what a key may spend and approve is managing keys, as creating them is: owners only.
const intentPermission: Record<string, Permission> = { create: 'create:apikey:own', purchasing: 'create:apikey:own', revoke: 'delete:apikey:own' }

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  const intent = String(formData.get('intent') ?? '')
  const permission = intentPermission[intent]
  if (!permission) throw new Response('Bad Request', { status: 400 })
  const { organization, user } = await requireOrgPermission(request, lang, params.slug, permission)
  const actor = `user:${user.id}`
  // Only buyers place orders: a producer's keys have no limit per order and approve nothing.
  const buyer = organization.kind === 'BUYER'

  if (intent === 'create') {
    const submission = parseWithZod(formData, { schema: ApiKeyCreateFormSchema })
    if (submission.status !== 'success') return data({ result: submission.reply(), created: null }, { status: 400 })
    const { name, orderLimit } = submission.value
    const { key, apiKey } = await createApiKey({ organizationId: organization.id, name, orderLimitVnd: buyer ? orderLimit : null, createdById: user.id, actor })
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

  if (intent === 'purchasing') {
    if (!buyer) throw new Response('Not Found', { status: 404 })
    const submission = parseWithZod(formData, { schema: ApiKeyPurchasingSchema })
    if (submission.status !== 'success') return data({ result: submission.reply(), created: null }, { status: 400 })
    // An unticked checkbox is not sent: the form always shows it, so its absence means "no".
    const changes = { orderLimitVnd: submission.value.orderLimit, canApproveOrders: submission.value.canApproveOrders ?? false }
    if (!(await updateApiKeyPurchasing(organization.id, key.id, changes, actor))) {
      return redirectWithToast(request, keysUrl, { key: 'orgs:apiKeys.toast.alreadyRevoked', type: 'error' })
    }
    return redirectWithToast(request, keysUrl, { key: 'orgs:apiKeys.toast.purchasingSaved', values: { name: key.name } })
  }

  if (!(await revokeApiKey(organization.id, key.id, actor))) {
    return redirectWithToast(request, keysUrl, { key: 'orgs:apiKeys.toast.alreadyRevoked', type: 'error' })
  }
  return redirectWithToast(request, keysUrl, { key: 'orgs:apiKeys.toast.revoked', values: { name: key.name } })
}

type Reply = SubmissionResult<string[]>
type KeyRow = ReturnType<typeof useLoaderData<typeof loader>>['keys'][number]

/** Which form a reply belongs to: the create form, or one key's limit form (by its hidden fields). */
const replyFor = (reply: Reply | undefined, intent: string, id?: string) => {
  const sent = reply?.initialValue as Record<string, unknown> | undefined
  return sent?.intent === intent && (id === undefined || sent.id === id) ? reply : undefined
}

/** A key's limit per order and approval, as the list shows them. */
function Purchasing({ apiKey }: { apiKey: KeyRow }) {
  const { t } = useTranslation('orgs')
  const lang = useLang()
  return (
    <>
      {apiKey.orderLimitVnd === null ? <span className="meta">{t('apiKeys.noLimit')}</span> : t('apiKeys.limitPerOrder', { amount: formatVnd(BigInt(apiKey.orderLimitVnd), lang) })}
      {apiKey.canApproveOrders ? (
        <>
          <br />
          {t('apiKeys.approves')}
        </>
      ) : null}
    </>
  )
}

/** The owner's form for one active key of a buyer: its limit per order and whether it approves orders. Folded until opened. */
function PurchasingForm({ apiKey, lastResult, busy }: { apiKey: KeyRow; lastResult?: Reply; busy: boolean }) {
  const { t } = useTranslation('orgs')
  const lang = useLang()
  const [form, fields] = useForm({
    id: `api-key-${apiKey.id}`,
    lastResult,
    defaultValue: {
      id: apiKey.id,
      orderLimit: apiKey.orderLimitVnd === null ? '' : formatNumber(BigInt(apiKey.orderLimitVnd), lang),
      canApproveOrders: apiKey.canApproveOrders,
    },
    constraint: getZodConstraint(ApiKeyPurchasingSchema),
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApiKeyPurchasingSchema }),
  })
  const hasErrors = Boolean(lastResult?.error && Object.values(lastResult.error).some((e) => e?.length))
  const { key: _checkboxKey, ...approverProps } = getInputProps(fields.canApproveOrders, { type: 'checkbox' })
  return (
    <details className="card" open={hasErrors || undefined}>
      <summary>
        <strong>{t('apiKeys.purchasingSummary', { name: apiKey.name, prefix: apiKey.prefix })}</strong>
      </summary>
      <Form method="post" {...getFormProps(form)} className="narrow">
        <CsrfInput />
        <input type="hidden" name="intent" value="purchasing" />
        <input {...getInputProps(fields.id, { type: 'hidden' })} />
        <ErrorList id={form.errorId} errors={form.errors} />
        <Field
          label={t('apiKeys.orderLimit')}
          hint={t('apiKeys.orderLimitHint')}
          inputMode="numeric"
          autoComplete="off"
          {...getInputProps(fields.orderLimit, { type: 'text' })}
          errors={fields.orderLimit.errors}
        />
        <div className="field">
          <div className="choice">
            <input {...approverProps} aria-describedby={`${fields.canApproveOrders.id}-hint`} />
            <label htmlFor={fields.canApproveOrders.id}>{t('apiKeys.canApproveOrders')}</label>
            <p id={`${fields.canApproveOrders.id}-hint`} className="hint">
              {t('apiKeys.canApproveOrdersHint')}
            </p>
          </div>
        </div>
        <button type="submit" className="button" disabled={busy} aria-label={t('apiKeys.saveLabel', { name: apiKey.name })}>
          {t('apiKeys.save')}
        </button>
      </Form>
    </details>
  )
}

export default function ApiKeysPage() {
  const { t } = useTranslation('orgs')
  const lang = useLang()
  const { organization, keys } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const buyer = organization.kind === 'BUYER'
  const reply = navigation.state === 'idle' ? (actionData?.result as Reply | undefined) : undefined
  const [form, fields] = useForm({
    id: 'create-api-key',
    // A key just created: its reply resets the form (the sent values are not kept in it).
    lastResult: actionData?.created ? reply : replyFor(reply, 'create'),
    constraint: getZodConstraint(ApiKeyCreateFormSchema),
    shouldRevalidate: 'onBlur',
    onValidate: ({ formData }) => parseWithZod(formData, { schema: ApiKeyCreateFormSchema }),
  })
  const submitting = navigation.state === 'submitting' ? navigation.formData : null
  const created = actionData?.created
  const activeKeys = keys.filter((k) => !k.revokedAt)

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
        {buyer ? (
          <Field
            label={t('apiKeys.orderLimit')}
            hint={t('apiKeys.orderLimitHint')}
            inputMode="numeric"
            autoComplete="off"
            {...getInputProps(fields.orderLimit, { type: 'text' })}
            errors={fields.orderLimit.errors}
          />
        ) : null}
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
                {buyer ? <th scope="col">{t('apiKeys.colOrders')}</th> : null}
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
                  {buyer ? (
                    <td>
                      <Purchasing apiKey={k} />
                    </td>
                  ) : null}
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

      {buyer && activeKeys.length > 0 ? (
        <>
          <h2>{t('apiKeys.purchasingHeading')}</h2>
          <p className="hint">{t('apiKeys.purchasingIntro')}</p>
          <div className="cards">
            {activeKeys.map((k) => (
              <PurchasingForm
                key={k.id}
                apiKey={k}
                lastResult={replyFor(reply, 'purchasing', k.id)}
                busy={submitting?.get('intent') === 'purchasing' && submitting.get('id') === k.id}
              />
            ))}
          </div>
        </>
      ) : null}
    </section>
  )
}
