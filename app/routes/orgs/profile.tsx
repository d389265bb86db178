import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Link, useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { RegionBadge, SuspendedBadge, VerificationBadge } from '~/components/badges'
import { Pagination, pageParam, ProductGrid } from '~/components/product-card'
import { listPublicProducts } from '~/modules/catalog/products.server'
import { formerProvinceName, provinceName } from '~/modules/geo/provinces'
import { getMemberRole, getOrganizationProfile } from '~/modules/organizations/organizations.server'
import { roleCan } from '~/modules/organizations/permissions'
import { getAuth } from '~/utils/auth.server'
import { env } from '~/utils/env.server'
import { formatDate, formatNumber } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { metaDescription, seoMeta, siteOrigin } from '~/utils/seo'
import { useLang } from '~/utils/use-lang'

// Rejected or suspended organisations are shown to their members only, and never indexed (seo.noindex).
export const meta: MetaFunction<typeof loader> = ({ data }) => seoMeta(data?.seo)

const STOREFRONT_PAGE_SIZE = 24

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
  const summary = metaDescription(description || `${organization.displayName} – ${provinceName(organization.provinceCode)}`)
  // The storefront: the producer's public products, newest first.
  const page = pageParam(new URL(request.url))
  const storefront =
    organization.kind === 'PRODUCER'
      ? await listPublicProducts({ producerSlug: organization.slug, sort: 'newest', page, pageSize: STOREFRONT_PAGE_SIZE })
      : null
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
      verificationNote: role ? organization.verificationNote : null,
    },
    description,
    descriptionLang: useEnglish ? 'en' : 'vi',
    metaDescription: summary,
    can: {
      members: !!role && roleCan(role, 'read:member:own'),
      settings: !!role && roleCan(role, 'update:organization:own'),
      products: !!role && organization.kind === 'PRODUCER' && roleCan(role, 'read:product:own'),
    },
    storefront: storefront ? { products: storefront.items, total: storefront.total, page, pageSize: STOREFRONT_PAGE_SIZE } : null,
    seo: {
      origin: siteOrigin(env().APP_URL),
      lang,
      path: `/orgs/${organization.slug}`,
      search: page > 1 ? `?page=${page}` : '',
      title: getT(lang)(organization.kind === 'PRODUCER' ? 'catalog:storefront.title' : 'catalog:profileTitle', { name: organization.displayName }),
      description: summary,
      type: 'profile' as const,
      noindex: !organization.isPublic,
    },
  }
}

export default function OrganizationProfilePage() {
  const { t } = useTranslation('orgs')
  const lang = useLang()
  const { organization: org, description, descriptionLang, can, storefront } = useLoaderData<typeof loader>()
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
          {org.verificationNote ? <p>{t('profile.suspensionReason', { reason: org.verificationNote })}</p> : null}
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

      {can.members || can.settings || can.products ? (
        <p className="meta">
          {[
            can.settings ? <Link key="settings" to={`/${lang}/orgs/${org.slug}/settings`}>{t('settings.link')}</Link> : null,
            can.members ? <Link key="members" to={`/${lang}/orgs/${org.slug}/members`}>{t('members.link')}</Link> : null,
            can.products ? <Link key="products" to={`/${lang}/orgs/${org.slug}/products`}>{t('catalog:storefront.manage')}</Link> : null,
          ]
            .filter(Boolean)
            .flatMap((link, i) => (i ? [' · ', link] : [link]))}
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

      {storefront ? (
        <section aria-labelledby="storefront">
          <h2 id="storefront">
            {t('catalog:storefront.heading')}{' '}
            {storefront.total ? (
              <span className="meta">({t('catalog:storefront.count', { count: storefront.total, formatted: formatNumber(storefront.total, lang) })})</span>
            ) : null}
          </h2>
          {storefront.products.length ? (
            <ProductGrid products={storefront.products} showProducer={false} />
          ) : (
            <p className="meta">{t('catalog:storefront.empty')}</p>
          )}
          <Pagination
            page={storefront.page}
            pageSize={storefront.pageSize}
            total={storefront.total}
            hrefFor={(page) => `/${lang}/orgs/${org.slug}${page > 1 ? `?page=${page}` : ''}#storefront`}
          />
        </section>
      ) : null}
    </article>
  )
}
