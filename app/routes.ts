import { index, prefix, route, type RouteConfig } from '@remix-run/route-config'

// Every page lives under /:lang (vi or en); anything else redirects to the visitor's language.
export default [
  index('routes/language-redirect.ts'),
  route('healthz', 'routes/healthz.ts'),
  route('set-language', 'routes/set-language.ts'),
  route('media/org-logo/:slug', 'routes/media/org-logo.ts'),
  route('_admin/commands', 'routes/admin-commands.ts'),
  // API routes (/api/v1/…) go here. Each module exports loader and action built by apiRoute (app/utils/api.server.ts).
  ...prefix('api/v1', [
    route('me', 'routes/api/v1/me.ts'),
    route('api-keys', 'routes/api/v1/api-keys.ts'),
    route('api-keys/:id', 'routes/api/v1/api-key.ts'),
    route('provinces', 'routes/api/v1/provinces.ts'),
    route('former-provinces', 'routes/api/v1/former-provinces.ts'),
    route('region-types', 'routes/api/v1/region-types.ts'),
    route('delivery-addresses', 'routes/api/v1/delivery-addresses.ts'),
    route('delivery-addresses/:id', 'routes/api/v1/delivery-address.ts'),
    route('openapi.json', 'routes/api/v1/openapi.ts'),
  ]),
  // Any other /api path: a JSON 404, not the HTML page.
  route('api/*', 'routes/api/not-found.ts'),
  route(':lang', 'routes/lang-layout.tsx', [
    index('routes/home.tsx'),
    route('search', 'routes/search.tsx'),
    route('signup', 'routes/auth/signup.tsx'),
    route('login', 'routes/auth/login.tsx'),
    route('logout', 'routes/auth/logout.ts'),
    route('forgot-password', 'routes/auth/forgot-password.tsx'),
    route('reset-password', 'routes/auth/reset-password.tsx'),
    route('account', 'routes/account/account.tsx'),
    route('orgs/new', 'routes/orgs/new.tsx'),
    route('orgs/switch', 'routes/orgs/switch.ts'),
    route('orgs/:slug', 'routes/orgs/profile.tsx'),
    route('orgs/:slug/settings', 'routes/orgs/settings.tsx'),
    route('orgs/:slug/members', 'routes/orgs/members.tsx'),
    route('orgs/:slug/api-keys', 'routes/orgs/api-keys.tsx'),
    route('invitations/:token', 'routes/orgs/invitation.tsx'),
    route('api-docs', 'routes/api-docs.tsx'),
    route('dev/mailbox', 'routes/dev/mailbox.tsx'),
    route('*', 'routes/not-found.tsx'),
  ]),
] satisfies RouteConfig
