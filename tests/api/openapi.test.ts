// The OpenAPI document is valid and covers every /api/v1 route in app/routes.ts with every method the
// route's module implements.
import SwaggerParser from '@apidevtools/swagger-parser'
import type { OpenAPIV3_1 } from 'openapi-types'
import { describe, expect, test } from 'vitest'
import { openApiDocument } from '~/modules/api/document.server'
import { routePathOf, type EndpointDefinition } from '~/modules/api/endpoint'
import routes from '~/routes'
import * as openApiRoute from '~/routes/api/v1/openapi'
import { callApi } from '../utils/api'

type Entry = { path?: string; file: string; children?: Entry[] }

/** Every route with its full path (parents' paths joined). */
function flatten(entries: Entry[], parent = ''): { path: string; file: string }[] {
  return entries.flatMap((e) => {
    const path = [parent, e.path ?? ''].filter(Boolean).join('/')
    return [{ path, file: e.file }, ...flatten(e.children ?? [], path)]
  })
}

const apiRoutes = flatten(routes as Entry[]).filter((r) => r.path.startsWith('api/v1/') && !r.path.includes('*'))
const toOpenApiPath = (routePath: string) => `/${routePath.replace(/:(\w+)/g, '{$1}')}`

describe('the OpenAPI document', () => {
  test('is a valid OpenAPI 3.1 document', async () => {
    const document = openApiDocument()
    expect(document.openapi).toBe('3.1.0')
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeTruthy()
  })

  test('is served at /api/v1/openapi.json without a key', async () => {
    const res = await callApi(openApiRoute, '/api/v1/openapi.json')
    expect(res.status).toBe(200)
    expect(res.body).toEqual(JSON.parse(JSON.stringify(openApiDocument())))
    expect(res.body.servers).toEqual([{ url: 'http://localhost:3000' }])
  })

  test('documents every /api/v1 route with each method its module implements', async () => {
    expect(apiRoutes.length).toBeGreaterThanOrEqual(9)
    const paths = openApiDocument().paths ?? {}
    const problems: string[] = []
    for (const route of apiRoutes) {
      const mod = (await import(/* @vite-ignore */ `../../app/${route.file}`)) as { loader?: { endpoints?: EndpointDefinition[] }; action?: unknown }
      const endpoints = mod.loader?.endpoints
      if (!endpoints || mod.action !== mod.loader) {
        problems.push(`${route.file}: export loader and action from apiRoute(...)`)
        continue
      }
      for (const endpoint of endpoints) {
        if (routePathOf(endpoint.path) !== route.path) problems.push(`${route.file}: ${endpoint.operationId} is defined for ${endpoint.path}, routed at /${route.path}`)
        const operation = (paths[toOpenApiPath(route.path)] as Record<string, unknown> | undefined)?.[endpoint.method.toLowerCase()]
        if (!operation) problems.push(`${endpoint.method} /${route.path} (${route.file}) is missing from the OpenAPI document`)
      }
    }
    expect(problems).toEqual([])
  })

  test('documents no path that is not routed', () => {
    const routed = new Set(apiRoutes.map((r) => toOpenApiPath(r.path)))
    expect(Object.keys(openApiDocument().paths ?? {}).filter((p) => !routed.has(p))).toEqual([])
  })

  test('request bodies come from the Zod schemas; idempotent POSTs take Idempotency-Key; errors share one schema', () => {
    const doc = openApiDocument()
    const create = doc.paths!['/api/v1/delivery-addresses']!.post!
    const body = (create.requestBody as OpenAPIV3_1.RequestBodyObject).content['application/json'].schema as OpenAPIV3_1.SchemaObject
    expect(Object.keys(body.properties ?? {})).toEqual(['label', 'recipientName', 'phone', 'addressLine', 'commune', 'province', 'isDefault'])
    expect(body.required).toEqual(['label', 'recipientName', 'phone', 'addressLine', 'commune', 'province'])
    expect(body.additionalProperties).toBe(false)
    expect((create.parameters as OpenAPIV3_1.ParameterObject[]).map((p) => p.name)).toContain('Idempotency-Key')
    expect(Object.keys(create.responses)).toEqual(['201', '400', '401', '403', '409', '413', '415', '422', '429', '500'])
    expect(create.responses['422']).toMatchObject({ content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } })

    const list = doc.paths!['/api/v1/delivery-addresses']!.get!
    expect((list.parameters as OpenAPIV3_1.ParameterObject[]).map((p) => [p.name, p.in])).toEqual([
      ['page', 'query'],
      ['pageSize', 'query'],
    ])
    expect(doc.components?.schemas).toHaveProperty('Money')
    expect(doc.components?.schemas).toHaveProperty('List')
    expect(doc.components?.securitySchemes).toHaveProperty('bearerAuth')
    expect(doc.paths!['/api/v1/provinces']!.get!.security).toEqual([{}, { bearerAuth: [] }])
  })
})
