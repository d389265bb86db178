import { z } from 'zod'
import { identifierSchema } from '../accounts/schemas'
import { parseVnd } from '../catalog/product-schemas'
import { formerProvinceCodes, provinceCodes, provinceOfFormer } from '../geo/provinces'
import { normalizeOrgPhone } from './phone'
import { hasTaxCodeShape, normalizeTaxCode, taxCodeKind } from './tax-code'

// Browser-safe: one schema per form, used by Conform in the browser and parseWithZod on the server.
// Messages are i18n keys in the `errors` namespace.

export const organizationKinds = ['PRODUCER', 'BUYER'] as const
export const legalForms = ['COOPERATIVE', 'HOUSEHOLD_BUSINESS', 'COMPANY', 'INDIVIDUAL'] as const
export const regionTypes = ['MOUNTAIN', 'REMOTE', 'ISLAND', 'BORDER'] as const
export const memberRoles = ['OWNER', 'MEMBER', 'VIEWER', 'PURCHASER', 'APPROVER'] as const
/** Roles that only make sense in a buyer organisation (purchasing). */
export const buyerOnlyRoles = ['PURCHASER', 'APPROVER'] as const

/** Only these legal forms may use a 12-digit personal ID number as their tax code. */
const PERSONAL_ID_LEGAL_FORMS: readonly string[] = ['HOUSEHOLD_BUSINESS', 'INDIVIDUAL']

export const DESCRIPTION_MAX = 5000

/** An enum whose missing value and wrong value get their own messages (a form posts "" or nothing when unset). */
function enumField<T extends readonly [string, ...string[]]>(values: T, requiredKey: string, invalidKey = requiredKey) {
  return z.enum(values as unknown as [T[number], ...T[number][]], {
    errorMap: (_issue, ctx) => ({ message: ctx.data === undefined || ctx.data === '' ? requiredKey : invalidKey }),
  })
}

function text(field: string, max: number) {
  return z
    .string({ required_error: `org.${field}.required` })
    .trim()
    .min(1, `org.${field}.required`)
    .max(max, `org.${field}.tooLong`)
}

const optionalText = (key: string, max: number) => z.string().trim().max(max, key).optional()

const taxCodeSchema = z
  .string({ required_error: 'org.taxCode.required' })
  .transform(normalizeTaxCode)
  .superRefine((code, ctx) => {
    if (!code) ctx.addIssue({ code: 'custom', message: 'org.taxCode.required' })
    else if (!hasTaxCodeShape(code)) ctx.addIssue({ code: 'custom', message: 'org.taxCode.invalid' })
    else if (!taxCodeKind(code)) ctx.addIssue({ code: 'custom', message: 'org.taxCode.checkDigit' })
  })

const phoneSchema = z
  .string({ required_error: 'org.phone.required' })
  .max(30, 'org.phone.invalid')
  .transform((value, ctx) => {
    const phone = normalizeOrgPhone(value)
    if (!phone) {
      ctx.addIssue({ code: 'custom', message: 'org.phone.invalid' })
      return z.NEVER
    }
    return phone
  })

const bankAccountNumberSchema = z
  .string()
  .transform((v) => v.replace(/[\s.-]/g, ''))
  .refine((v) => /^\d{6,19}$/.test(v), 'org.bank.accountNumberInvalid')
  .optional()

const organizationFields = {
  legalForm: enumField(legalForms, 'org.legalForm.required'),
  legalName: text('legalName', 200),
  displayName: text('displayName', 100),
  taxCode: taxCodeSchema,
  addressLine: text('addressLine', 200),
  commune: text('commune', 100),
  provinceCode: enumField(provinceCodes, 'org.province.required', 'org.province.invalid'),
  formerProvinceCode: enumField(formerProvinceCodes, 'org.formerProvince.invalid').optional(),
  regionType: enumField(regionTypes, 'org.regionType.invalid').optional(),
  phone: phoneSchema,
  descriptionVi: optionalText('org.description.tooLong', DESCRIPTION_MAX),
  descriptionEn: optionalText('org.description.tooLong', DESCRIPTION_MAX),
  bankName: optionalText('org.bank.nameTooLong', 100),
  bankAccountNumber: bankAccountNumberSchema,
  bankAccountHolder: optionalText('org.bank.holderTooLong', 100),
}

type Fields = z.infer<z.ZodObject<typeof organizationFields>>

