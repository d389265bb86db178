import { createHash } from 'node:crypto'
import sharp from 'sharp'
import { z } from 'zod'
import { enqueue, registerOutboxHandler } from '~/modules/outbox/outbox.server'
import { prisma } from '~/utils/db.server'
import { mediaStorage } from './storage.server'

export const MAX_IMAGE_BYTES = 15 * 1024 * 1024
/** A decompression bomb (a tiny file that decodes to gigabytes) is refused from its header. */
export const MAX_IMAGE_PIXELS = 40_000_000
export const VARIANT_WIDTHS = [320, 640, 1280] as const
/** The normalised image fits in this box; variants are made from it. Taller images are panoramas, not products. */
const MAX_WIDTH = 1280
const MAX_HEIGHT = 2560
const PLACEHOLDER_WIDTH = 16
export const AVIF_TOPIC = 'media.avif'

// What the decoder finds in the bytes decides; the name and declared type are never asked. SVG is left out
// on purpose: it is text, and a text file must not pass as a photo.
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif', 'avif', 'heif', 'tiff'])

export type IngestError = 'media.image.empty' | 'media.image.notAnImage' | 'media.image.tooLarge' | 'media.image.tooManyPixels'
export type ImageAssetSummary = { hash: string; width: number; height: number; placeholder: string }
export type IngestResult = { ok: true; asset: ImageAssetSummary; created: boolean } | { ok: false; error: IngestError }

type Format = 'webp' | 'jpeg' | 'avif'
const EXTENSION: Record<Format, string> = { webp: 'webp', jpeg: 'jpg', avif: 'avif' }
const CONTENT_TYPE: Record<Format, string> = { webp: 'image/webp', jpeg: 'image/jpeg', avif: 'image/avif' }

export function variantKey(hash: string, format: Format, width: number) {
  return `${hash.slice(0, 2)}/${hash}/${width}.${EXTENSION[format]}`
}
const masterKey = (hash: string, ext: 'jpg' | 'png') => `${hash.slice(0, 2)}/${hash}/master.${ext}`

const VARIANT_KEY = /^([0-9a-f]{2})\/([0-9a-f]{64})\/[1-9][0-9]{0,3}\.(webp|avif|jpg)$/

/** Whether a key has the shape variantKey gives (the only keys the image route serves). */
export function isVariantKey(key: string) {
  const match = VARIANT_KEY.exec(key)
  return match !== null && match[2].startsWith(match[1])
}

/** A variant's bytes and content type, or null when it does not exist (yet). */
export async function readImageVariant(key: string) {
  if (!isVariantKey(key)) return null
  return mediaStorage().get(key)
}

/**
 * The widths made for an image `width` px wide: the standard ones it is clearly wider than, and its own
 * width as the largest, so nothing is upscaled and no two variants are nearly the same size.
 */
export function variantWidths(width: number): number[] {
  const standard = VARIANT_WIDTHS.filter((w) => w * 1.2 <= width)
  return [...standard, Math.min(width, MAX_WIDTH)]
}

type Normalised = { hash: string; pixels: Buffer; width: number; height: number; channels: 3 | 4 }
type RawInput = { raw: { width: number; height: number; channels: 3 | 4 } }

const pixelLimit = (error: unknown) => error instanceof Error && /pixel limit/i.test(error.message)

/**
 * Decodes an upload into its normalised pixels: turned upright by its EXIF orientation, sRGB 8-bit, fitted
 * in MAX_WIDTH×MAX_HEIGHT. Metadata cannot survive this (raw pixels carry none), and the hash is of these
 * pixels, so the same photo with other metadata or another file name is the same asset.
 */
