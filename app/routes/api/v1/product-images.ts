import { endpoints } from '~/modules/api/endpoints'
import { presentProductImage } from '~/modules/api/present'
import { addProductImage } from '~/modules/media/product-images.server'
import { ApiError, apiRoute, implement } from '~/utils/api.server'
import { env } from '~/utils/env.server'

const api = apiRoute(
  implement(endpoints.addProductImage, async ({ key, params, upload, t }) => {
    const result = await addProductImage({ producerId: key.organization.id, productId: params.id, bytes: upload.file.bytes, alt: upload.fields.alt })
    if (result.ok) return presentProductImage(result.image, env().APP_URL)
    switch (result.error) {
      case 'product.notFound':
        throw new ApiError(404, 'NOT_FOUND')
      case 'media.image.tooMany':
        throw new ApiError(409, 'TOO_MANY_IMAGES')
      case 'media.image.duplicate':
        throw new ApiError(409, 'DUPLICATE_IMAGE')
      default:
        // Not an image, empty, too large or too many pixels: the reason, in the caller's language.
        throw new ApiError(400, 'VALIDATION_ERROR', { details: { file: [t(result.error, { ns: 'errors', defaultValue: t('errors:invalid') })] } })
    }
  }),
)
export const loader = api.loader
export const action = api.action
