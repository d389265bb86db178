import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3'
import { env, type Env } from '~/utils/env.server'

/**
 * Where image bytes live. Keys are relative paths of lowercase segments ending in an image extension
 * (`ab/abcd…/640.webp`); the extension decides the content type, so every adapter answers the same type.
 */
export interface MediaStorage {
  put(key: string, bytes: Uint8Array, contentType: string): Promise<void>
  get(key: string): Promise<{ bytes: Buffer; contentType: string } | null>
  delete(key: string): Promise<void>
}

const CONTENT_TYPES: Record<string, string> = {
  webp: 'image/webp',
  avif: 'image/avif',
  jpg: 'image/jpeg',
  png: 'image/png',
}

// No dots but the extension's and no empty segments: a valid key can never climb out of its root.
const KEY_PATTERN = /^(?:[a-z0-9][a-z0-9_-]{0,127}\/){0,6}[a-z0-9][a-z0-9_-]{0,127}\.(webp|avif|jpg|png)$/

export function isValidStorageKey(key: string): boolean {
  return key.length <= 400 && KEY_PATTERN.test(key)
}

/** The content type a key's extension stands for, or null for an invalid key. */
export function contentTypeForKey(key: string): string | null {
  const match = isValidStorageKey(key) ? KEY_PATTERN.exec(key) : null
  return match ? CONTENT_TYPES[match[1]] : null
}

function checkPut(key: string, contentType: string) {
  const expected = contentTypeForKey(key)
  if (!expected) throw new Error(`Invalid media storage key: ${JSON.stringify(key)}`)
  if (expected !== contentType) throw new Error(`Content type ${contentType} does not match the key ${key} (${expected})`)
}

function checkKey(key: string) {
  if (!isValidStorageKey(key)) throw new Error(`Invalid media storage key: ${JSON.stringify(key)}`)
}

const isMissing = (error: unknown) =>
  error instanceof Error && 'code' in error && (error.code === 'ENOENT' || error.code === 'ENOTDIR')

/** A directory on this machine (default <DATA_DIR>/media). */
export class LocalStorage implements MediaStorage {
  readonly root: string
  constructor(root: string) {
    this.root = path.resolve(root)
  }

  private file(key: string) {
    return path.join(this.root, ...key.split('/'))
  }

  // Written beside the target and renamed over it: a reader sees the old file or the whole new one, never
  // half of one, and a crash leaves at most a stray *.tmp file.
  async put(key: string, bytes: Uint8Array, contentType: string) {
    checkPut(key, contentType)
    const file = this.file(key)
    await mkdir(path.dirname(file), { recursive: true })
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`
    try {
      await writeFile(temp, bytes)
      await rename(temp, file)
    } catch (error) {
      await unlink(temp).catch(() => {})
      throw error
    }
  }

  async get(key: string) {
    const contentType = contentTypeForKey(key)
    if (!contentType) return null
    try {
      return { bytes: await readFile(this.file(key)), contentType }
    } catch (error) {
      if (isMissing(error)) return null
      throw error
    }
  }

  async delete(key: string) {
    checkKey(key)
    try {
      await unlink(this.file(key))
    } catch (error) {
      if (!isMissing(error)) throw error
    }
  }
}

export type S3Config = {
  bucket: string
  region: string
  endpoint?: string
  accessKeyId?: string
  secretAccessKey?: string
  forcePathStyle?: boolean
}

/** An S3-compatible bucket (AWS S3, R2, MinIO, …), used only through PutObject, GetObject and DeleteObject. */
export class S3Storage implements MediaStorage {
  readonly bucket: string
  private readonly client: S3Client
  constructor(config: S3Config) {
    this.bucket = config.bucket
    this.client = new S3Client({
      region: config.region,
      endpoint: config.endpoint,
      forcePathStyle: config.forcePathStyle,
      credentials:
        config.accessKeyId && config.secretAccessKey
          ? { accessKeyId: config.accessKeyId, secretAccessKey: config.secretAccessKey }
          : undefined,
      // Checksums only where S3 requires them: several S3-compatible services reject the newer defaults.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    })
  }

  async put(key: string, bytes: Uint8Array, contentType: string) {
    checkPut(key, contentType)
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: key, Body: bytes, ContentType: contentType, ContentLength: bytes.byteLength }),
    )
  }

  async get(key: string) {
    const contentType = contentTypeForKey(key)
    if (!contentType) return null
    try {
      const object = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key }))
      if (!object.Body) return null
      return { bytes: Buffer.from(await object.Body.transformToByteArray()), contentType }
    } catch (error) {
      const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode
      if ((error as Error).name === 'NoSuchKey' || status === 404) return null
      throw error
    }
  }

  async delete(key: string) {
    checkKey(key)
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key }))
  }
}

/** The bucket settings from validated environment variables, or null when S3_BUCKET is unset. */
export function s3ConfigFromEnv(e: Pick<Env, 'S3_BUCKET' | 'S3_REGION' | 'S3_ENDPOINT' | 'S3_ACCESS_KEY_ID' | 'S3_SECRET_ACCESS_KEY' | 'S3_FORCE_PATH_STYLE'>): S3Config | null {
  if (!e.S3_BUCKET) return null
  return {
    bucket: e.S3_BUCKET,
    region: e.S3_REGION ?? 'us-east-1',
    endpoint: e.S3_ENDPOINT,
    accessKeyId: e.S3_ACCESS_KEY_ID,
    secretAccessKey: e.S3_SECRET_ACCESS_KEY,
    forcePathStyle: e.S3_FORCE_PATH_STYLE === '1' || e.S3_FORCE_PATH_STYLE === 'true',
  }
}

let current: MediaStorage | undefined

/** The configured storage, chosen once: the bucket when S3_BUCKET is set, else MEDIA_DIR or <DATA_DIR>/media. */
export function mediaStorage(): MediaStorage {
  if (current) return current
  const e = env()
  const s3 = s3ConfigFromEnv(e)
  current = s3 ? new S3Storage(s3) : new LocalStorage(e.MEDIA_DIR ?? path.join(e.DATA_DIR, 'media'))
  return current
}

/** Tests and benchmarks point the media at a storage of their own (undefined: back to the configured one). */
export function setMediaStorage(storage: MediaStorage | undefined) {
  current = storage
}
