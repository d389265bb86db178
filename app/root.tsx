import type { LinksFunction, LoaderFunctionArgs } from '@remix-run/node'
import {
  data,
  isRouteErrorResponse,
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  useLoaderData,
  useRouteError,
  useRouteLoaderData,
} from '@remix-run/react'
import { useMemo } from 'react'
import { I18nextProvider, useTranslation } from 'react-i18next'
import { AppShell } from './components/app-shell'
import { cartLineCount } from './modules/cart/cart.server'
import { countOrdersAwaitingApproval } from './modules/orders/approvals.server'
import { listMyOrganizations } from './modules/organizations/organizations.server'
import { roleCan } from './modules/organizations/permissions'
import styles from './styles/app.css?url'
import { getAuth } from './utils/auth.server'
import { getCsrfToken } from './utils/csrf.server'
import { createI18n, isLanguage, type Language } from './utils/i18n'
import { getResources } from './utils/i18n.server'
import { detectLanguage } from './utils/language.server'
import { useNonce } from './utils/nonce'
import { devMailboxEnabled } from './modules/notifications/channels.server'
import { takeToast } from './utils/toast.server'

export const links: LinksFunction = () => [
  { rel: 'stylesheet', href: styles },
  { rel: 'icon', href: '/favicon.svg', type: 'image/svg+xml' },
]

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang: Language = isLanguage(params.lang) ? params.lang : await detectLanguage(request)
  const [auth, csrf, toast] = await Promise.all([getAuth(request), getCsrfToken(request), takeToast(request)])
  const organizations = auth ? await listMyOrganizations(auth.user.id) : []
  const active = organizations.find((o) => o.id === auth?.activeOrganizationId) ?? organizations[0] ?? null
  // The header's "Cart (n)": one indexed count, only for a buyer member who may order.
  const cartCount = active?.kind === 'BUYER' && roleCan(active.role, 'create:order:own') ? await cartLineCount(active.id) : null
  // The header's "Approvals (n)": one count of the orders waiting, only for a buyer's owners and approvers.
  const approvalCount = active?.kind === 'BUYER' && roleCan(active.role, 'approve:order:own') ? await countOrdersAwaitingApproval(active.id) : null
  const headers = new Headers()
  if (csrf.setCookie) headers.append('Set-Cookie', csrf.setCookie)
  if (toast.setCookie) headers.append('Set-Cookie', toast.setCookie)
  return data(
    {
      lang,
      resources: getResources(lang),
      csrfToken: csrf.token,
      toast: toast.toast,
      user: auth ? { id: auth.user.id, name: auth.user.name, platformRoles: auth.user.platformRoles } : null,
      organizations,
      activeOrganization: active,
      cartCount,
      approvalCount,
      devMailbox: devMailboxEnabled(),
    },
    { headers },
  )
}

export type RootData = typeof loader

/** Root loader data from any route (the CSRF token, the user, the language). */
export const useRootData = () => useRouteLoaderData<RootData>('root')

export function Layout({ children }: { children: React.ReactNode }) {
  const root = useRootData()
  const nonce = useNonce()
  const lang = root?.lang ?? 'vi'
  const i18n = useMemo(() => createI18n(lang, root?.resources ?? {}), [lang, root?.resources])
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="theme-color" content="#0f5132" />
        <Meta />
        <Links />
      </head>
      <body>
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  )
}

export default function App() {
  useLoaderData<typeof loader>()
  return (
    <AppShell>
      <Outlet />
    </AppShell>
  )
}

export function ErrorBoundary() {
  const error = useRouteError()
  const { t } = useTranslation('errors')
  let title = t('page.unexpected')
  let detail = t('page.unexpectedDetail')
  if (isRouteErrorResponse(error)) {
    if (error.status === 404) [title, detail] = [t('page.notFound'), t('page.notFoundDetail')]
    else if (error.status === 403 && error.data === 'CSRF_INVALID') [title, detail] = [t('page.csrf'), t('page.csrfDetail')]
    else if (error.status === 403) [title, detail] = [t('page.forbidden'), t('page.forbiddenDetail')]
    else if (error.status === 400) [title, detail] = [t('page.badRequest'), t('page.badRequestDetail')]
  } else if (!import.meta.env.PROD) {
    console.error(error)
  }
  return (
    <AppShell>
      <section className="error-page" role="alert">
        <h1>{title}</h1>
        <p>{detail}</p>
      </section>
    </AppShell>
  )
}
