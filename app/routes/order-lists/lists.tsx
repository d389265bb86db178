// A buyer organisation's saved order lists (requisition lists): /:lang/orgs/:slug/lists. Every member sees
// them ('read:order:own'); members who may order ('create:order:own') create them here and change them on
// each list's page (list.tsx). Producers have no lists: 404.
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, ErrorList } from '~/components/forms'
import { requireListsAccess } from '~/modules/order-lists/access.server'
import { createOrderList, listOrderLists } from '~/modules/order-lists/order-lists.server'
import { ORDER_LIST_LIMITS, orderListName } from '~/modules/order-lists/schemas'
import { roleCan } from '~/modules/organizations/permissions'
import { readForm } from '~/utils/csrf.server'
import { formatDate } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const { organization, membership } = await requireListsAccess(request, lang, params.slug, 'read:order:own')
  return {
    title: getT(lang)('lists:title', { name: organization.displayName }),
    organization: { slug: organization.slug, displayName: organization.displayName },
    canEdit: roleCan(membership.role, 'create:order:own'),
    lists: await listOrderLists(organization.id),
  }
}

type CreateReply = { name: string; errors: string[] }

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  if (formData.get('intent') !== 'create') throw new Response('Bad Request', { status: 400 })
  // A VIEWER posting gets a 403 here.
  const { organization, user } = await requireListsAccess(request, lang, params.slug, 'create:order:own')
  const raw = String(formData.get('name') ?? '')
  const parsed = orderListName().safeParse(raw)
  if (!parsed.success) return data<CreateReply>({ name: raw, errors: parsed.error.issues.map((i) => i.message) }, { status: 400 })
  const result = await createOrderList(organization.id, user.id, { name: parsed.data })
  if (!result.ok) return data<CreateReply>({ name: raw, errors: [result.error] }, { status: 400 })
  return redirectWithToast(request, `/${lang}/orgs/${organization.slug}/lists/${result.list.id}`, { key: 'lists:toast.created', values: { name: result.list.name } })
}

export default function OrderListsPage() {
  const { t } = useTranslation('lists')
  const lang = useLang()
  const { organization, canEdit, lists } = useLoaderData<typeof loader>()
  const reply = useActionData<typeof action>() as CreateReply | undefined
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'create'
  const base = `/${lang}/orgs/${organization.slug}/lists`
  return (
    <section>
      <h1>{t('heading')}</h1>
      <p className="hint">{t('intro', { name: organization.displayName })}</p>

      <h2 id="lists-heading">{t('listsHeading', { count: lists.length })}</h2>
      {lists.length === 0 ? (
        <p className="meta">{t('none')}</p>
      ) : (
        <ul className="cards" aria-labelledby="lists-heading">
          {lists.map((list) => (
            <li key={list.id} className="card">
              <h3>
                <Link to={`${base}/${list.id}`}>{list.name}</Link>
              </h3>
              <p className="meta">{t('itemCount', { count: list.itemCount })}</p>
              <p className="meta">
                {t('updated', { date: formatDate(list.updatedAt, lang) })}
                {list.createdBy ? ` · ${t('createdBy', { name: list.createdBy })}` : null}
              </p>
            </li>
          ))}
        </ul>
      )}

      {canEdit ? (
        <Form method="post" className="narrow" aria-labelledby="create-heading">
          <h2 id="create-heading">{t('create.heading')}</h2>
          <CsrfInput />
          <input type="hidden" name="intent" value="create" />
          <div className="field">
            <label htmlFor="list-name">{t('create.name')}</label>
            <input
              key={reply?.name ?? ''}
              id="list-name"
              name="name"
              type="text"
              required
              maxLength={ORDER_LIST_LIMITS.nameMax}
              autoComplete="off"
              defaultValue={reply?.name ?? ''}
              aria-invalid={reply ? true : undefined}
              aria-describedby={reply ? 'list-name-hint list-name-error' : 'list-name-hint'}
            />
            <p id="list-name-hint" className="hint">
              {t('create.nameHint')}
            </p>
            <ErrorList id="list-name-error" errors={reply?.errors} />
          </div>
          <button type="submit" className="button" disabled={busy}>
            {t('create.submit')}
          </button>
        </Form>
      ) : (
        <p className="hint">{t('readOnly')}</p>
      )}
    </section>
  )
}
