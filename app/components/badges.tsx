import { useTranslation } from 'react-i18next'
import type { RegionType, VerificationStatus } from '~/generated/prisma/enums'

export function VerificationBadge({ status }: { status: VerificationStatus }) {
  const { t } = useTranslation()
  return <span className={`badge badge-${status.toLowerCase()}`}>{t(`verification.${status}`)}</span>
}

export function RegionBadge({ regionType }: { regionType: RegionType | null }) {
  const { t } = useTranslation()
  if (!regionType) return null
  return <span className={`badge badge-region badge-${regionType.toLowerCase()}`}>{t(`regionType.${regionType}`)}</span>
}

export function SuspendedBadge({ suspended }: { suspended: boolean }) {
  const { t } = useTranslation()
  return suspended ? <span className="badge badge-suspended">{t('suspended')}</span> : null
}
