// npm run bench:images — how fast uploads become variants, against the cost of one plain sharp resize.
//
// Generates a batch of camera-sized photos (default 12 × 3000×2000 JPEG with gradients and noise), then in
// one run and one process measures:
//   1. the baseline: one sharp resize per photo (decode, 640 px wide, WebP) and nothing else;
//   2. the full ingest, ingestImage(): content check, EXIF orientation, normalisation and hash, WebP and
//      JPEG at 320/640/1280, the master copy and the placeholder, files written, rows in the database;
//   3. the AVIF variants the outbox handler makes afterwards (makeAvifVariants).
// Each step runs one photo at a time; peak RSS is sampled every 10 ms during each step.
// Options (environment): BENCH_PHOTOS=12 BENCH_WIDTH=3000 BENCH_HEIGHT=2000.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import { PrismaPGlite } from 'pglite-prisma-adapter'
import sharp from 'sharp'
import { applyMigrations } from '../scripts/lib/schema-engine'

const PHOTOS = Number(process.env.BENCH_PHOTOS ?? 12)
const WIDTH = Number(process.env.BENCH_WIDTH ?? 3000)
const HEIGHT = Number(process.env.BENCH_HEIGHT ?? 2000)

const dir = mkdtempSync(path.join(os.tmpdir(), 'cvm-bench-images-'))
// Nothing here may touch the real data directory.
process.env.DATA_DIR = dir

const { PrismaClient } = await import('~/generated/prisma/client')
const { setDatabaseForTests, closeDatabase } = await import('~/utils/db.server')
const { LocalStorage, setMediaStorage } = await import('~/modules/media/storage.server')
const { ingestImage, makeAvifVariants } = await import('~/modules/media/images.server')

// Every photo is decoded fresh in every step: no step profits from libvips' cache of an earlier one.
sharp.cache(false)

/**
 * A photo-like picture: smooth colour fields (a few random colours upsampled, like sky, leaves, soil) and
 * sensor-like noise on top, which is what makes real photos costlier to encode than flat test images.
 */
async function makePhoto(seed: number) {
  let state = seed * 2654435761
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state >>> 24
  }
  const field = Buffer.from(Array.from({ length: 6 * 4 * 3 }, random))
  const pixels = await sharp(field, { raw: { width: 6, height: 4, channels: 3 } })
    .resize(WIDTH, HEIGHT, { kernel: 'cubic' })
    .raw()
    .toBuffer()
  const noise = randomBytes(pixels.length)
  for (let i = 0; i < pixels.length; i++) pixels[i] = Math.max(0, Math.min(255, pixels[i] + (noise[i] >> 3) - 16))
  return sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).jpeg({ quality: 88 }).toBuffer()
}

function rssSampler() {
  let peak = process.memoryUsage().rss
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10)
  return () => {
    clearInterval(timer)
    return Math.max(peak, process.memoryUsage().rss)
  }
}

type Row = { step: string; photos: number; variants: number; ms: number; startRss: number; peakRss: number; bytes?: number }

async function measure(step: string, work: () => Promise<{ variants: number; bytes?: number }>): Promise<Row> {
  const startRss = process.memoryUsage().rss
  const stop = rssSampler()
  const started = performance.now()
  const { variants, bytes } = await work()
  const ms = performance.now() - started
  return { step, photos: PHOTOS, variants, ms, startRss, peakRss: stop(), bytes }
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`
const size = (bytes: number) => (bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} KiB`)
const pad = (s: string, n: number) => s.padEnd(n)
const lpad = (s: string, n: number) => s.padStart(n)