/** Rules that span fields; the bank account is checked only when it will be stored (producers). */
function checkAcrossFields(value: Fields, ctx: z.RefinementCtx, { checkBank }: { checkBank: boolean }) {
  if (taxCodeKind(value.taxCode) === 'personalId' && !PERSONAL_ID_LEGAL_FORMS.includes(value.legalForm)) {
    ctx.addIssue({ code: 'custom', path: ['taxCode'], message: 'org.taxCode.personalIdNotAllowed' })
  }
  if (value.formerProvinceCode && provinceOfFormer(value.formerProvinceCode)?.code !== value.provinceCode) {
    ctx.addIssue({ code: 'custom', path: ['formerProvinceCode'], message: 'org.formerProvince.mismatch' })
  }
  if (checkBank) {
    const bank = ['bankName', 'bankAccountNumber', 'bankAccountHolder'] as const
    const given = bank.filter((k) => value[k])
    if (given.length > 0 && given.length < bank.length) {
      for (const k of bank) if (!value[k]) ctx.addIssue({ code: 'custom', path: [k], message: 'org.bank.incomplete' })
    }
  }
}

/** The create form. The kind (producer or buyer) is chosen once, here. */
export const OrganizationSchema = z
  .object({ kind: enumField(organizationKinds, 'org.kind.required'), ...organizationFields })
  .superRefine((value, ctx) => checkAcrossFields(value, ctx, { checkBank: value.kind === 'PRODUCER' }))

/** The settings form: the same fields without the kind, which cannot change. */
export const OrganizationUpdateSchema = z
  .object(organizationFields)
  .superRefine((value, ctx) => checkAcrossFields(value, ctx, { checkBank: true }))

export type OrganizationInput = z.infer<typeof OrganizationSchema>
export type OrganizationUpdateInput = z.infer<typeof OrganizationUpdateSchema>

export const InviteSchema = z.object({
  identifier: identifierSchema,
  role: enumField(memberRoles, 'org.invite.roleRequired'),
})
export type InviteInput = z.infer<typeof InviteSchema>

// ---------------------------------------------------------------------------------------------------------
// Members: role and spending limits (the owner's form on the members page)

type Kind = (typeof organizationKinds)[number]
type Role = (typeof memberRoles)[number]
const isBuyerOnly = (role: unknown) => (buyerOnlyRoles as readonly unknown[]).includes(role)

/** The roles a member of an organisation of this kind may hold: purchasing roles only in a buyer organisation. */
export function rolesFor(kind: Kind): readonly Role[] {
  return kind === 'BUYER' ? memberRoles : memberRoles.filter((r) => !isBuyerOnly(r))
}

/** The highest spending limit an owner may set (whole đồng): far above any real order, below any overflow. */
export const MEMBER_LIMIT_MAX_VND = 1_000_000_000_000n

/**
 * A spending limit as typed: whole đồng, VAT included ("50.000.000", "50000000", "50 000 000 đ"); empty = no
 * limit (null). Zero, negative amounts and fractions are refused. Messages live with the members page (orgs).
 */
const limitSchema = z
  .string()
  .optional()
  .transform((text, ctx) => {
    if (text === undefined || text.trim() === '') return null
    const value = parseVnd(text)
    const problem = value === null ? 'limitInvalid' : value <= 0n ? 'limitNotPositive' : value > MEMBER_LIMIT_MAX_VND ? 'limitTooLarge' : null
    if (problem) {
      ctx.addIssue({ code: 'custom', message: `orgs:members.errors.${problem}` })
      return z.NEVER
    }
    return value
  })

/** Changing a member's role and limits; a producer's members cannot be purchasers or approvers. */
export function memberUpdateSchema(kind: Kind) {
  const roles = rolesFor(kind) as [Role, ...Role[]]
  return z.object({
    id: z.string({ required_error: 'org.member.notFound' }).min(1, 'org.member.notFound'),
    role: z.enum(roles, {
      errorMap: (_issue, ctx) => ({
        message: ctx.data === undefined || ctx.data === '' ? 'org.invite.roleRequired' : isBuyerOnly(ctx.data) ? 'orgs:members.errors.roleBuyerOnly' : 'org.invite.roleRequired',
      }),
    }),
    orderLimit: limitSchema,
    monthlyLimit: limitSchema,
  })
}
export type MemberUpdateInput = z.infer<ReturnType<typeof memberUpdateSchema>>
