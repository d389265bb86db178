import { databaseAnswers } from '~/utils/health.server'

/** 200 when the database answers, 503 otherwise. */
export async function loader() {
  const ok = await databaseAnswers()
  return Response.json(ok ? { status: 'ok' } : { status: 'unavailable' }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } })
}
