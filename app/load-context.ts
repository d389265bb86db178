declare module '@remix-run/node' {
  interface AppLoadContext {
    /** The client's address (Express `req.ip`); absent under `remix vite:dev` and in unit tests. */
    clientIp?: string
  }
}
export {}
