import { Form, useNavigation } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, Field } from '~/components/forms'
import { ProductPicture } from '~/components/product-picture'
import { MAX_PRODUCT_PHOTOS, type PhotoError, type ProductImageView } from '~/modules/media/image-view'

type Props = {
  images: ProductImageView[]
  /** From the action's answer (handleProductPhotosAction): files that were refused, and how many were added. */
  photoErrors?: PhotoError[] | null
  photosAdded?: number
  /** For the thumbnails' alt text. */
  productName?: string
  /** Where the forms post; default the current route (whose action calls handleProductPhotosAction). */
  action?: string
}

// Every form here is multipart, even those without a file: that is how the route tells them from its own.
// The visible label stays the start of the accessible name; the hidden part says which photo.
function PhotoButton({ intent, imageId, label, which, danger, action }: { intent: string; imageId: string; label: string; which: string; danger?: boolean; action?: string }) {
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting' && navigation.formData?.get('imageId') === imageId && navigation.formData?.get('intent') === intent
  return (
    <Form method="post" encType="multipart/form-data" className="inline-form" action={action}>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="imageId" value={imageId} />
      <button type="submit" className={`button button-small ${danger ? 'button-danger' : 'button-secondary'}`} disabled={busy}>
        {label}
        <span className="visually-hidden"> {which}</span>
      </button>
    </Form>
  )
}

/**
 * A product's photos in order (the first is the cover) with buttons to move, make cover and remove each,
 * and a form to upload several files at once. Works without JavaScript: each button is a small form.
 */
export function ProductPhotosEditor({ images, photoErrors, photosAdded = 0, productName, action }: Props) {
  const { t } = useTranslation('producer')
  const navigation = useNavigation()
  const uploading = navigation.state === 'submitting' && navigation.formData?.get('intent') === 'photo-upload'
  const last = images.length - 1
  return (
    <section id="photos" aria-labelledby="photos-heading">
      <h2 id="photos-heading">{t('photos.heading')}</h2>
      <p className="hint">{t('photos.hint', { max: MAX_PRODUCT_PHOTOS })}</p>

      {photoErrors?.length ? (
        <div className="field-errors" role="alert" style={{ margin: '0.75rem 0' }}>
          {photosAdded > 0 ? <p style={{ margin: 0 }}>{t('photos.partlyAdded', { n: photosAdded })}</p> : null}
          <p style={{ margin: 0 }}>{t('photos.refused')}</p>
          <ul style={{ margin: 0, paddingLeft: '1.25rem' }}>
            {photoErrors.map((e, i) => (
              <li key={`${i}-${e.fileName}`}>
                {e.fileName ? t('photos.fileError', { file: e.fileName, message: t(`errors:${e.error}`) }) : t(`errors:${e.error}`)}
              </li>
            ))}
          </ul>
        </div>
      ) : null}

      {images.length === 0 ? (
        <p>{t('photos.none')}</p>
      ) : (
        <ol style={{ listStyle: 'none', padding: 0, display: 'grid', gap: '1rem', gridTemplateColumns: 'repeat(auto-fill, minmax(11rem, 1fr))' }}>
          {images.map((image, index) => {
            const n = index + 1
            const which = t('photos.which', { n })
            return (
              <li key={image.id} className="card" style={{ padding: '0.5rem' }}>
                <ProductPicture
                  image={image}
                  sizes="11rem"
                  alt={productName ? t('photos.alt', { n, name: productName }) : t('photos.number', { n })}
                />
                <p className="meta">
                  {index === 0 ? <span className="badge badge-verified">{t('photos.cover')}</span> : t('photos.number', { n })}
                </p>
                <div style={{ display: 'flex', flexWrap: 'wrap', gap: '0.35rem' }}>
                  {index > 0 ? <PhotoButton intent="photo-up" imageId={image.id} label={t('photos.up')} which={which} action={action} /> : null}
                  {index < last ? <PhotoButton intent="photo-down" imageId={image.id} label={t('photos.down')} which={which} action={action} /> : null}
                  {index > 0 ? <PhotoButton intent="photo-cover" imageId={image.id} label={t('photos.makeCover')} which={which} action={action} /> : null}
                  <PhotoButton intent="photo-remove" imageId={image.id} label={t('photos.remove')} which={which} action={action} danger />
                </div>
              </li>
            )
          })}
        </ol>
      )}

      {images.length < MAX_PRODUCT_PHOTOS ? (
        <Form method="post" encType="multipart/form-data" action={action} aria-labelledby="photos-heading">
          <CsrfInput />
          <input type="hidden" name="intent" value="photo-upload" />
          <Field label={t('photos.fileLabel')} hint={t('photos.fileHint')} type="file" name="photos" multiple accept="image/*" required />
          <button type="submit" className="button button-secondary" disabled={uploading}>
            {uploading ? t('photos.uploading') : t('photos.upload')}
          </button>
        </Form>
      ) : (
        <p className="hint">{t('photos.full', { max: MAX_PRODUCT_PHOTOS })}</p>
      )}
    </section>
  )
}
