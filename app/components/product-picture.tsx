import type { CSSProperties } from 'react'
import { srcSetFor, type ProductImageView } from '~/modules/media/image-view'

type Props = {
  image: ProductImageView
  /** How wide the picture is drawn, for the browser to pick a variant, e.g. "(min-width: 48rem) 50vw, 100vw". */
  sizes: string
  /** Used when the photo has no alt text of its own (usually the product's name); '' marks it decorative. */
  alt?: string
  /** The main photo above the fold: loaded at once and first, not lazily. */
  priority?: boolean
  className?: string
}

/**
 * A product photo as <picture>: AVIF when it has been made, WebP, and a JPEG <img> for the rest; each with
 * every width in srcset. The blurred placeholder fills the box until the photo arrives, and width/height
 * reserve the space so nothing jumps.
 */
export function ProductPicture({ image, sizes, alt, priority = false, className }: Props) {
  const avif = srcSetFor(image, 'avif')
  const webp = srcSetFor(image, 'webp')
  const jpeg = image.variants.filter((v) => v.format === 'jpeg')
  // For browsers without srcset: the smallest JPEG at least 640 px wide, or the largest there is.
  const fallback = jpeg.find((v) => v.width >= 640) ?? jpeg.at(-1) ?? image.variants.at(-1)
  const style: CSSProperties = {
    display: 'block',
    maxWidth: '100%',
    height: 'auto',
    backgroundImage: `url("${image.placeholder}")`,
    backgroundSize: 'cover',
    backgroundPosition: 'center',
  }
  // React 18 knows only the lowercase attribute.
  const fetchPriority = priority ? ({ fetchpriority: 'high' } as Record<string, string>) : {}
  return (
    <picture className={className}>
      {avif ? <source type="image/avif" srcSet={avif} sizes={sizes} /> : null}
      {webp ? <source type="image/webp" srcSet={webp} sizes={sizes} /> : null}
      <img
        src={fallback?.url}
        srcSet={srcSetFor(image, 'jpeg') || undefined}
        sizes={sizes}
        width={image.width}
        height={image.height}
        alt={image.alt ?? alt ?? ''}
        loading={priority ? 'eager' : 'lazy'}
        decoding="async"
        style={style}
        {...fetchPriority}
      />
    </picture>
  )
}
