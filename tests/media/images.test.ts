// Uploads through sharp: what is refused (by content, never by name), what is removed (EXIF, GPS), what is
// made (upright variants that are never upscaled, a placeholder, AVIF later through the outbox), what is
// shared (the same picture is one asset), and how the variants are served.
import sharp from 'sharp'
import { beforeAll, describe, expect, test, vi } from 'vitest'
import { drainOutbox, enqueue } from '~/modules/outbox/outbox.server'
import { AVIF_TOPIC, ingestImage, makeAvifVariants, MAX_IMAGE_BYTES, variantKey, variantWidths } from '~/modules/media/images.server'
import * as imageRoute from '~/routes/media/image'
import { prisma } from '~/utils/db.server'
import { callRoute } from '../utils/routes'
import { filesUnder, gradientJpeg, gradientPixels, withTempMediaStorage } from './fixtures'

const media = withTempMediaStorage()

async function variantsOf(hash: string) {
  return prisma.imageVariant.findMany({ where: { assetHash: hash }, orderBy: [{ format: 'asc' }, { width: 'asc' }] })
}

async function ingestOk(bytes: Uint8Array) {
  const result = await ingestImage(bytes)
  if (!result.ok) throw new Error(`expected the image to be accepted, got ${result.error}`)
  return result
}

/** JPEG APP1 segments (EXIF, XMP) found by walking the markers up to the image data. */
function jpegApp1Segments(bytes: Buffer) {
  const found: string[] = []
  let i = 2
  while (i + 4 <= bytes.length && bytes[i] === 0xff) {
    const marker = bytes[i + 1]
    if (marker === 0xda) break // start of scan: only image data follows
    const length = bytes.readUInt16BE(i + 2)
    if (marker === 0xe1) found.push(bytes.subarray(i + 4, i + 4 + 12).toString('latin1'))
    i += 2 + length
  }
  return found
}

/** The chunk names of a WebP (RIFF) file: EXIF and XMP would appear as 'EXIF' and 'XMP '. */
function webpChunks(bytes: Buffer) {
  const names: string[] = []
  for (let i = 12; i + 8 <= bytes.length; ) {
    names.push(bytes.subarray(i, i + 4).toString('latin1'))
    const size = bytes.readUInt32LE(i + 4)
    i += 8 + size + (size % 2)
  }
  return names
}

const GPS_POINTER_LE = Buffer.from([0x25, 0x88]) // tag 0x8825 (GPS IFD) in a little-endian TIFF header
const GPS_POINTER_BE = Buffer.from([0x88, 0x25])

describe('refused uploads', () => {
  let bomb: Buffer
  beforeAll(async () => {
    // A decompression bomb: ~1 MB of PNG that decodes to 20000×20000 pixels (1.2 GB of RGB).
    bomb = await sharp({ create: { width: 20000, height: 20000, channels: 3, background: '#2f7d4f' }, limitInputPixels: false })
      .png({ compressionLevel: 9 })
      .toBuffer()
  }, 60_000)

  test('a 0-byte file', async () => {
    expect(await ingestImage(new Uint8Array(0))).toEqual({ ok: false, error: 'media.image.empty' })
  })

  test('a text file, whatever it is called', async () => {
    const text = Buffer.from('Giá chè Shan tuyết: 450.000 đ/kg\nThis is a price list, not a photo.\n')
    expect(await ingestImage(text)).toEqual({ ok: false, error: 'media.image.notAnImage' })
  })

  test('an SVG (text pretending to be a picture)', async () => {
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><rect width="100" height="100" fill="red"/></svg>')
    expect(await ingestImage(svg)).toEqual({ ok: false, error: 'media.image.notAnImage' })
  })

  test('a file that starts like a JPEG but is not one', async () => {
    const fake = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('not really a jpeg'.repeat(100))])
    expect(await ingestImage(fake)).toEqual({ ok: false, error: 'media.image.notAnImage' })
  })

  test('a file over 15 MB, before it is decoded', async () => {
    expect(await ingestImage(new Uint8Array(MAX_IMAGE_BYTES + 1))).toEqual({ ok: false, error: 'media.image.tooLarge' })
  })

  test('a 20000×20000 PNG (decompression bomb), from its header, quickly', async () => {
    expect(bomb.byteLength).toBeLessThan(MAX_IMAGE_BYTES)
    const started = performance.now()
    expect(await ingestImage(bomb)).toEqual({ ok: false, error: 'media.image.tooManyPixels' })
    expect(performance.now() - started).toBeLessThan(1000)
  })

  test('nothing is stored for a refused file', async () => {
    expect(await prisma.imageAsset.count()).toBe(0)
    expect(filesUnder(media.dir)).toEqual([])
  })
})

