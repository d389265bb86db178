// One contract for every MediaStorage adapter (STYLE.md: one contract suite per interface). It runs
// against LocalStorage always; against S3Storage on a tiny in-process imitation of S3's three calls (it
// proves the requests the adapter makes, not S3 itself); and against a real bucket only when S3_BUCKET is
// set, since no S3 service exists on the machines these tests normally run on.
import { randomBytes } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { loadEnv } from '~/utils/env.server'
import { LocalStorage, S3Storage, s3ConfigFromEnv, type MediaStorage } from '~/modules/media/storage.server'
import { filesUnder } from './fixtures'

type Adapter = { storage: MediaStorage; cleanup(): Promise<void> | void }

function storageContract(name: string, make: () => Promise<Adapter> | Adapter, prefix = '') {
  describe(`MediaStorage contract: ${name}`, () => {
    let adapter: Adapter
    let storage: MediaStorage
    const written = new Set<string>()
    const key = (k: string) => {
      written.add(`${prefix}${k}`)
      return `${prefix}${k}`
    }
    beforeAll(async () => {
      adapter = await make()
      storage = adapter.storage
    })
    afterAll(async () => {
      for (const k of written) await storage.delete(k).catch(() => {})
      await adapter.cleanup()
    })

    test('gives back exactly the bytes put, with the content type of the key', async () => {
      const bytes = randomBytes(300_000)
      for (const [ext, type] of [
        ['webp', 'image/webp'],
        ['avif', 'image/avif'],
        ['jpg', 'image/jpeg'],
        ['png', 'image/png'],
      ]) {
        const k = key(`ab/${'c'.repeat(64)}/640.${ext}`)
        await storage.put(k, bytes, type)
        const got = await storage.get(k)
        expect(got?.contentType).toBe(type)
        expect(got && Buffer.compare(got.bytes, bytes)).toBe(0)
      }
    })

    test('answers null for a key never written', async () => {
      expect(await storage.get(key(`zz/${randomBytes(32).toString('hex')}/320.webp`))).toBeNull()
    })

    test('a second put to a key replaces the first', async () => {
      const k = key('replace/photo.webp')
      await storage.put(k, Buffer.from('first version'), 'image/webp')
      await storage.put(k, Buffer.from('second'), 'image/webp')
      expect((await storage.get(k))?.bytes.toString()).toBe('second')
    })

    test('delete removes the object, and deleting what is not there is not an error', async () => {
      const k = key('delete/photo.jpg')
      await storage.put(k, Buffer.from([1, 2, 3]), 'image/jpeg')
      await storage.delete(k)
      expect(await storage.get(k)).toBeNull()
      await expect(storage.delete(k)).resolves.toBeUndefined()
    })

    test('empty objects round-trip', async () => {
      const k = key('empty/nothing.png')
      await storage.put(k, new Uint8Array(0), 'image/png')
      expect((await storage.get(k))?.bytes.byteLength).toBe(0)
    })

    test('concurrent puts to one key leave one of them whole', async () => {
      const k = key('race/photo.webp')
      const versions = Array.from({ length: 6 }, (_, i) => Buffer.alloc(200_000, i + 1))
      await Promise.all(versions.map((v) => storage.put(k, v, 'image/webp')))
      const got = (await storage.get(k))!.bytes
      expect(versions.some((v) => Buffer.compare(v, got) === 0)).toBe(true)
    })

    test('keys that could leave the storage, or are not image keys, are refused', async () => {
      const bad = ['../escape.webp', 'a/../../escape.webp', '/etc/passwd.png', 'a//b.webp', 'a\\b.webp', 'A/B.webp', 'a/b.txt', 'a/b.webp/', '', '.webp', 'a/.hidden.webp', 'a/b.webp.tmp']
      for (const k of bad) {
        await expect(storage.put(k, Buffer.from('x'), 'image/webp'), k).rejects.toThrow(/Invalid media storage key/)
        expect(await storage.get(k), k).toBeNull()
        await expect(storage.delete(k), k).rejects.toThrow(/Invalid media storage key/)
      }
    })

    test('a content type that does not match the key is refused', async () => {
      await expect(storage.put(key('mismatch/photo.webp'), Buffer.from('x'), 'image/jpeg')).rejects.toThrow(/does not match/)
    })
  })
}

// ---------------------------------------------------------------------------------------------------------

let localDir = ''
storageContract('LocalStorage', () => {
  localDir = mkdtempSync(path.join(os.tmpdir(), 'cvm-storage-'))
  return { storage: new LocalStorage(localDir), cleanup: () => rmSync(localDir, { recursive: true, force: true }) }
})

