import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { RegionBadge, SuspendedBadge, VerificationBadge } from '~/components/badges'
import { formerProvinceName, provinceName } from '~/modules/geo/provinces'
import { getMemberRole, getOrganizationProfile } from '~/modules/organizations/organizations.server'
import { roleCan } from '~/modules/organizations/permissions'
import { getAuth } from '~/utils/auth.server'
import { formatDate } from '~/utils/format'
import { langOf } from '~/utils/lang'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) =>
  data
    ? [
        { title: data.organization.displayName },
        { name: 'description', content: data.metaDescription },
        // Rejected or suspended organisations are shown to their members only.
        ...(data.organization.isPublic ? [] : [{ name: 'robots', content: 'noindex' }]),
      ]
    : []

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const organization = params.slug ? await getOrganizationProfile(params.slug) : null
  if (!organization) throw new Response('Not Found', { status: 404 })
  const auth = await getAuth(request)
  const role = auth ? await getMemberRole(auth.user.id, organization.id) : null
  if (!organization.isPublic && !role) throw new Response('Not Found', { status: 404 })

  // English falls back to Vietnamese: producers write in Vietnamese and may add English.
  const useEnglish = lang === 'en' && !!organization.descriptionEn?.trim()
  const description = useEnglish ? organization.descriptionEn! : organization.descriptionVi
  return {
    organization: {
      slug: organization.slug,
      kind: organization.kind,
      legalForm: organization.legalForm,
      legalName: organization.legalName,
      displayName: organization.displayName,
      taxCode: organization.taxCode,
      commune: organization.commune,
      provinceCode: organization.provinceCode,
      formerProvinceCode: organization.formerProvinceCode,
      regionType: organization.regionType,
      verificationStatus: organization.verificationStatus,
      createdAt: organization.createdAt,
      isPublic: organization.isPublic,
      logoVersion: organization.logoUpdatedAt?.getTime() ?? null,
      suspended: !!organization.suspendedAt,
      // The reason is between the operators and the organisation.
      suspensionReason: role ? organization.suspensionReason : null,
    },
    description,
    descriptionLang: useEnglish ? 'en' : 'vi',
    metaDescription: description.slice(0, 160),
    can: {
      members: !!role && roleCan(role, 'read:member:own'),
      settings: !!role && roleCan(role, 'update:organization:own'),
    },
  }
}

export default function OrganizationProfilePage() {
  const { t } = useTranslation('orgs')
  const lang = useLang()
  const { organization: org, description, descriptionLang, can } = useLoaderData<typeof loader>()
  return (
    <article>
      {org.suspended ? (
        <div className="toast toast-error" role="status">
          <p>{t('profile.suspendedNotice')}</p>
          {org.suspensionReason ? <p>{t('profile.suspensionReason', { reason: org.suspensionReason })}</p> : null}
        </div>
      ) : null}
      {org.verificationStatus === 'REJECTED' && (can.members || can.settings) ? (
        <div className="toast toast-error" role="status">
          <p>{t('profile.rejectedNotice')}</p>
        </div>
      ) : null}

      <header className="org-header">
        {org.logoVersion ? (
          <img
            className="logo"
            src={`/media/org-logo/${org.slug}?v=${org.logoVersion}`}
            alt={t('profile.logoAlt', { name: org.displayName })}
            width={64}
            height={64}
          />
        ) : null}
        <div>
          <h1>{org.displayName}</h1>
          <div className="badges">
            <span className="badge">{t(`common:orgKind.${org.kind}`)}</span>
            <VerificationBadge status={org.verificationStatus} />
            <RegionBadge regionType={org.regionType} />
            <SuspendedBadge suspended={org.suspended} />
          </div>
        </div>
      </header>

      {can.members || can.settings ? (
        <p className="meta">
          {can.settings ? <Link to={`/${lang}/orgs/${org.slug}/settings`}>{t('settings.link')}</Link> : null}
          {can.settings && can.members ? ' · ' : null}
          {can.members ? <Link to={`/${lang}/orgs/${org.slug}/members`}>{t('members.link')}</Link> : null}
        </p>
      ) : null}

      <dl className="facts">
        <dt>{t('profile.legalName')}</dt>
        <dd>{org.legalName}</dd>
        <dt>{t('profile.legalForm')}</dt>
        <dd>{t(`common:legalForm.${org.legalForm}`)}</dd>
        {org.taxCode ? (
          <>
            <dt>{t('profile.taxCode')}</dt>
            <dd>{org.taxCode}</dd>
          </>
        ) : null}
        <dt>{t('profile.location')}</dt>
        <dd>
          {org.commune}, {provinceName(org.provinceCode)}
          {org.formerProvinceCode ? (
            <span className="meta"> {t('profile.formerProvince', { name: formerProvinceName(org.formerProvinceCode) })}</span>
          ) : null}
        </dd>
        {org.regionType ? (
          <>
            <dt>{t('profile.regionType')}</dt>
            <dd>{t(`common:regionType.${org.regionType}`)}</dd>
          </>
        ) : null}
        <dt>{t('profile.memberSince')}</dt>
        <dd>{formatDate(org.createdAt, lang)}</dd>
      </dl>

      <h2>{t('profile.about')}</h2>
      {description ? (
        <div lang={descriptionLang} className="description">
          {description.split(/\n{2,}/).map((paragraph, i) => (
            <p key={i}>{paragraph}</p>
          ))}
        </div>
      ) : (
        <p className="meta">{t('profile.noDescription')}</p>
      )}
      {lang === 'en' && descriptionLang === 'vi' && description ? <p className="hint">{t('profile.onlyVietnamese')}</p> : null}
    </article>
  )
}
