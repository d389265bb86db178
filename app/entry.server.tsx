import { PassThrough } from 'node:stream'
import { randomBytes } from 'node:crypto'
import type { EntryContext, HandleDataRequestFunction } from '@remix-run/node'
import { createReadableStreamFromReadable } from '@remix-run/node'
import { RemixServer } from '@remix-run/react'
import { isbot } from 'isbot'
import { renderToPipeableStream } from 'react-dom/server'
import { startBackgroundWork } from './background.server'
import { NonceProvider } from './utils/nonce'
import { setSecurityHeaders } from './utils/security-headers.server'

export const streamTimeout = 5_000
const isDev = process.env.NODE_ENV === 'development'

startBackgroundWork()

export default function handleRequest(request: Request, status: number, headers: Headers, context: EntryContext) {
  const nonce = randomBytes(16).toString('base64')
  setSecurityHeaders(headers, nonce, isDev)
  const waitForAll = isbot(request.headers.get('user-agent') ?? '') || context.isSpaMode
  return new Promise<Response>((resolve, reject) => {
    let failed = false
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={context} url={request.url} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        [waitForAll ? 'onAllReady' : 'onShellReady']() {
          const body = new PassThrough()
          headers.set('Content-Type', 'text/html; charset=utf-8')
          resolve(new Response(createReadableStreamFromReadable(body), { headers, status: failed ? 500 : status }))
          pipe(body)
        },
        onShellError: reject,
        onError(error: unknown) {
          failed = true
          if (!request.signal.aborted) console.error(error)
        },
      },
    )
    setTimeout(abort, streamTimeout + 1000)
  })
}

export const handleDataRequest: HandleDataRequestFunction = (response) => {
  response.headers.set('X-Content-Type-Options', 'nosniff')
  return response
}
