// Production server: the built Remix app behind Express, with the client's address passed to loaders
// (login rate limits count per IP). Started by `npm start` and `npm run serve`.
import { createRequestHandler } from '@remix-run/express'
import compression from 'compression'
import express from 'express'

const build = await import('./build/server/index.js')
const app = express()
app.disable('x-powered-by')
// Behind a reverse proxy set TRUST_PROXY (for example "loopback" or a hop count) so X-Forwarded-For is honoured.
if (process.env.TRUST_PROXY) app.set('trust proxy', /^\d+$/.test(process.env.TRUST_PROXY) ? Number(process.env.TRUST_PROXY) : process.env.TRUST_PROXY)
app.use(compression())
app.use('/assets', express.static('build/client/assets', { immutable: true, maxAge: '1y' }))
app.use(express.static('build/client', { maxAge: '1h' }))
app.all('*', createRequestHandler({ build, getLoadContext: (req) => ({ clientIp: req.ip ?? 'unknown', remoteAddress: req.socket.remoteAddress }) }))

const port = Number(process.env.PORT ?? 3000)
const server = app.listen(port, () => console.log(`Chợ Vùng Miền listening on http://localhost:${port}`))
process.once('SIGTERM', () => server.close())
