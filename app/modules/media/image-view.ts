// What pages need to show a product photo; safe to import in the browser.

/** A product has at most this many photos. */
export const MAX_PRODUCT_PHOTOS = 12

/** A file refused by the photo editor's action (fileName null: the whole upload); `error` is an errors-namespace key. */
export type PhotoError = { fileName: string | null; error: string }

export const IMAGE_FORMATS = ['avif', 'webp', 'jpeg'] as const
export type ImageFormat = (typeof IMAGE_FORMATS)[number]

export type ImageVariantView = { format: ImageFormat; width: number; url: string }

export type ProductImageView = {
  id: string
  alt: string | null
  /** Of the largest variant; pages use them for the aspect ratio (width and height attributes). */
  width: number
  height: number
  /** A ~16 px wide blurred WebP as a data: URI, shown until the photo loads. */
  placeholder: string
  /** Only the variants already made: AVIF follows the upload by a few seconds. Widths ascending. */
  variants: ImageVariantView[]
}

/** Storage keys are content-addressed, so their URLs never change meaning and can be cached for ever. */
export function imageUrl(storageKey: string) {
  return `/media/images/${storageKey}`
}

export type ImageRow = {
  id: string
  alt: string | null
  asset: {
    width: number
    height: number
    placeholder: string
    variants: { format: string; width: number; storageKey: string }[]
  }
}

const isFormat = (format: string): format is ImageFormat => (IMAGE_FORMATS as readonly string[]).includes(format)

/** A ProductImage row with its asset and variants (see imageViewInclude) as pages receive it. */
export function toImageView(row: ImageRow): ProductImageView {
  const variants = row.asset.variants
    .filter((v): v is typeof v & { format: ImageFormat } => isFormat(v.format))
    .map((v) => ({ format: v.format, width: v.width, url: imageUrl(v.storageKey) }))
    .sort((a, b) => IMAGE_FORMATS.indexOf(a.format) - IMAGE_FORMATS.indexOf(b.format) || a.width - b.width)
  return {
    id: row.id,
    alt: row.alt,
    width: row.asset.width,
    height: row.asset.height,
    placeholder: row.asset.placeholder,
    variants,
  }
}

/** `url 320w, url 640w, …` for one format; empty when none of that format exists yet. */
export function srcSetFor(image: ProductImageView, format: ImageFormat) {
  return image.variants
    .filter((v) => v.format === format)
    .map((v) => `${v.url} ${v.width}w`)
    .join(', ')
}