async function normalise(bytes: Uint8Array): Promise<{ ok: true; image: Normalised } | { ok: false; error: IngestError }> {
  if (bytes.byteLength === 0) return { ok: false, error: 'media.image.empty' }
  if (bytes.byteLength > MAX_IMAGE_BYTES) return { ok: false, error: 'media.image.tooLarge' }
  const options = { limitInputPixels: MAX_IMAGE_PIXELS, failOn: 'error' as const }
  try {
    const metadata = await sharp(bytes, options).metadata()
    if (!metadata.format || !ACCEPTED_FORMATS.has(metadata.format) || !metadata.width || !metadata.height) {
      return { ok: false, error: 'media.image.notAnImage' }
    }
    if (metadata.width * metadata.height > MAX_IMAGE_PIXELS) return { ok: false, error: 'media.image.tooManyPixels' }
    const { data, info } = await sharp(bytes, { ...options, autoOrient: true })
      .resize({ width: MAX_WIDTH, height: MAX_HEIGHT, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true })
    const channels = info.channels === 4 ? 4 : 3
    if (info.channels !== channels) return { ok: false, error: 'media.image.notAnImage' }
    const hash = createHash('sha256').update(`${info.width}x${info.height}x${channels}\n`).update(data).digest('hex')
    return { ok: true, image: { hash, pixels: data, width: info.width, height: info.height, channels } }
  } catch (error) {
    if (pixelLimit(error)) return { ok: false, error: 'media.image.tooManyPixels' }
    return { ok: false, error: 'media.image.notAnImage' }
  }
}

// sharp writes no metadata unless asked (keepMetadata/withMetadata), and its input here is raw pixels.
async function encode(source: { pixels: Buffer } & RawInput, format: Format, width: number) {
  let pipeline = sharp(source.pixels, { raw: source.raw })
  if (width !== source.raw.width) pipeline = pipeline.resize({ width, withoutEnlargement: true })
  // Effort 2 halves the time of the default 4 on photos for files a few per cent larger; most browsers
  // get AVIF anyway, and this runs while the producer waits (see bench/images.ts).
  if (format === 'webp') pipeline = pipeline.webp({ quality: 80, effort: 2 })
  // JPEG has no transparency: transparent areas become white, like the page behind them.
  if (format === 'jpeg') pipeline = pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: 80, progressive: true })
  // Effort 3 makes files as small as the default 4 here in a sixth of the time (see bench/images.ts).
  if (format === 'avif') pipeline = pipeline.avif({ quality: 50, effort: 3 })
  return pipeline.toBuffer({ resolveWithObject: true })
}

type VariantRow = { assetHash: string; format: Format; width: number; height: number; storageKey: string; byteSize: number }

async function storeVariant(hash: string, source: { pixels: Buffer } & RawInput, format: Format, width: number): Promise<VariantRow> {
  const { data, info } = await encode(source, format, width)
  const storageKey = variantKey(hash, format, info.width)
  await mediaStorage().put(storageKey, data, CONTENT_TYPE[format])
  return { assetHash: hash, format, width: info.width, height: info.height, storageKey, byteSize: data.byteLength }
}

// Kept so later encodes (AVIF, new widths) start from the normalised pixels, not from a lossy variant.
async function storeMaster(image: Normalised) {
  const source = sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: image.channels } })
  if (image.channels === 4) {
    await mediaStorage().put(masterKey(image.hash, 'png'), await source.png({ compressionLevel: 6 }).toBuffer(), 'image/png')
  } else {
    await mediaStorage().put(masterKey(image.hash, 'jpg'), await source.jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer(), 'image/jpeg')
  }
}

async function placeholderOf(image: Normalised) {
  const webp = await sharp(image.pixels, { raw: { width: image.width, height: image.height, channels: image.channels } })
    .resize({ width: PLACEHOLDER_WIDTH })
    .flatten({ background: '#ffffff' })
    .blur(0.6)
    .webp({ quality: 40 })
    .toBuffer()
  return `data:image/webp;base64,${webp.toString('base64')}`
}

/**
 * Takes an uploaded file's bytes and makes it an image asset: refused unless its content is a real image
 * within the size and pixel limits; WebP and JPEG variants at once; AVIF through the outbox. The same
 * picture uploaded again (by anyone) reuses its asset and does no encoding.
 */
