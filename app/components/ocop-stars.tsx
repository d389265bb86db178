import { useTranslation } from 'react-i18next'
import type { CertificationType } from '~/generated/prisma/enums'

/** OCOP 3–5 stars: the stars are drawn, the rating is read out ("OCOP 4 sao"). */
export function OcopStars({ stars }: { stars: number }) {
  const { t } = useTranslation('catalog')
  const count = Math.max(0, Math.min(5, Math.round(stars)))
  return (
    <span className="badge badge-ocop" title={t('certification.ocopStars', { count })}>
      <span aria-hidden="true">
        OCOP {'★'.repeat(count)}
      </span>
      <span className="visually-hidden">{t('certification.ocopStars', { count })}</span>
    </span>
  )
}

/** One certification mark: OCOP with its stars, the others by name. Callers pass active marks only. */
export function CertificationBadge({ type, stars }: { type: CertificationType; stars?: number | null }) {
  const { t } = useTranslation('catalog')
  if (type === 'OCOP' && stars) return <OcopStars stars={stars} />
  return <span className="badge badge-certification">{t(`certification.short.${type}`)}</span>
}

/** The active certification marks of a listing, OCOP first. */
export function CertificationBadges({ certifications }: { certifications: { type: CertificationType; stars?: number | null }[] }) {
  if (!certifications.length) return null
  const sorted = [...certifications].sort((a, b) => Number(b.type === 'OCOP') - Number(a.type === 'OCOP'))
  return (
    <>
      {sorted.map((c, i) => (
        <CertificationBadge key={`${c.type}-${i}`} type={c.type} stars={c.stars} />
      ))}
    </>
  )
}
