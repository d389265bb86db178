import type { OpenAPIV3_1 } from 'openapi-types'

// The OpenAPI document flattened for the API page (/:lang/api-docs): what a person reading it needs,
// with schema references kept as names the page links to.

export type TypeRef = { text: string; schema?: string }
export type FieldRow = { name: string; type: TypeRef; required: boolean; description?: string }
export type ParameterRow = FieldRow & { in: 'path' | 'query' | 'header' }
export type ResponseRow = { status: string; description: string; type?: TypeRef; fields?: FieldRow[] }
export type OperationView = {
  id: string
  method: string
  path: string
  tag: string
  summary: string
  description?: string
  auth: 'required' | 'optional'
  parameters: ParameterRow[]
  body: FieldRow[] | null
  /** How the body is sent: JSON, or a multipart/form-data upload. */
  bodyMediaType: 'json' | 'multipart' | null
  responses: ResponseRow[]
}
export type ReferenceView = {
  tags: { name: string; description?: string; operations: OperationView[] }[]
  schemas: { name: string; description?: string; fields: FieldRow[] }[]
}

type Schema = OpenAPIV3_1.SchemaObject | OpenAPIV3_1.ReferenceObject

const refName = (ref: string) => ref.split('/').pop() ?? ref

/** A short type for people: "string", "integer", "DeliveryAddress", "array of Province", "string | null", "01 | 04 | …". */
export function typeOf(schema: Schema | undefined): TypeRef {
  if (!schema) return { text: 'any' }
  if ('$ref' in schema) return { text: refName(schema.$ref), schema: refName(schema.$ref) }
  if (schema.enum) return { text: schema.enum.map(String).join(' | ') }
  if (schema.contentMediaType) return { text: 'file' }
  if (schema.anyOf) {
    const parts = schema.anyOf.map((s) => typeOf(s as Schema))
    return { text: parts.map((p) => p.text).join(' | '), schema: parts.find((p) => p.schema)?.schema }
  }
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []
  if (types.includes('array')) {
    const item = typeOf((schema as OpenAPIV3_1.ArraySchemaObject).items as Schema)
    return { text: `array of ${item.text}`, schema: item.schema }
  }
  if (types.includes('object') && schema.properties) return { text: `object { ${Object.keys(schema.properties).join(', ')} }` }
  const text = types.map((t) => (t === 'string' && schema.format ? `string (${schema.format})` : t)).join(' | ')
  return { text: text || 'any' }
}

function fieldsOf(schema: Schema | undefined): FieldRow[] {
  if (!schema || '$ref' in schema || !schema.properties) return []
  return Object.entries(schema.properties).map(([name, property]) => ({
    name,
    type: typeOf(property as Schema),
    required: schema.required?.includes(name) ?? false,
    description: (property as OpenAPIV3_1.SchemaObject).description,
  }))
}

const jsonSchemaOf = (content: Record<string, OpenAPIV3_1.MediaTypeObject> | undefined) => content?.['application/json']?.schema as Schema | undefined

export function referenceOf(document: OpenAPIV3_1.Document): ReferenceView {
  const tags = new Map<string, ReferenceView['tags'][number]>((document.tags ?? []).map((t) => [t.name, { name: t.name, description: t.description, operations: [] }]))
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const operation = item?.[method]
      if (!operation) continue
      const tag = operation.tags?.[0] ?? ''
      if (!tags.has(tag)) tags.set(tag, { name: tag, operations: [] })
      const parameters = ((operation.parameters ?? []) as OpenAPIV3_1.ParameterObject[]).map((p) => ({
        name: p.name,
        in: p.in as ParameterRow['in'],
        type: typeOf(p.schema as Schema),
        required: p.required ?? false,
        description: p.description,
      }))
      const bodyContent = (operation.requestBody as OpenAPIV3_1.RequestBodyObject | undefined)?.content
      const multipart = bodyContent?.['multipart/form-data']?.schema as Schema | undefined
      const body = bodyContent ? fieldsOf(multipart ?? jsonSchemaOf(bodyContent)) : null
      const responses = Object.entries(operation.responses ?? {}).map(([status, r]) => {
        const response = r as OpenAPIV3_1.ResponseObject
        const schema = jsonSchemaOf(response.content)
        const success = status.startsWith('2')
        return {
          status,
          description: response.description,
          type: success && schema ? typeOf(schema) : undefined,
          fields: success && schema && !('$ref' in schema) ? fieldsOf(schema) : undefined,
        }
      })
      tags.get(tag)!.operations.push({
        id: operation.operationId ?? `${method}-${path}`,
        method: method.toUpperCase(),
        path,
        tag,
        summary: operation.summary ?? '',
        description: operation.description,
        auth: operation.security?.some((s) => Object.keys(s).length === 0) ? 'optional' : 'required',
        parameters,
        body,
        bodyMediaType: bodyContent ? (multipart ? 'multipart' : 'json') : null,
        responses,
      })
    }
  }
  const schemas = Object.entries(document.components?.schemas ?? {}).map(([name, schema]) => ({
    name,
    description: (schema as OpenAPIV3_1.SchemaObject).description,
    fields: fieldsOf(schema as Schema),
  }))
  return { tags: [...tags.values()].filter((t) => t.operations.length > 0), schemas }
}
