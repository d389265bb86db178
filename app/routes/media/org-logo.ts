import type { LoaderFunctionArgs } from '@remix-run/node'
import { getMemberRole, getOrganizationLogo } from '~/modules/organizations/organizations.server'
import { getAuth } from '~/utils/auth.server'

/**
 * An organisation's logo as WebP. Pages link it as ?v=<logoUpdatedAt in ms>, so the current URL can be
 * cached for ever and a new logo gets a new URL. Logos of rejected or suspended organisations are served
 * only to their members, and never to shared caches.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const logo = params.slug ? await getOrganizationLogo(params.slug) : null
  if (!logo) return new Response('Not Found', { status: 404 })
  let cacheControl: string
  if (logo.isPublic) {
    const current = new URL(request.url).searchParams.get('v') === String(logo.updatedAt.getTime())
    // A stale or missing version must not pin the current image under that URL for a year.
    cacheControl = current ? 'public, max-age=31536000, immutable' : 'public, max-age=300'
  } else {
    const auth = await getAuth(request)
    if (!auth || !(await getMemberRole(auth.user.id, logo.organizationId))) return new Response('Not Found', { status: 404 })
    cacheControl = 'private, no-cache'
  }
  return new Response(logo.bytes, {
    headers: {
      'Content-Type': 'image/webp',
      'Content-Length': String(logo.bytes.byteLength),
      'Cache-Control': cacheControl,
      'X-Content-Type-Options': 'nosniff',
      'Last-Modified': logo.updatedAt.toUTCString(),
    },
  })
}
