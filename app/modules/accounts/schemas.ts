import { z } from 'zod'
import { parseIdentifier } from './identifier'

// Messages are i18n keys in the `errors` namespace; forms translate them.
export const passwordSchema = z
  .string({ required_error: 'password.required' })
  .min(8, 'password.tooShort')
  .max(128, 'password.tooLong')

export const identifierSchema = z
  .string({ required_error: 'identifier.required' })
  .trim()
  .min(1, 'identifier.required')
  .max(254, 'identifier.invalid')
  .refine((v) => parseIdentifier(v) !== null, 'identifier.invalid')

export const nameSchema = z
  .string({ required_error: 'name.required' })
  .trim()
  .min(1, 'name.required')
  .max(100, 'name.tooLong')

export const SignupSchema = z
  .object({
    name: nameSchema,
    identifier: identifierSchema,
    password: passwordSchema,
    confirmPassword: z.string({ required_error: 'password.confirmRequired' }),
    redirectTo: z.string().optional(),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'password.mismatch' })

export const LoginSchema = z.object({
  identifier: z.string({ required_error: 'identifier.required' }).trim().min(1, 'identifier.required').max(254, 'identifier.invalid'),
  password: z.string({ required_error: 'password.required' }).min(1, 'password.required').max(128, 'password.tooLong'),
  redirectTo: z.string().optional(),
})

export const ForgotPasswordSchema = z.object({ identifier: identifierSchema })

export const ResetPasswordSchema = z
  .object({
    token: z.string().min(1).max(200),
    password: passwordSchema,
    confirmPassword: z.string({ required_error: 'password.confirmRequired' }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'password.mismatch' })

export const ChangePasswordSchema = z
  .object({
    currentPassword: z.string({ required_error: 'password.required' }).min(1, 'password.required').max(128, 'password.tooLong'),
    password: passwordSchema,
    confirmPassword: z.string({ required_error: 'password.confirmRequired' }),
  })
  .refine((v) => v.password === v.confirmPassword, { path: ['confirmPassword'], message: 'password.mismatch' })
