import { Outlet } from '@remix-run/react'
import type { LoaderFunctionArgs } from '@remix-run/node'
import { isLanguage } from '~/utils/i18n'
import { redirectToLanguage } from '~/utils/language.server'

export async function loader({ request, params }: LoaderFunctionArgs) {
  if (!isLanguage(params.lang)) throw await redirectToLanguage(request, new URL(request.url).pathname)
  return null
}

export default function LanguageLayout() {
  return <Outlet />
}