export async function ingestImage(bytes: Uint8Array): Promise<IngestResult> {
  const normalised = await normalise(bytes)
  if (!normalised.ok) return normalised
  const image = normalised.image
  const { hash, width, height } = image
  const widths = variantWidths(width)

  const existing = await prisma.imageAsset.findUnique({ where: { hash }, include: { variants: { select: { format: true, width: true } } } })
  const have = new Set(existing?.variants.map((v) => `${v.format}:${v.width}`))
  const missing = (['webp', 'jpeg'] as const).flatMap((format) => widths.filter((w) => !have.has(`${format}:${w}`)).map((w) => ({ format, width: w })))
  if (existing && missing.length === 0) {
    return { ok: true, created: false, asset: { hash, width: existing.width, height: existing.height, placeholder: existing.placeholder } }
  }

  // Files first, rows second: a row never points at a file that is not there. A crash in between leaves
  // files that the next upload of the same picture overwrites with the same bytes.
  const source = { pixels: image.pixels, raw: { width, height, channels: image.channels } }
  const [variants, placeholder] = await Promise.all([
    Promise.all(missing.map((v) => storeVariant(hash, source, v.format, v.width))),
    existing ? existing.placeholder : placeholderOf(image),
    existing ? null : storeMaster(image),
  ])
  const created = await prisma.$transaction(async (tx) => {
    // Two uploads of the same new picture may race here; the loser's rows are skipped, not an error.
    const asset = await tx.imageAsset.createMany({ data: [{ hash, width, height, placeholder }], skipDuplicates: true })
    await tx.imageVariant.createMany({ data: variants, skipDuplicates: true })
    if (asset.count === 1) await enqueue(tx, AVIF_TOPIC, { hash })
    return asset.count === 1
  })
  return { ok: true, created, asset: { hash, width, height, placeholder } }
}

async function loadMaster(hash: string) {
  const storage = mediaStorage()
  const master = (await storage.get(masterKey(hash, 'jpg'))) ?? (await storage.get(masterKey(hash, 'png')))
  if (master) return master.bytes
  // An asset stored before masters were kept, or whose master was lost: its largest JPEG will do.
  const largest = await prisma.imageVariant.findFirst({ where: { assetHash: hash, format: 'jpeg' }, orderBy: { width: 'desc' } })
  return largest ? ((await storage.get(largest.storageKey))?.bytes ?? null) : null
}

/**
 * Makes the AVIF variants an asset lacks; returns how many it made. Safe to run again (the outbox may
 * repeat a message): variants that exist are skipped.
 */
export async function makeAvifVariants(hash: string): Promise<number> {
  const asset = await prisma.imageAsset.findUnique({ where: { hash }, include: { variants: { where: { format: 'avif' }, select: { width: true } } } })
  if (!asset) return 0
  const have = new Set(asset.variants.map((v) => v.width))
  const wanted = variantWidths(asset.width).filter((w) => !have.has(w))
  if (wanted.length === 0) return 0
  const masterBytes = await loadMaster(hash)
  if (!masterBytes) throw new Error(`media.avif: no source image stored for asset ${hash}`)
  const { data, info } = await sharp(masterBytes).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true })
  const source = { pixels: data, raw: { width: info.width, height: info.height, channels: info.channels === 4 ? (4 as const) : (3 as const) } }
  let made = 0
  // One at a time: each encode keeps a core busy for a while, and the web server shares this process.
  for (const width of wanted) {
    const variant = await storeVariant(hash, source, 'avif', width)
    const { count } = await prisma.imageVariant.createMany({ data: [variant], skipDuplicates: true })
    made += count
  }
  return made
}

const AvifPayload = z.object({ hash: z.string().regex(/^[0-9a-f]{64}$/) })

registerOutboxHandler(AVIF_TOPIC, async (payload) => {
  const parsed = AvifPayload.safeParse(payload)
  if (!parsed.success) throw new Error(`media.avif: bad payload ${JSON.stringify(payload)}`)
  await makeAvifVariants(parsed.data.hash)
}, { lane: 'slow' })
