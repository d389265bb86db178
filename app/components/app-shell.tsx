import { Form, Link, useLocation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useRootData } from '~/root'
import { roleCan } from '~/modules/organizations/permissions'
import { languages, type Language } from '~/utils/i18n'
import { CsrfInput } from './forms'
import { VerificationBadge } from './badges'
import { SearchBox } from './search-box'

/** The same page in another language: swap the first path segment. */
export function pathInLanguage(pathname: string, lang: Language) {
  const rest = pathname.replace(/^\/(vi|en)(?=\/|$)/, '')
  return `/${lang}${rest}`
}

/** The full name on wide screens, the two-letter code on phones (the link's accessible name stays full). */
function LanguageLabel({ lang }: { lang: Language }) {
  const { t } = useTranslation()
  return (
    <>
      <span className="lang-full">{t(`shell.languageName.${lang}`)}</span>
      <span className="lang-short">{lang.toUpperCase()}</span>
    </>
  )
}

function LanguageSwitcher({ current }: { current: Language }) {
  const { t } = useTranslation()
  const location = useLocation()
  return (
    <nav aria-label={t('shell.language')} className="lang-switch">
      {languages.map((lang) => {
        const to = pathInLanguage(location.pathname, lang) + location.search
        return lang === current ? (
          <span key={lang} aria-current="true" lang={lang} aria-label={t(`shell.languageName.${lang}`)}>
            <LanguageLabel lang={lang} />
          </span>
        ) : (
          <a
            key={lang}
            href={`/set-language?${new URLSearchParams({ lang, to })}`}
            hrefLang={lang}
            lang={lang}
            aria-label={t(`shell.languageName.${lang}`)}
          >
            <LanguageLabel lang={lang} />
          </a>
        )
      })}
    </nav>
  )
}

function AccountMenu({ lang }: { lang: Language }) {
  const { t } = useTranslation()
  const root = useRootData()
  const location = useLocation()
  if (!root?.user) {
    // Come back to the page being read, except from the home and auth pages (a new account goes on to create its organisation).
    const stay = !/^\/(vi|en)(\/(login|signup|forgot-password|reset-password))?\/?$/.test(location.pathname)
    const redirectTo = stay ? location.pathname + location.search : undefined
    const qs = redirectTo ? `?${new URLSearchParams({ redirectTo })}` : ''
    return (
      <div className="account-links">
        <Link to={`/${lang}/login${qs}`}>{t('shell.login')}</Link>
        <Link to={`/${lang}/signup${qs}`} className="button button-small">
          {t('shell.signup')}
        </Link>
      </div>
    )
  }
  const active = root.activeOrganization
  return (
    <details className="account-menu">
      <summary>
        <span className="account-name">{root.user.name}</span>
        {active ? <span className="account-org">{active.displayName}</span> : null}
      </summary>
      <div className="account-menu-panel">
        {root.organizations.length > 0 ? (
          <Form method="post" action={`/${lang}/orgs/switch`} className="org-switch">
            <CsrfInput />
            <input type="hidden" name="redirectTo" value={location.pathname} />
            <label htmlFor="org-switch-select">{t('shell.organization')}</label>
            <select id="org-switch-select" name="organizationId" defaultValue={active?.id}>
              {root.organizations.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.displayName} · {t(`orgKind.${o.kind}`)}
                </option>
              ))}
            </select>
            <button type="submit" className="button button-small button-secondary">
              {t('shell.switch')}
            </button>
          </Form>
        ) : null}
        <ul>
          {active ? (
            <>
              <li>
                <Link to={`/${lang}/orgs/${active.slug}`}>
                  {active.displayName} <VerificationBadge status={active.verificationStatus} />
                </Link>
              </li>
              {active.kind === 'PRODUCER' ? (
                <li>
                  <Link to={`/${lang}/orgs/${active.slug}/products`}>{t('producer:shell.products')}</Link>
                </li>
              ) : null}
              {active.kind === 'PRODUCER' && roleCan(active.role, 'read:ledger:own') ? (
                <li>
                  <Link to={`/${lang}/orgs/${active.slug}/ledger`}>{t('ledger:shell.link')}</Link>
                </li>
              ) : null}
              {active.kind === 'BUYER' ? (
                <li>
                  <Link to={`/${lang}/orgs/${active.slug}/addresses`}>{t('addresses:shell.link')}</Link>
                </li>
              ) : null}
              {active.kind === 'BUYER' && roleCan(active.role, 'read:order:own') ? (
                <li>
                  <Link to={`/${lang}/orgs/${active.slug}/lists`}>{t('lists:shell.link')}</Link>
                </li>
              ) : null}
              <li>
                <Link to={`/${lang}/orgs/${active.slug}/members`}>{t('shell.members')}</Link>
              </li>
              {active.role === 'OWNER' ? (
                <li>
                  <Link to={`/${lang}/orgs/${active.slug}/settings`}>{t('shell.orgSettings')}</Link>
                </li>
              ) : null}
            </>
          ) : null}
          {root.user.platformRoles.includes('OPERATOR') ? (
            <li>
              <Link to={`/${lang}/operator/payments`}>{t('operator:shell.payments')}</Link>
            </li>
          ) : null}
          {root.user.platformRoles.includes('OPERATOR') ? (
            <>
              <li>
                <Link to={`/${lang}/operator/payouts`}>{t('ledger:shell.payouts')}</Link>
              </li>
              <li>
                <Link to={`/${lang}/operator/withholding`}>{t('ledger:shell.withholding')}</Link>
              </li>
            </>
          ) : null}
          <li>
            <Link to={`/${lang}/orgs/new`}>{t('shell.newOrganization')}</Link>
          </li>
          <li>
            <Link to={`/${lang}/account`}>{t('shell.account')}</Link>
          </li>
        </ul>
        <Form method="post" action={`/${lang}/logout`}>
          <CsrfInput />
          <button type="submit" className="button button-small button-secondary">
            {t('shell.logout')}
          </button>
        </Form>
      </div>
    </details>
  )
}