describe('accepted photos', () => {
  test('EXIF and GPS are stripped from every variant (WebP, JPEG and, later, AVIF)', async () => {
    const { pixels, raw } = gradientPixels(1600, 1200, 7)
    const withGps = await sharp(pixels, { raw })
      .jpeg({ quality: 90 })
      .withExif({
        IFD0: { Make: 'PhoneMaker', Model: 'Phone 15', Software: 'CameraApp' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '21/1 1/1 30/1', GPSLongitudeRef: 'E', GPSLongitude: '105/1 51/1 0/1' },
      })
      .toBuffer()
    // The upload really carries GPS: an EXIF segment holding a GPS IFD pointer and the camera make.
    const inputExif = (await sharp(withGps).metadata()).exif!
    expect(inputExif).toBeDefined()
    expect(inputExif.includes(GPS_POINTER_LE) || inputExif.includes(GPS_POINTER_BE)).toBe(true)
    expect(withGps.includes(Buffer.from('PhoneMaker'))).toBe(true)
    expect(jpegApp1Segments(withGps).some((s) => s.startsWith('Exif'))).toBe(true)

    const { asset } = await ingestOk(withGps)
    await makeAvifVariants(asset.hash)
    const variants = await variantsOf(asset.hash)
    expect(new Set(variants.map((v) => v.format))).toEqual(new Set(['avif', 'jpeg', 'webp']))
    for (const variant of variants) {
      const bytes = (await media.storage.get(variant.storageKey))!.bytes
      const metadata = await sharp(bytes).metadata()
      expect(metadata.exif, variant.storageKey).toBeUndefined()
      expect(metadata.xmp, variant.storageKey).toBeUndefined()
      expect(bytes.includes(Buffer.from('Exif\0\0')), variant.storageKey).toBe(false)
      expect(bytes.includes(Buffer.from('PhoneMaker')), variant.storageKey).toBe(false)
      if (variant.format === 'jpeg') expect(jpegApp1Segments(bytes)).toEqual([])
      if (variant.format === 'webp') expect(webpChunks(bytes).filter((c) => c === 'EXIF' || c === 'XMP ')).toEqual([])
    }
    // The placeholder is an image too.
    const placeholder = Buffer.from(asset.placeholder.replace(/^data:image\/webp;base64,/, ''), 'base64')
    expect((await sharp(placeholder).metadata()).exif).toBeUndefined()
  })

  test('a photo is turned upright by its EXIF orientation before anything else', async () => {
    // Stored 200×100 with the left half red and the right half blue, tagged "rotate 90° clockwise to view".
    const width = 200
    const height = 100
    const pixels = Buffer.alloc(width * height * 3)
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) pixels.set(x < width / 2 ? [220, 20, 20] : [20, 20, 220], (y * width + x) * 3)
    }
    const sideways = await sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer()
    expect((await sharp(sideways).metadata()).orientation).toBe(6)

    const { asset } = await ingestOk(sideways)
    expect([asset.width, asset.height]).toEqual([100, 200])
    const jpeg = (await variantsOf(asset.hash)).find((v) => v.format === 'jpeg')!
    expect([jpeg.width, jpeg.height]).toEqual([100, 200])
    const decoded = await sharp((await media.storage.get(jpeg.storageKey))!.bytes).raw().toBuffer({ resolveWithObject: true })
    expect(decoded.info.width).toBe(100)
    const at = (x: number, y: number) => [...decoded.data.subarray((y * 100 + x) * 3, (y * 100 + x) * 3 + 3)]
    // Turned clockwise, the left (red) half is now on top and the right (blue) half below.
    expect(at(50, 20)[0]).toBeGreaterThan(150)
    expect(at(50, 20)[2]).toBeLessThan(100)
    expect(at(50, 180)[2]).toBeGreaterThan(150)
    expect(at(50, 180)[0]).toBeLessThan(100)
    expect((await sharp((await media.storage.get(jpeg.storageKey))!.bytes).metadata()).orientation).toBeUndefined()
  })

  test('a large photo gets WebP and JPEG variants 320, 640 and 1280 px wide at once, stored under their keys', async () => {
    const { asset, created } = await ingestOk(await gradientJpeg(3000, 2000, 1))
    expect(created).toBe(true)
    expect([asset.width, asset.height]).toEqual([1280, 853])
    const variants = await variantsOf(asset.hash)
    expect(variants.map((v) => `${v.format} ${v.width}×${v.height}`)).toEqual([
      'jpeg 320×213',
      'jpeg 640×427',
      'jpeg 1280×853',
      'webp 320×213',
      'webp 640×427',
      'webp 1280×853',
    ])
    for (const v of variants) {
      expect(v.storageKey).toBe(variantKey(asset.hash, v.format as 'webp' | 'jpeg', v.width))
      const stored = (await media.storage.get(v.storageKey))!
      expect(stored.bytes.byteLength).toBe(v.byteSize)
      expect(stored.contentType).toBe(v.format === 'webp' ? 'image/webp' : 'image/jpeg')
      const metadata = await sharp(stored.bytes).metadata()
      expect(metadata.format).toBe(v.format)
      expect([metadata.width, metadata.height]).toEqual([v.width, v.height])
    }
    // AVIF is not made on the request path; the outbox has it.
    expect(await prisma.outboxMessage.count({ where: { topic: AVIF_TOPIC, payload: { equals: { hash: asset.hash } } } })).toBe(1)
  })

  test('small photos are never upscaled', async () => {
    expect(variantWidths(1280)).toEqual([320, 640, 1280])
    expect(variantWidths(1000)).toEqual([320, 640, 1000])
    expect(variantWidths(700)).toEqual([320, 700]) // 640 would be nearly the same size as the photo itself
    expect(variantWidths(200)).toEqual([200])

    const { asset: medium } = await ingestOk(await gradientJpeg(500, 300, 2))
    expect((await variantsOf(medium.hash)).map((v) => `${v.format} ${v.width}×${v.height}`)).toEqual(['jpeg 320×192', 'jpeg 500×300', 'webp 320×192', 'webp 500×300'])

    const { asset: tiny } = await ingestOk(await gradientJpeg(120, 90, 3))
    const tinyVariants = await variantsOf(tiny.hash)
    expect(tinyVariants.map((v) => `${v.format} ${v.width}×${v.height}`)).toEqual(['jpeg 120×90', 'webp 120×90'])
  })

  test('the placeholder is a tiny WebP data: URI, about 16 px wide', async () => {
    const { asset } = await ingestOk(await gradientJpeg(900, 600, 4))
    expect(asset.placeholder).toMatch(/^data:image\/webp;base64,[A-Za-z0-9+/=]+$/)
    const bytes = Buffer.from(asset.placeholder.split(',')[1], 'base64')
    expect(bytes.byteLength).toBeLessThan(600)
    const metadata = await sharp(bytes).metadata()
    expect([metadata.format, metadata.width, metadata.height]).toEqual(['webp', 16, 11])
  })

  test('transparent PNGs keep transparency in WebP and turn white in JPEG', async () => {
    const png = await sharp({ create: { width: 400, height: 400, channels: 4, background: { r: 200, g: 30, b: 30, alpha: 0 } } })
      .composite([{ input: await sharp({ create: { width: 200, height: 200, channels: 4, background: '#c81e1e' } }).png().toBuffer(), left: 100, top: 100 }])
      .png()
      .toBuffer()
    const { asset } = await ingestOk(png)
    const variants = await variantsOf(asset.hash)
    const webp = await sharp((await media.storage.get(variants.find((v) => v.format === 'webp')!.storageKey))!.bytes).metadata()
    expect(webp.hasAlpha).toBe(true)
    const jpeg = variants.find((v) => v.format === 'jpeg' && v.width === 400)!
    const corner = await sharp((await media.storage.get(jpeg.storageKey))!.bytes).extract({ left: 0, top: 0, width: 1, height: 1 }).raw().toBuffer()
    expect([...corner].every((c) => c > 245)).toBe(true)
  })
})