async function main() {
  console.log(`Images benchmark: ${PHOTOS} photos of ${WIDTH}×${HEIGHT}, sharp ${sharp.versions.sharp} / libvips ${sharp.versions.vips}, ${os.cpus().length} CPUs, libvips threads per image ${sharp.concurrency()}`)

  const pglite = await PGlite.create()
  await applyMigrations({ kind: 'pglite', dataDir: pglite })
  const client = new PrismaClient({ adapter: new PrismaPGlite(pglite) })
  setDatabaseForTests(client)
  setMediaStorage(new LocalStorage(path.join(dir, 'media')))

  console.log(`RSS with the embedded database open: ${mb(process.memoryUsage().rss)}`)
  let started = performance.now()
  const photos: Buffer[] = []
  for (let i = 0; i < PHOTOS; i++) photos.push(await makePhoto(i + 1))
  const inputBytes = photos.reduce((sum, p) => sum + p.byteLength, 0)
  console.log(`Generated in ${((performance.now() - started) / 1000).toFixed(1)} s, ${mb(inputBytes)} of JPEG (${(inputBytes / PHOTOS / 1024).toFixed(0)} KiB each); RSS ${mb(process.memoryUsage().rss)}\n`)

  const baseline = await measure('single resize (640 px WebP)', async () => {
    let bytes = 0
    for (const photo of photos) bytes += (await sharp(photo).resize({ width: 640 }).webp().toBuffer()).byteLength
    return { variants: photos.length, bytes }
  })

  const hashes: string[] = []
  const ingest = await measure('ingest (WebP + JPEG × 3 widths)', async () => {
    for (const photo of photos) {
      const result = await ingestImage(photo)
      if (!result.ok) throw new Error(`bench photo refused: ${result.error}`)
      hashes.push(result.asset.hash)
    }
    const variants = await client.imageVariant.aggregate({ where: { format: { in: ['webp', 'jpeg'] } }, _count: true, _sum: { byteSize: true } })
    return { variants: variants._count, bytes: variants._sum.byteSize ?? 0 }
  })

  const avif = await measure('AVIF × 3 widths (outbox handler)', async () => {
    let made = 0
    for (const hash of hashes) made += await makeAvifVariants(hash)
    const sum = await client.imageVariant.aggregate({ where: { format: 'avif' }, _sum: { byteSize: true } })
    return { variants: made, bytes: sum._sum.byteSize ?? 0 }
  })

  started = performance.now()
  const again = await Promise.all(photos.slice(0, 3).map((p) => ingestImage(p)))
  const repeatMs = (performance.now() - started) / 3
  if (again.some((r) => !r.ok || r.created)) throw new Error('a repeated upload made a new asset')

  const rows = [baseline, ingest, avif]
  const header = `${pad('step', 34)} ${lpad('photos', 6)} ${lpad('variants', 8)} ${lpad('time', 8)} ${lpad('ms/photo', 8)} ${lpad('variants/s', 10)} ${lpad('output', 9)} ${lpad('peak RSS', 9)} ${lpad('(+ step)', 9)}`
  console.log(header)
  console.log('-'.repeat(header.length))
  for (const r of rows) {
    console.log(
      `${pad(r.step, 34)} ${lpad(String(r.photos), 6)} ${lpad(String(r.variants), 8)} ${lpad(`${(r.ms / 1000).toFixed(2)} s`, 8)} ${lpad((r.ms / r.photos).toFixed(0), 8)} ${lpad((r.variants / (r.ms / 1000)).toFixed(1), 10)} ${lpad(size(r.bytes ?? 0), 9)} ${lpad(mb(r.peakRss), 9)} ${lpad(`+${mb(r.peakRss - r.startRss)}`, 9)}`,
    )
  }
  console.log('')
  console.log(`Full ingest per photo = ${(ingest.ms / baseline.ms).toFixed(1)} × one single resize (${(ingest.ms / PHOTOS).toFixed(0)} ms vs ${(baseline.ms / PHOTOS).toFixed(0)} ms); per variant ${((ingest.ms / ingest.variants / baseline.ms) * PHOTOS).toFixed(2)} × a single resize.`)
  console.log(`AVIF per photo (3 widths, off the request path) = ${(avif.ms / baseline.ms).toFixed(1)} × one single resize.`)
  console.log(`The same photo uploaded again: ${repeatMs.toFixed(0)} ms (decode and hash only; no encoding, no new files).`)
  console.log(`Peak RSS of the whole run: ${mb(process.resourceUsage().maxRSS * 1024)}.`)

  await closeDatabase()
  await pglite.close()
}

try {
  await main()
} finally {
  rmSync(dir, { recursive: true, force: true })
}