describe('LocalStorage specifics', () => {
  test('files sit at their key under the root, and no temporary file is left behind', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'cvm-storage-'))
    try {
      const storage = new LocalStorage(dir)
      await Promise.all(Array.from({ length: 5 }, (_, i) => storage.put('ab/cd/320.webp', Buffer.alloc(50_000, i), 'image/webp')))
      await storage.put('ab/cd/640.jpg', Buffer.from('x'), 'image/jpeg')
      expect(filesUnder(dir)).toEqual(['ab/cd/320.webp', 'ab/cd/640.jpg'])
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

// An imitation of S3's PutObject/GetObject/DeleteObject with path-style addressing.
function fakeS3(bucket: string) {
  const objects = new Map<string, { body: Buffer; contentType: string }>()
  const requests: { method: string; path: string; contentType?: string }[] = []
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const [, b, ...rest] = url.pathname.split('/')
    const objectKey = rest.map(decodeURIComponent).join('/')
    requests.push({ method: req.method ?? '', path: url.pathname, contentType: req.headers['content-type'] })
    const chunks: Buffer[] = []
    for await (const chunk of req) chunks.push(chunk as Buffer)
    if (b !== bucket) {
      res.writeHead(404, { 'Content-Type': 'application/xml' }).end('<Error><Code>NoSuchBucket</Code></Error>')
      return
    }
    if (req.method === 'PUT') {
      objects.set(objectKey, { body: Buffer.concat(chunks), contentType: String(req.headers['content-type'] ?? '') })
      res.writeHead(200, { ETag: '"x"' }).end()
    } else if (req.method === 'GET') {
      const object = objects.get(objectKey)
      if (!object) {
        res.writeHead(404, { 'Content-Type': 'application/xml' }).end('<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>')
      } else {
        res.writeHead(200, { 'Content-Type': object.contentType, 'Content-Length': object.body.byteLength }).end(object.body)
      }
    } else if (req.method === 'DELETE') {
      objects.delete(objectKey)
      res.writeHead(204).end()
    } else {
      res.writeHead(405).end()
    }
  })
  return { server, objects, requests }
}

const fake = fakeS3('cvm-media')
storageContract('S3Storage (in-process imitation of S3)', async () => {
  await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve))
  const { port } = fake.server.address() as AddressInfo
  const storage = new S3Storage({
    bucket: 'cvm-media',
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    accessKeyId: 'test',
    secretAccessKey: 'test-secret',
  })
  return { storage, cleanup: () => new Promise<void>((resolve) => fake.server.close(() => resolve())) }
})

describe('S3Storage requests', () => {
  test('objects were put under their key with the key’s content type', () => {
    const put = fake.requests.find((r) => r.method === 'PUT' && r.path === `/cvm-media/ab/${'c'.repeat(64)}/640.avif`)
    expect(put?.contentType).toBe('image/avif')
    expect(fake.objects.size).toBe(0) // the suite deleted all it wrote
  })
})

// A real bucket, only when one is configured (no S3 service exists on the usual test machines).
const s3Config = process.env.S3_BUCKET ? s3ConfigFromEnv(loadEnv(process.env)) : null
describe.skipIf(!s3Config)('against the configured bucket (S3_BUCKET)', () => {
  storageContract(
    `S3Storage bucket ${s3Config?.bucket}`,
    () => ({ storage: new S3Storage(s3Config!), cleanup: () => {} }),
    `contract-test/${randomBytes(4).toString('hex')}/`,
  )
})

describe('choosing the storage from the environment', () => {
  const base = { NODE_ENV: 'test', SESSION_SECRET: 'x'.repeat(40), DATA_DIR: 'data/test-unused' } as const

  test('no S3_BUCKET: no bucket, and the other S3_* settings alone are a configuration error', () => {
    expect(s3ConfigFromEnv(loadEnv({ ...base }))).toBeNull()
    expect(() => loadEnv({ ...base, S3_REGION: 'ap-southeast-1' })).toThrow(/S3_REGION: is only used with S3_BUCKET/)
  })

  test('a bucket needs a region on AWS, and keys come in pairs', () => {
    expect(() => loadEnv({ ...base, S3_BUCKET: 'cvm-media' })).toThrow(/S3_REGION: required with S3_BUCKET/)
    expect(() => loadEnv({ ...base, S3_BUCKET: 'cvm-media', S3_REGION: 'ap-southeast-1', S3_ACCESS_KEY_ID: 'AKIA' })).toThrow(/S3_SECRET_ACCESS_KEY: set both/)
    expect(() => loadEnv({ ...base, S3_BUCKET: 'Not A Bucket', S3_REGION: 'ap-southeast-1' })).toThrow(/S3_BUCKET: must be a bucket name/)
    expect(() => loadEnv({ ...base, S3_BUCKET: 'cvm-media', S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT: must be a full URL/)
  })

  test('a valid bucket configuration', () => {
    expect(s3ConfigFromEnv(loadEnv({ ...base, S3_BUCKET: 'cvm-media', S3_REGION: 'ap-southeast-1' }))).toEqual({
      bucket: 'cvm-media',
      region: 'ap-southeast-1',
      endpoint: undefined,
      accessKeyId: undefined,
      secretAccessKey: undefined,
      forcePathStyle: false,
    })
    expect(
      s3ConfigFromEnv(loadEnv({ ...base, S3_BUCKET: 'cvm-media', S3_ENDPOINT: 'http://127.0.0.1:9000', S3_ACCESS_KEY_ID: 'minio', S3_SECRET_ACCESS_KEY: 'minio-secret', S3_FORCE_PATH_STYLE: '1' })),
    ).toEqual({ bucket: 'cvm-media', region: 'us-east-1', endpoint: 'http://127.0.0.1:9000', accessKeyId: 'minio', secretAccessKey: 'minio-secret', forcePathStyle: true })
  })
})