describe('the same picture is one asset', () => {
  test('uploading identical content again reuses the asset, its variants and its files: no new work', async () => {
    const photo = await gradientJpeg(1400, 1000, 11)
    const first = await ingestOk(photo)
    const before = { variants: await variantsOf(first.asset.hash), files: filesUnder(media.dir), outbox: await prisma.outboxMessage.count() }
    const put = vi.spyOn(media.storage, 'put')
    try {
      const second = await ingestOk(Buffer.from(photo))
      expect(second.created).toBe(false)
      expect(second.asset).toEqual(first.asset)
      expect(put).not.toHaveBeenCalled()
    } finally {
      put.mockRestore()
    }
    expect(await variantsOf(first.asset.hash)).toEqual(before.variants)
    expect(filesUnder(media.dir)).toEqual(before.files)
    expect(await prisma.outboxMessage.count()).toBe(before.outbox)
  })

  test('the same pixels in another file format or with other metadata are the same asset', async () => {
    const { pixels, raw } = gradientPixels(800, 600, 12)
    const png = await sharp(pixels, { raw }).png().toBuffer()
    const webp = await sharp(pixels, { raw }).webp({ lossless: true }).withExif({ IFD0: { Artist: 'Someone' } }).toBuffer()
    expect(Buffer.compare(png, webp)).not.toBe(0)
    const a = await ingestOk(png)
    const b = await ingestOk(webp)
    expect(b.asset.hash).toBe(a.asset.hash)
    expect(b.created).toBe(false)
  })

  test('different pictures are different assets', async () => {
    const a = await ingestOk(await gradientJpeg(640, 480, 21))
    const b = await ingestOk(await gradientJpeg(640, 480, 22))
    expect(a.asset.hash).not.toBe(b.asset.hash)
  })

  test('two uploads of the same new picture at once make one asset and one AVIF job', async () => {
    const photo = await gradientJpeg(700, 500, 31)
    const [a, b] = await Promise.all([ingestOk(photo), ingestOk(photo)])
    expect(a.asset.hash).toBe(b.asset.hash)
    expect(await prisma.imageAsset.count({ where: { hash: a.asset.hash } })).toBe(1)
    expect((await variantsOf(a.asset.hash)).length).toBe(4)
    expect(await prisma.outboxMessage.count({ where: { topic: AVIF_TOPIC, payload: { equals: { hash: a.asset.hash } } } })).toBe(1)
  })
})