/** Cart and orders of the active organisation, beside the account menu (short labels on phones). */
function OrderLinks({ lang }: { lang: Language }) {
  const { t } = useTranslation('cart')
  const root = useRootData()
  const active = root?.activeOrganization
  if (!root?.user || !active) return null
  const showOrders = roleCan(active.role, 'read:order:own')
  const showCart = root.cartCount !== null && root.cartCount !== undefined
  // Owners and approvers of a buyer: the approval queue, with how many orders wait.
  const approvals = root.approvalCount ?? null
  if (!showOrders && !showCart) return null
  return (
    <nav aria-label={t('shell.nav')} className="header-links">
      {showCart ? (
        <Link to={`/${lang}/cart`} aria-label={t('shell.cart', { count: root.cartCount ?? 0 })}>
          <span className="lang-full">{t('shell.cart', { count: root.cartCount ?? 0 })}</span>
          <span className="lang-short">{t('shell.cartShort', { count: root.cartCount ?? 0 })}</span>
        </Link>
      ) : null}
      {showOrders ? (
        <Link to={`/${lang}/orgs/${active.slug}/orders`}>
          {t('shell.orders')}
        </Link>
      ) : null}
      {approvals !== null ? (
        <Link to={`/${lang}/orgs/${active.slug}/approvals`} aria-label={t('approvals:shell.linkLabel', { count: approvals })}>
          <span className="lang-full">{t('approvals:shell.link', { count: approvals })}</span>
          <span className="lang-short">{t('approvals:shell.linkShort', { count: approvals })}</span>
        </Link>
      ) : null}
    </nav>
  )
}

function Toast() {
  const { t } = useTranslation()
  const root = useRootData()
  if (!root?.toast) return null
  return (
    <div className={`toast toast-${root.toast.type ?? 'success'}`} role="status">
      {t(root.toast.key, root.toast.values)}
    </div>
  )
}

export function AppShell({ children }: { children: React.ReactNode }) {
  const { t } = useTranslation()
  const root = useRootData()
  const lang = root?.lang ?? 'vi'
  return (
    <>
      <a href="#main" className="skip-link">
        {t('shell.skipToContent')}
      </a>
      <header className="site-header">
        <div className="container header-row">
          <Link to={`/${lang}`} className="brand" aria-label={t('shell.homeLink')}>
            <span className="brand-mark" aria-hidden="true">
              ◆
            </span>
            <span>{t('appName')}</span>
          </Link>
          <SearchBox lang={lang} />
          <div className="header-tools">
            <LanguageSwitcher current={lang} />
            <OrderLinks lang={lang} />
            <AccountMenu lang={lang} />
          </div>
        </div>
      </header>
      <main id="main" className="container">
        <Toast />
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('shell.footer')}</p>
          <p>
            <Link to={`/${lang}/api-docs`}>{t('api:apiDocs.footerLink')}</Link>
          </p>
          {root?.devMailbox ? (
            <p>
              <Link to={`/${lang}/dev/mailbox`}>{t('shell.devMailbox')}</Link>
            </p>
          ) : null}
        </div>
      </footer>
    </>
  )
}
