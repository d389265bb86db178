// POST /_admin/commands: runs an admin command for the CLI (scripts/admin.ts) inside the app, which holds
// the embedded database. Only for a loopback TCP peer, not relayed by a proxy, with the token from
// <DATA_DIR>/admin-endpoint.json; anyone else gets a 404, as for a path that does not exist.
import type { ActionFunctionArgs } from '@remix-run/node'
import { z } from 'zod'
import { runAdminCommand } from '~/modules/admin/commands.server'
import { adminRequestAllowed } from '~/modules/admin/endpoint.server'

const notFound = () => new Response('Not Found', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } })

const CommandRequest = z.object({
  argv: z.array(z.string().max(10_000)).max(100),
  actor: z.string().trim().min(1).max(200),
})

export function loader() {
  return notFound()
}

export async function action({ request, context }: ActionFunctionArgs) {
  if (request.method !== 'POST' || !adminRequestAllowed(request, context.remoteAddress)) return notFound()
  const parsed = CommandRequest.safeParse(await request.json().catch(() => null))
  if (!parsed.success) return Response.json({ error: 'Expected a JSON body { "argv": string[], "actor": string }.' }, { status: 400 })
  // The CLI names its operator as "cli:<user>@<host>"; whatever arrives here came from the command line.
  const actor = parsed.data.actor.startsWith('cli:') ? parsed.data.actor : `cli:${parsed.data.actor}`
  const output = await runAdminCommand(parsed.data.argv, actor)
  return Response.json(output, { headers: { 'Cache-Control': 'no-store' } })
}