describe('AVIF through the outbox', () => {
  test('the handler makes the AVIF variants for every width, and running it again changes nothing', async () => {
    const { asset } = await ingestOk(await gradientJpeg(2000, 1500, 41))
    expect((await variantsOf(asset.hash)).filter((v) => v.format === 'avif')).toEqual([])

    while ((await drainOutbox()) > 0);
    const message = await prisma.outboxMessage.findFirstOrThrow({ where: { topic: AVIF_TOPIC, payload: { equals: { hash: asset.hash } } } })
    expect(message).toMatchObject({ status: 'DONE', lastError: null })
    const avif = (await variantsOf(asset.hash)).filter((v) => v.format === 'avif')
    expect(avif.map((v) => `${v.width}×${v.height}`)).toEqual(['320×240', '640×480', '1280×960'])
    for (const v of avif) {
      const stored = (await media.storage.get(v.storageKey))!
      expect(stored.contentType).toBe('image/avif')
      const metadata = await sharp(stored.bytes).metadata()
      expect([metadata.format, metadata.compression, metadata.width]).toEqual(['heif', 'av1', v.width])
    }

    // The outbox may deliver a message twice (after a crash): nothing is redone.
    const files = filesUnder(media.dir)
    const put = vi.spyOn(media.storage, 'put')
    try {
      expect(await makeAvifVariants(asset.hash)).toBe(0)
      await prisma.$transaction((tx) => enqueue(tx, AVIF_TOPIC, { hash: asset.hash }))
      while ((await drainOutbox()) > 0);
      expect(put).not.toHaveBeenCalled()
    } finally {
      put.mockRestore()
    }
    expect((await variantsOf(asset.hash)).filter((v) => v.format === 'avif')).toEqual(avif)
    expect(filesUnder(media.dir)).toEqual(files)
  })

  test('a partly done job only makes what is missing', async () => {
    const { asset } = await ingestOk(await gradientJpeg(700, 500, 42))
    expect(await makeAvifVariants(asset.hash)).toBe(2)
    const smallest = await prisma.imageVariant.findFirstOrThrow({ where: { assetHash: asset.hash, format: 'avif', width: 320 } })
    await prisma.imageVariant.delete({ where: { id: smallest.id } })
    expect(await makeAvifVariants(asset.hash)).toBe(1)
    expect((await variantsOf(asset.hash)).filter((v) => v.format === 'avif').map((v) => v.width)).toEqual([320, 700])
  })

  test('a job for an asset that no longer exists does nothing', async () => {
    expect(await makeAvifVariants('0'.repeat(64))).toBe(0)
  })
})

