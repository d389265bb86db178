import { Link } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import type { OrganizationCard as Card } from '~/modules/organizations/directory.server'
import { provinceName } from '~/modules/geo/provinces'
import { useLang } from '~/utils/use-lang'
import { RegionBadge, VerificationBadge } from './badges'

type SerializedCard = Omit<Card, 'logoUpdatedAt'> & { logoUpdatedAt: string | Date | null }

export function OrganizationCard({ organization: o }: { organization: SerializedCard }) {
  const { t } = useTranslation()
  const lang = useLang()
  const description = (lang === 'en' && o.descriptionEn) || o.descriptionVi
  return (
    <li className="card">
      <div className="org-header">
        {o.logoUpdatedAt ? (
          <img
            className="logo"
            src={`/media/org-logo/${o.slug}?v=${new Date(o.logoUpdatedAt).getTime()}`}
            alt=""
            width={64}
            height={64}
            loading="lazy"
          />
        ) : null}
        <div>
          <h3>
            <Link to={`/${lang}/orgs/${o.slug}`}>{o.displayName}</Link>
          </h3>
          <p className="meta">
            {t(`orgKind.${o.kind}`)} · {provinceName(o.provinceCode)}
          </p>
        </div>
      </div>
      <p className="badges">
        <VerificationBadge status={o.verificationStatus} />
        <RegionBadge regionType={o.regionType} />
      </p>
      {description ? <p className="meta clamp">{description.length > 160 ? `${description.slice(0, 157)}…` : description}</p> : null}
    </li>
  )
}
