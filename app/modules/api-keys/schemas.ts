import { z } from 'zod'

// Browser-safe: the key-creation form (owners' page) and POST /api/v1/api-keys share it.
// Messages are i18n keys in the `errors` namespace.

export const ApiKeyCreateSchema = z.object({
  name: z
    .string({ required_error: 'apiKey.name.required' })
    .trim()
    .min(1, 'apiKey.name.required')
    .max(100, 'apiKey.name.tooLong')
    .describe('What the key is for, e.g. "SAP purchasing – production". At most 100 characters.'),
})
export type ApiKeyCreateInput = z.infer<typeof ApiKeyCreateSchema>
