// What the cart, checkout and quick order say to someone whose active organisation is not a buyer (or who
// has none): ordering is for buyer organisations, and how to get one.
import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { useLang } from '~/utils/use-lang'

export function NotBuyerNotice({ heading, activeOrganization }: { heading: string; activeOrganization: { displayName: string } | null }) {
  const { t } = useTranslation('cart')
  const lang = useLang()
  return (
    <section className="narrow">
      <h1>{heading}</h1>
      <p>{activeOrganization ? t('notBuyer.producer', { name: activeOrganization.displayName }) : t('notBuyer.noOrganization')}</p>
      <p>{t('notBuyer.howTo')}</p>
      <p>
        <Link to={`/${lang}/orgs/new`} className="button button-secondary">
          {t('notBuyer.createBuyer')}
        </Link>
      </p>
    </section>
  )
}
