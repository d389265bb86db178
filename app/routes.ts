import { index, route, type RouteConfig } from '@remix-run/route-config'

// Every page lives under /:lang (vi or en); anything else redirects to the visitor's language.
export default [
  index('routes/language-redirect.ts'),
  route('healthz', 'routes/healthz.ts'),
  route('set-language', 'routes/set-language.ts'),
  route('media/org-logo/:slug', 'routes/media/org-logo.ts'),
  // API routes (/api/v1/…) go here.
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
    route('invitations/:token', 'routes/orgs/invitation.tsx'),
    route('dev/mailbox', 'routes/dev/mailbox.tsx'),
    route('*', 'routes/not-found.tsx'),
  ]),
] satisfies RouteConfig
