import type { LoaderFunctionArgs } from '@remix-run/node'
import { redirectToLanguage } from '~/utils/language.server'

export const loader = ({ request }: LoaderFunctionArgs) => redirectToLanguage(request, '/')
