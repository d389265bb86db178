import { createHash } from 'node:crypto'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { isVariantKey, readImageVariant } from '~/modules/media/images.server'

/**
 * A product photo variant: /media/images/<storage key>. Keys name their content (the image's hash, the
 * width, the format), so a URL's bytes never change and browsers and CDNs may keep them for a year.
 * Only variant-shaped keys are served: anything else (other files in storage, `..`) is a 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const key = params['*'] ?? ''
  if (!isVariantKey(key)) return notFound()
  const file = await readImageVariant(key)
  if (!file) return notFound()
  const etag = `"${createHash('sha1').update(file.bytes).digest('base64url')}"`
  const headers = new Headers({
    'Content-Type': file.contentType,
    'Cache-Control': 'public, max-age=31536000, immutable',
    ETag: etag,
    'X-Content-Type-Options': 'nosniff',
  })
  const ifNoneMatch = request.headers.get('If-None-Match')
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
    return new Response(null, { status: 304, headers })
  }
  headers.set('Content-Length', String(file.bytes.byteLength))
  const body = new Uint8Array(file.bytes.buffer as ArrayBuffer, file.bytes.byteOffset, file.bytes.byteLength)
  return new Response(body, { status: 200, headers })
}

// Short-lived: a photo that is still being made (AVIF) must not stay "missing" in caches.
const notFound = () => new Response('Not Found', { status: 404, headers: { 'Cache-Control': 'public, max-age=60', 'Content-Type': 'text/plain; charset=utf-8' } })
