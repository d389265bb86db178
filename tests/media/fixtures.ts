// Pictures made with sharp, producers and products made directly in the database, and a throw-away
// directory for the media, shared by the media tests.
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import sharp from 'sharp'
import { afterAll, beforeAll } from 'vitest'
import { LocalStorage, setMediaStorage } from '~/modules/media/storage.server'
import { prisma } from '~/utils/db.server'

/** Points the media at a fresh temporary directory for this test file. */
export function withTempMediaStorage() {
  const state = { dir: '', storage: undefined as unknown as LocalStorage }
  beforeAll(() => {
    state.dir = mkdtempSync(path.join(os.tmpdir(), 'cvm-media-'))
    state.storage = new LocalStorage(state.dir)
    setMediaStorage(state.storage)
  })
  afterAll(() => {
    setMediaStorage(undefined)
    rmSync(state.dir, { recursive: true, force: true })
  })
  return state
}

/** Every file under a directory, as paths relative to it. */
export function filesUnder(dir: string): string[] {
  const out: string[] = []
  const walk = (rel: string) => {
    for (const name of readdirSync(path.join(dir, rel))) {
      const child = path.join(rel, name)
      if (statSync(path.join(dir, child)).isDirectory()) walk(child)
      else out.push(child.split(path.sep).join('/'))
    }
  }
  walk('')
  return out.sort()
}

/** Raw RGB pixels: a diagonal gradient tinted by `seed`, so different seeds give different pictures. */
export function gradientPixels(width: number, height: number, seed = 0) {
  const pixels = Buffer.alloc(width * height * 3)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3
      pixels[i] = (x * 255) / width
      pixels[i + 1] = (y * 255) / height
      pixels[i + 2] = (seed * 37 + ((x + y) * 128) / (width + height)) % 256
    }
  }
  return { pixels, raw: { width, height, channels: 3 as const } }
}

export async function gradientJpeg(width: number, height: number, seed = 0) {
  const { pixels, raw } = gradientPixels(width, height, seed)
  return sharp(pixels, { raw }).jpeg({ quality: 90 }).toBuffer()
}

export async function solidPng(width: number, height: number, seed: number) {
  const background = { r: (seed * 53) % 256, g: (seed * 97) % 256, b: (seed * 151) % 256 }
  return sharp({ create: { width, height, channels: 3, background } }).png().toBuffer()
}

let counter = 0
const unique = () => `${process.pid}${Date.now().toString(36)}${(counter++).toString(36)}`

export async function createProducer(displayName: string) {
  const n = unique()
  return prisma.organization.create({
    data: {
      slug: `producer-${n}`.toLowerCase(),
      kind: 'PRODUCER',
      legalForm: 'COOPERATIVE',
      legalName: `Hợp tác xã ${displayName}`,
      displayName,
      taxCode: `T${n}`.slice(0, 30),
      addressLine: 'Thôn Lũng Cú',
      commune: 'Xã Đồng Văn',
      provinceCode: '08',
      phone: '0912345678',
    },
  })
}

export async function createCategory() {
  const n = unique()
  return prisma.category.create({ data: { slug: `tea-${n}`.toLowerCase(), nameVi: 'Chè', nameEn: 'Tea' } })
}

export async function createProduct(producerId: string, categoryId: string, nameVi = 'Chè Shan tuyết') {
  const n = unique()
  return prisma.product.create({
    data: {
      producerId,
      sku: `SKU-${n}`,
      slug: `che-shan-tuyet-${n}`.toLowerCase(),
      nameVi,
      categoryId,
      unit: 'KG',
      priceVnd: 450_000n,
      vatRate: 'FIVE',
      provinceCode: '08',
      tierPrices: { create: [{ minQuantity: 10, unitPriceVnd: 450_000n }] },
    },
  })
}