describe('GET /media/images/<key>', () => {
  const get = (key: string, headers: Record<string, string> = {}) =>
    callRoute(imageRoute.loader, new Request(`http://localhost:3000/media/images/${key}`, { headers }), { '*': key })

  test('serves a variant with its content type, a year-long immutable cache and an ETag', async () => {
    const { asset } = await ingestOk(await gradientJpeg(800, 600, 51))
    const [variant] = (await variantsOf(asset.hash)).filter((v) => v.format === 'webp')
    const response = await imageRoute.loader({ request: new Request(`http://localhost:3000/media/images/${variant.storageKey}`), params: { '*': variant.storageKey }, context: {} })
    expect(response.status).toBe(200)
    expect(response.headers.get('Content-Type')).toBe('image/webp')
    expect(response.headers.get('Cache-Control')).toBe('public, max-age=31536000, immutable')
    expect(response.headers.get('Content-Length')).toBe(String(variant.byteSize))
    const etag = response.headers.get('ETag')
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/)
    const body = Buffer.from(await response.arrayBuffer())
    expect(Buffer.compare(body, (await media.storage.get(variant.storageKey))!.bytes)).toBe(0)

    const again = await get(variant.storageKey, { 'If-None-Match': etag! })
    expect(again.status).toBe(304)
    expect(again.data).toBe('')
  })

  test('unknown, malformed and path-climbing keys are 404, and so is the stored master', async () => {
    const { asset } = await ingestOk(await gradientJpeg(640, 480, 52))
    const hash = asset.hash
    for (const key of [
      `${hash.slice(0, 2)}/${hash}/999.webp`,
      `${'f'.repeat(2)}/${'f'.repeat(64)}/320.webp`,
      `${hash.slice(0, 2)}/${hash}/master.jpg`,
      `${hash.slice(0, 2)}/${hash}/320.png`,
      `aa/${hash}/320.webp`,
      `../../etc/passwd`,
      `${hash.slice(0, 2)}/../../../etc/passwd.webp`,
      `${hash.slice(0, 2)}/${hash}/320.webp/../../x.webp`,
      '',
    ]) {
      expect((await get(key)).status, key).toBe(404)
    }
  })
})
