declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The client's address (Express `req.ip`); absent under `remix vite:dev` and in unit tests. */
    clientIp?: string
    /** The TCP peer, whatever TRUST_PROXY says: the loopback-only admin endpoint checks it. */
    remoteAddress?: string
  }
}
export {}
