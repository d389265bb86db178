import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type UploadHandler,
} from '@remix-run/node'
import type { Language } from '~/utils/i18n'
import { readForm, validateCsrf } from '~/utils/csrf.server'
import { redirectWithToast } from '~/utils/toast.server'
import type { PhotoError } from './image-view'
import { MAX_IMAGE_BYTES } from './images.server'
import { addProductImage, moveProductImage, removeProductImage, type PhotoMove } from './product-images.server'

/** All files of one upload together; more is refused before anything is stored. */
export const MAX_UPLOAD_BYTES = 100 * 1024 * 1024

export const PHOTO_INTENTS = ['photo-upload', 'photo-remove', 'photo-up', 'photo-down', 'photo-cover'] as const
const MOVES: Record<string, PhotoMove> = { 'photo-up': 'up', 'photo-down': 'down', 'photo-cover': 'cover' }

export type { PhotoError } from './image-view'
export type ProductPhotosActionData = { photoErrors: PhotoError[]; photosAdded: number }

class UploadTooLargeError extends Error {}

/** The photo editor's forms are multipart (even those without a file), so a route can tell them apart from its own. */
export function isProductPhotosRequest(request: Request) {
  return (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data')
}

const failure = (photoErrors: PhotoError[], status: number, photosAdded = 0) =>
  data<ProductPhotosActionData>({ photoErrors, photosAdded }, { status })

async function readPhotosForm(request: Request): Promise<FormData | ReturnType<typeof failure>> {
  if (!isProductPhotosRequest(request)) return readForm(request)
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_UPLOAD_BYTES) {
    return failure([{ fileName: null, error: 'media.upload.tooLarge' }], 413)
  }
  const memory = unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES })
  let total = 0
  // Content-Length may be absent (chunked) or lie: count what actually arrives.
  const handler: UploadHandler = async (part) => {
    const value = await memory(part)
    total += value instanceof File ? value.size : typeof value === 'string' ? value.length : 0
    if (total > MAX_UPLOAD_BYTES) throw new UploadTooLargeError()
    return value
  }
  let formData: FormData
  try {
    formData = await unstable_parseMultipartFormData(request, handler)
  } catch (error) {
    // Nothing has been stored, so the CSRF token (perhaps in a part never reached) is not needed to refuse.
    if (error instanceof MaxPartSizeExceededError) return failure([{ fileName: null, error: 'media.image.tooLarge' }], 413)
    if (error instanceof UploadTooLargeError) return failure([{ fileName: null, error: 'media.upload.tooLarge' }], 413)
    if (error instanceof TypeError) throw new Response('Bad Request', { status: 400 })
    throw error
  }
  await validateCsrf(request, formData)
  return formData
}

/**
 * The photo editor's action (ProductPhotosEditor posts here): uploads of one or more files and the
 * intents photo-remove / photo-up / photo-down / photo-cover. The caller has already checked that the
 * user may edit the products of `producerId`; the product itself is checked here (404 if not theirs).
 *
 * Answers a redirect to `redirectTo` (default: this URL, at #photos) with a toast, or
 * `{ photoErrors, photosAdded }`: 400 when nothing was added, 413 for too large an upload, and 200 when
 * some files were added and others refused (so the page reloads its list and names the refused ones).
 * A route that has already read the body (with readForm) passes it as `formData`.
 */
export async function handleProductPhotosAction(
  request: Request,
  options: { producerId: string; productId: string; lang: Language; formData?: FormData; redirectTo?: string },
) {
  const { producerId, productId } = options
  const back = options.redirectTo ?? `${new URL(request.url).pathname}#photos`
  const formData = options.formData ?? (await readPhotosForm(request))
  if (!(formData instanceof FormData)) return formData

  const intent = formData.get('intent')
  if (intent === 'photo-upload' || (intent === null && formData.has('photos'))) {
    // A file input with nothing chosen still sends one part: no name, no bytes.
    const files = formData.getAll('photos').filter((f): f is File => f instanceof File && !(f.name === '' && f.size === 0))
    if (files.length === 0) return failure([{ fileName: null, error: 'media.image.required' }], 400)
    const photoErrors: PhotoError[] = []
    let added = 0
    for (const file of files) {
      const result = await addProductImage({ producerId, productId, bytes: new Uint8Array(await file.arrayBuffer()) })
      if (result.ok) added++
      else if (result.error === 'product.notFound') throw new Response('Not Found', { status: 404 })
      else photoErrors.push({ fileName: file.name.slice(0, 120) || null, error: result.error })
    }
    if (photoErrors.length > 0) return failure(photoErrors, added > 0 ? 200 : 400, added)
    return redirectWithToast(request, back, {
      key: added === 1 ? 'producer:photos.toast.addedOne' : 'producer:photos.toast.addedMany',
      values: { n: String(added) },
    })
  }

  const imageId = formData.get('imageId')
  if (typeof intent !== 'string' || !(PHOTO_INTENTS as readonly string[]).includes(intent) || typeof imageId !== 'string' || !imageId) {
    throw new Response('Bad Request', { status: 400 })
  }
  const result =
    intent === 'photo-remove'
      ? await removeProductImage(producerId, productId, imageId)
      : await moveProductImage(producerId, productId, imageId, MOVES[intent])
  if (!result.ok) {
    if (result.error === 'product.notFound') throw new Response('Not Found', { status: 404 })
    // Removed meanwhile (another tab, another member): show the current list and say so.
    return redirectWithToast(request, back, { key: `errors:${result.error}`, type: 'error' })
  }
  const toastKey = intent === 'photo-remove' ? 'removed' : intent === 'photo-cover' ? 'coverSet' : 'moved'
  return redirectWithToast(request, back, { key: `producer:photos.toast.${toastKey}` })
}
