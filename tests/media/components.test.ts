// The markup of ProductPicture and ProductPhotosEditor, rendered on the server as a page would be: the
// right sources and sizes, forms that work without JavaScript, and every string translated in vi and en.
import { createElement as h, type ReactElement } from 'react'
import { renderToString } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { Outlet } from '@remix-run/react'
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server'
import { describe, expect, test } from 'vitest'
import { ProductPhotosEditor } from '~/components/product-photos-editor'
import { ProductPicture } from '~/components/product-picture'
import { MAX_PRODUCT_PHOTOS, type ProductImageView } from '~/modules/media/image-view'
import { createI18n, languages, type Language } from '~/utils/i18n'
import { getResources } from '~/utils/i18n.server'

const hash = 'ab'.padEnd(64, 'c')
const url = (w: number, ext: string) => `/media/images/ab/${hash}/${w}.${ext}`
const variants = (formats: ('avif' | 'webp' | 'jpeg')[]) =>
  formats.flatMap((format) => [320, 640, 1280].map((width) => ({ format, width, url: url(width, format === 'jpeg' ? 'jpg' : format) })))

function image(id: string, formats: ('avif' | 'webp' | 'jpeg')[] = ['webp', 'jpeg']): ProductImageView {
  return { id, alt: null, width: 1280, height: 853, placeholder: 'data:image/webp;base64,UklGRg==', variants: variants(formats) }
}

/** Renders inside a data router whose root route gives the CSRF token, with the language's resources. */
async function render(element: ReactElement, lang: Language = 'vi') {
  const routes = [
    { id: 'root', path: '/', loader: () => ({ csrfToken: 'csrf-token-123' }), Component: Outlet, children: [{ index: true, Component: () => element }] },
  ]
  const handler = createStaticHandler(routes)
  const context = await handler.query(new Request('http://localhost/'))
  if (context instanceof Response) throw new Error('unexpected redirect')
  const router = createStaticRouter(handler.dataRoutes, context)
  return renderToString(h(I18nextProvider, { i18n: createI18n(lang, getResources(lang)) }, h(StaticRouterProvider, { router, context, hydrate: false })))
}

describe('ProductPicture', () => {
  test('WebP and JPEG sources with every width, sizes, intrinsic size, lazy loading and the placeholder', async () => {
    const html = await render(h(ProductPicture, { image: image('i1'), sizes: '(min-width: 48rem) 50vw, 100vw', alt: 'Chè Shan tuyết' }))
    expect(html).not.toContain('image/avif')
    expect(html).toContain(`<source type="image/webp" srcSet="${url(320, 'webp')} 320w, ${url(640, 'webp')} 640w, ${url(1280, 'webp')} 1280w" sizes="(min-width: 48rem) 50vw, 100vw"/>`)
    expect(html).toContain(`src="${url(640, 'jpg')}"`)
    expect(html).toContain(`srcSet="${url(320, 'jpg')} 320w, ${url(640, 'jpg')} 640w, ${url(1280, 'jpg')} 1280w"`)
    expect(html).toMatch(/width="1280" height="853"/)
    expect(html).toContain('alt="Chè Shan tuyết"')
    expect(html).toContain('loading="lazy"')
    expect(html).toContain('decoding="async"')
    expect(html).toContain('background-image:url(&quot;data:image/webp;base64,UklGRg==&quot;)')
    expect(html).not.toContain('fetchpriority')
  })

  test('AVIF first once it exists; a priority picture loads at once and first', async () => {
    const html = await render(h(ProductPicture, { image: { ...image('i2', ['avif', 'webp', 'jpeg']), alt: 'Búp chè' }, sizes: '100vw', alt: 'ignored', priority: true }))
    expect(html.indexOf('type="image/avif"')).toBeGreaterThan(-1)
    expect(html.indexOf('type="image/avif"')).toBeLessThan(html.indexOf('type="image/webp"'))
    expect(html).toContain('loading="eager"')
    expect(html).toContain('fetchpriority="high"')
    expect(html).toContain('alt="Búp chè"') // the photo's own alt text wins
  })
})

describe('ProductPhotosEditor', () => {
  const images = [image('img-a'), image('img-b'), image('img-c')]

  test('lists the photos in order with the cover marked and a small form per button', async () => {
    const html = await render(h(ProductPhotosEditor, { images, productName: 'Chè Shan tuyết' }))
    expect(html).toContain('id="photos"')
    expect(html.indexOf('img-a')).toBeLessThan(html.indexOf('img-b'))
    expect(html).toContain('Ảnh bìa')
    const forms = html.match(/<form[^>]*>/g)!
    expect(forms.every((f) => f.includes('method="post"') && /enctype="multipart\/form-data"/i.test(f))).toBe(true)
    // The cover cannot move up or become the cover; the last photo cannot move down.
    const buttons = (id: string) => [...html.matchAll(new RegExp(`name="intent" value="([a-z-]+)"/><input type="hidden" name="imageId" value="${id}"`, 'g'))].map((m) => m[1])
    expect(buttons('img-a')).toEqual(['photo-down', 'photo-remove'])
    expect(buttons('img-b')).toEqual(['photo-up', 'photo-down', 'photo-cover', 'photo-remove'])
    expect(buttons('img-c')).toEqual(['photo-up', 'photo-cover', 'photo-remove'])
    // Every form carries the CSRF token.
    expect(html.match(/name="csrf" value="csrf-token-123"/g)).toHaveLength(forms.length)
    expect(html).toMatch(/<input[^>]*type="file"[^>]*name="photos"[^>]*multiple=""[^>]*accept="image\/\*"/)
    expect(html).toContain('name="intent" value="photo-upload"')
    expect(html).toContain('alt="Ảnh 1: Chè Shan tuyết"')
  })

  test('names each refused file with its translated reason', async () => {
    const html = await render(
      h(ProductPhotosEditor, {
        images: [],
        photosAdded: 1,
        photoErrors: [
          { fileName: 'bang-gia.jpg', error: 'media.image.notAnImage' },
          { fileName: null, error: 'media.upload.tooLarge' },
        ],
      }),
      'en',
    )
    expect(html).toContain('role="alert"')
    expect(html).toContain('Photos added: 1.')
    expect(html).toContain('bang-gia.jpg: This file is not an image we can read.')
    expect(html).toContain('Too much at once')
    expect(html).toContain('No photos yet.')
  })

  test(`a full gallery (${MAX_PRODUCT_PHOTOS}) has no upload form`, async () => {
    const full = Array.from({ length: MAX_PRODUCT_PHOTOS }, (_, i) => image(`img-${i}`))
    const html = await render(h(ProductPhotosEditor, { images: full }))
    expect(html).not.toContain('type="file"')
    expect(html).toContain(`đủ ${MAX_PRODUCT_PHOTOS} ảnh`)
  })

  test.each(languages)('every string is translated (%s)', async (lang) => {
    const html = await render(
      h(ProductPhotosEditor, {
        images,
        photosAdded: 1,
        photoErrors: ['required', 'empty', 'notAnImage', 'tooLarge', 'tooManyPixels', 'tooMany', 'duplicate', 'notFound'].map((k) => ({ fileName: 'f.jpg', error: `media.image.${k}` })),
      }),
      lang,
    )
    expect(html).not.toMatch(/photos\.[a-zA-Z]+|media\.(image|upload)\.[a-zA-Z]+|errors:/)
  })
})
