import { Link } from '@remix-run/react'
import type { CSSProperties } from 'react'
import { useTranslation } from 'react-i18next'
import type { SaleUnit } from '~/generated/prisma/enums'
import type { PublicProductCard } from '~/modules/catalog/products.server'
import { provinceName } from '~/modules/geo/provinces'
import { formatNumber, formatVnd } from '~/utils/format'
import type { Language } from '~/utils/i18n'
import { useLang } from '~/utils/use-lang'
import { RegionBadge } from './badges'
import { Highlight } from './highlight'
import { CertificationBadges } from './ocop-stars'
import { ProductPicture } from './product-picture'

// Two columns on a phone, up to six on a wide screen: a column is 10–15.5 rem wide, so this is what the
// browser should fetch for a card's photo.
export const PRODUCT_CARD_SIZES = '(min-width: 36rem) 248px, 50vw'

const gridStyle: CSSProperties = {
  display: 'grid',
  gap: '1rem',
  gridTemplateColumns: 'repeat(auto-fill, minmax(10rem, 1fr))',
  padding: 0,
  margin: '0 0 1rem',
  listStyle: 'none',
}
// min-width 0: a long word or badge wraps inside its card instead of widening the grid's column.
const cardStyle: CSSProperties = { padding: 0, overflow: 'hidden', display: 'flex', flexDirection: 'column', minWidth: 0, overflowWrap: 'anywhere' }
const photoStyle: CSSProperties = { display: 'block', aspectRatio: '4 / 3', overflow: 'hidden', background: 'var(--green-soft)' }
// One column that may shrink below its content's width: a long word or badge then wraps instead of being cut off.
const bodyStyle: CSSProperties = { padding: '0.6rem 0.75rem 0.75rem', display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: '0.2rem' }

/** A sale quantity in words: "10 kg", "5 thùng", "1 carton". */
export function useQuantity() {
  const { t } = useTranslation('catalog')
  const lang = useLang()
  return (quantity: number, unit: SaleUnit) => quantityText(t, lang, quantity, unit)
}

export function quantityText(t: (key: string, options?: Record<string, unknown>) => string, lang: Language, quantity: number, unit: SaleUnit) {
  return t(`quantity.${unit}`, { count: quantity, quantity: formatNumber(quantity, lang) })
}

/** The product's name in the page language; English falls back to the producer's Vietnamese. */
export function productName(p: { nameVi: string; nameEn?: string | null }, lang: Language) {
  const english = lang === 'en' ? p.nameEn?.trim() : ''
  return english ? { text: english, lang: 'en' as const } : { text: p.nameVi, lang: 'vi' as const }
}

type Card = Omit<PublicProductCard, 'priceVnd'> & { priceVnd: bigint | string | number }

/**
 * `highlights`: from a search, the words of each field that matched (nameVi, nameEn, …); the words of the
 * name shown are marked.
 */
export function ProductCard({
  product: p,
  priority = false,
  showProducer = true,
  highlights,
}: {
  product: Card
  priority?: boolean
  showProducer?: boolean
  highlights?: Record<string, string[]>
}) {
  const { t } = useTranslation('catalog')
  const lang = useLang()
  const quantity = useQuantity()
  const name = productName(p, lang)
  const href = `/${lang}/p/${p.slug}`
  const unverified = p.producer.verificationStatus === 'UNVERIFIED'
  return (
    <li className="card product-card" style={cardStyle}>
      {/* The photo repeats the title link, so it is hidden from the keyboard and screen readers. */}
      <Link to={href} tabIndex={-1} aria-hidden="true" style={photoStyle} className="product-card-photo">
        {p.cover ? (
          <ProductPicture image={p.cover} sizes={PRODUCT_CARD_SIZES} alt="" priority={priority} />
        ) : (
          <span className="meta" style={{ display: 'grid', placeItems: 'center', height: '100%' }}>
            {t('card.noPhoto')}
          </span>
        )}
      </Link>
      <div style={bodyStyle}>
        <h3 style={{ margin: 0, fontSize: '1rem', lineHeight: 1.3 }}>
          <Link to={href} lang={name.lang === lang ? undefined : name.lang}>
            <Highlight text={name.text} words={highlights?.[name.lang === 'en' ? 'nameEn' : 'nameVi']} />
          </Link>
        </h3>
        <p style={{ margin: 0 }}>
          <strong>{formatVnd(BigInt(p.priceVnd), lang)}</strong>
          <span className="meta"> / {t(`unit.${p.unit}`)}</span>
        </p>
        <p className="meta">
          {t('card.moq', { quantity: quantity(p.moq, p.unit) })}
          {p.packSize ? ` · ${p.packSize}` : null}
        </p>
        <p className="meta">{provinceName(p.provinceCode)}</p>
        <p className="badges" style={{ margin: '0.2rem 0' }}>
          <RegionBadge regionType={p.regionType} />
          <CertificationBadges certifications={p.certifications} />
        </p>
        {showProducer || unverified ? (
          <p className="meta">
            {showProducer ? `${p.producer.displayName} ` : null}
            {unverified ? (
              <span className="badge badge-unverified" style={{ whiteSpace: 'normal' }}>
                {t('producer.unverified')}
              </span>
            ) : null}
          </p>
        ) : null}
      </div>
    </li>
  )
}

/**
 * A grid of product cards; the first photos load with priority when the grid opens the page. A storefront
 * leaves out the producer's name, which every card would repeat.
 */
export function ProductGrid({
  products,
  priorityCount = 0,
  label,
  showProducer = true,
}: {
  products: (Card & { highlights?: Record<string, string[]> })[]
  priorityCount?: number
  label?: string
  showProducer?: boolean
}) {
  return (
    <ul className="product-grid" style={gridStyle} aria-label={label}>
      {products.map((p, i) => (
        <ProductCard key={p.id} product={p} priority={i < priorityCount} showProducer={showProducer} highlights={p.highlights} />
      ))}
    </ul>
  )
}

/** Previous / next page links that keep the rest of the query string. */
export function Pagination({ page, pageSize, total, hrefFor }: { page: number; pageSize: number; total: number; hrefFor: (page: number) => string }) {
  const { t } = useTranslation()
  const pages = Math.max(1, Math.ceil(total / pageSize))
  if (pages <= 1) return null
  return (
    <nav className="pagination" aria-label={t('catalog:pagination.label')}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          {t('pagination.previous')}
        </Link>
      ) : null}
      <span aria-current="page">{t('pagination.page', { page: Math.min(page, pages), pages })}</span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {t('pagination.next')}
        </Link>
      ) : null}
    </nav>
  )
}

/** The page number of a listing URL (?page=), 1 for anything that is not a sensible number. */
export function pageParam(url: URL, max = 1000) {
  const page = Number.parseInt(url.searchParams.get('page') ?? '1', 10)
  return Number.isFinite(page) && page >= 1 ? Math.min(page, max) : 1
}
