// The product fields shared by the new-product and edit-product pages. Not a route. Everything is a plain
// form control, so the form works without JavaScript, and a failed submit comes back with every value typed.
import {
  getInputProps,
  getSelectProps,
  getTextareaProps,
  useForm,
  type FieldMetadata,
  type FormMetadata,
  type SubmissionResult,
} from '@conform-to/react'
import { getZodConstraint, parseWithZod, type Submission } from '@conform-to/zod'
import { useTranslation } from 'react-i18next'
import { ErrorList, Field, SelectField, TextareaField } from '~/components/forms'
import { categoryName, categoryTree } from '~/modules/catalog/categories'
import type { ProductFormShape } from '~/modules/catalog/product-form-values'
import { certificationTypes, ocopStars, ProductFormSchema, regionTypes, units, vatRates, type ProductInput } from '~/modules/catalog/product-schemas'
import { formerProvinces, provinceOfFormer, provinces } from '~/modules/geo/provinces'
import { intlLocale } from '~/utils/i18n'
import { useLang } from '~/utils/use-lang'

export type ProductFieldset = ReturnType<FormMetadata<ProductFormShape, string[]>['getFieldset']>

/** The form schema's parse, typed with the form's string fields (Zod's preprocessing hides them). */
export function validateProductForm(formData: FormData) {
  return parseWithZod(formData, { schema: ProductFormSchema }) as unknown as Submission<ProductFormShape, string[], ProductInput>
}

export function useProductForm({
  id,
  lastResult,
  defaultValue,
}: {
  id: string
  lastResult: SubmissionResult<string[]> | null | undefined
  defaultValue: ProductFormShape
}) {
  return useForm<ProductFormShape, ProductInput>({
    id,
    lastResult,
    defaultValue,
    constraint: getZodConstraint(ProductFormSchema),
    // onBlur would move the submit buttons away from a click that blurs a field with an error
    shouldRevalidate: 'onInput',
    onValidate: ({ formData }) => validateProductForm(formData),
  })
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1)

function monthName(month: number, locale: string) {
  return new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, month - 1, 1)))
}

function CategorySelect({ field, label }: { field: FieldMetadata<string>; label: string }) {
  const { t } = useTranslation('producer')
  const lang = useLang()
  const errorId = `${field.id}-error`
  return (
    <div className="field">
      <label htmlFor={field.id}>{label}</label>
      <select
        {...getSelectProps(field)}
        aria-invalid={field.errors?.length ? true : undefined}
        aria-describedby={field.errors?.length ? errorId : undefined}
      >
        <option value="">{t('form.choose')}</option>
        {categoryTree.map((top) => (
          <optgroup key={top.slug} label={categoryName(top, lang)}>
            {top.children.map((child) => (
              <option key={child.slug} value={child.slug}>
                {categoryName(child, lang)}
              </option>
            ))}
            <option value={top.slug}>{t('form.categoryOther', { name: categoryName(top, lang) })}</option>
          </optgroup>
        ))}
      </select>
      <ErrorList id={errorId} errors={field.errors} />
    </div>
  )
}

/** A checkbox with its label beside it (`.choice`). */
function Checkbox({ field, label, hint }: { field: FieldMetadata<string>; label: string; hint?: string }) {
  const { key: _key, ...props } = getInputProps(field, { type: 'checkbox' })
  const hintId = `${field.id}-hint`
  return (
    <div className="choice">
      <input {...props} aria-describedby={hint ? hintId : undefined} />
      <label htmlFor={field.id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  )
}

function TierRows({ fields }: { fields: ProductFieldset }) {
  const { t } = useTranslation('producer')
  const rows = fields.tierPrices.getFieldList()
  return (
    <fieldset>
      <legend>{t('form.tiers')}</legend>
      <p className="hint" id={`${fields.tierPrices.id}-hint`}>
        {t('form.tiersHint')}
      </p>
      <ErrorList id={fields.tierPrices.errorId} errors={fields.tierPrices.errors} />
      {rows.map((row, i) => {
        const tier = row.getFieldset()
        return (
          <div className="form-grid" key={row.key}>
            <Field
              label={t('form.tierQuantity', { n: i + 1 })}
              inputMode="numeric"
              autoComplete="off"
              {...getInputProps(tier.minQuantity, { type: 'text' })}
              errors={tier.minQuantity.errors}
            />
            <Field
              label={t('form.tierPrice', { n: i + 1 })}
              inputMode="numeric"
              autoComplete="off"
              {...getInputProps(tier.unitPriceVnd, { type: 'text' })}
              errors={tier.unitPriceVnd.errors}
            />
          </div>
        )
      })}
    </fieldset>
  )
}

function CertificationRows({ fields }: { fields: ProductFieldset }) {
  const { t } = useTranslation('producer')
  const rows = fields.certifications.getFieldList()
  return (
    <fieldset>
      <legend>{t('form.certifications')}</legend>
      <p className="hint">{t('form.certificationsHint')}</p>
      <ErrorList id={fields.certifications.errorId} errors={fields.certifications.errors} />
      {rows.map((row, i) => {
        const c = row.getFieldset()
        return (
          <fieldset key={row.key}>
            <legend>{t('form.certificationRow', { n: i + 1 })}</legend>
            <div className="form-grid">
              <SelectField
                label={t('form.certificationType')}
                placeholder={t('form.none')}
                options={certificationTypes.map((type) => ({ value: type, label: t(`certification.${type}`) }))}
                {...getSelectProps(c.type)}
                errors={c.type.errors}
              />
              <SelectField
                label={t('form.ocopStars')}
                hint={t('form.ocopStarsHint')}
                placeholder={t('form.none')}
                options={ocopStars.map((stars) => ({ value: String(stars), label: t('form.stars', { count: stars }) }))}
                {...getSelectProps(c.stars)}
                errors={c.stars.errors}
              />
              <div className="span-2">
                <Field
                  label={t('form.certificationName')}
                  hint={t('form.certificationNameHint')}
                  {...getInputProps(c.name, { type: 'text' })}
                  errors={c.name.errors}
                />
              </div>
              <Field label={t('form.certificationNumber')} {...getInputProps(c.number, { type: 'text' })} errors={c.number.errors} />
              <Field label={t('form.certificationIssuer')} {...getInputProps(c.issuer, { type: 'text' })} errors={c.issuer.errors} />
              <Field label={t('form.issuedAt')} {...getInputProps(c.issuedAt, { type: 'date' })} errors={c.issuedAt.errors} />
              <Field
                label={t('form.expiresAt')}
                hint={t('form.expiresAtHint')}
                {...getInputProps(c.expiresAt, { type: 'date' })}
                errors={c.expiresAt.errors}
              />
            </div>
          </fieldset>
        )
      })}
    </fieldset>
  )
}

export function ProductFields({ fields }: { fields: ProductFieldset }) {
  const { t } = useTranslation('producer')
  const lang = useLang()
  const formerOptions = formerProvinces
    .map((p) => {
      const current = provinceOfFormer(p.code)?.name
      const label = !current || current === p.name ? p.name : t('form.formerProvinceOption', { former: p.name, current })
      return { value: p.code, label }
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'))
  return (
    <>
      <fieldset>
        <legend>{t('form.sectionBasics')}</legend>
        <div className="form-grid">
          <Field
            label={t('form.sku')}
            hint={t('form.skuHint')}
            autoComplete="off"
            spellCheck={false}
            {...getInputProps(fields.sku, { type: 'text' })}
            errors={fields.sku.errors}
          />
          <CategorySelect field={fields.categorySlug} label={t('form.category')} />
          <div className="span-2">
            <Field label={t('form.nameVi')} lang="vi" {...getInputProps(fields.nameVi, { type: 'text' })} errors={fields.nameVi.errors} />
          </div>
          <div className="span-2">
            <Field
              label={t('form.nameEn')}
              hint={t('form.nameEnHint')}
              lang="en"
              {...getInputProps(fields.nameEn, { type: 'text' })}
              errors={fields.nameEn.errors}
            />
          </div>
        </div>
        <TextareaField
          label={t('form.descriptionVi')}
          hint={t('form.descriptionViHint')}
          rows={6}
          lang="vi"
          {...getTextareaProps(fields.descriptionVi)}
          errors={fields.descriptionVi.errors}
        />
        <TextareaField
          label={t('form.descriptionEn')}
          hint={t('form.nameEnHint')}
          rows={6}
          lang="en"
          {...getTextareaProps(fields.descriptionEn)}
          errors={fields.descriptionEn.errors}
        />
      </fieldset>

      <fieldset>
        <legend>{t('form.sectionPrices')}</legend>
        <div className="form-grid">
          <SelectField
            label={t('form.unit')}
            placeholder={t('form.choose')}
            options={units.map((u) => ({ value: u, label: t(`unit.${u}`) }))}
            {...getSelectProps(fields.unit)}
            errors={fields.unit.errors}
          />
          <Field
            label={t('form.packSize')}
            hint={t('form.packSizeHint')}
            {...getInputProps(fields.packSize, { type: 'text' })}
            errors={fields.packSize.errors}
          />
          <Field
            label={t('form.moq')}
            hint={t('form.moqHint')}
            inputMode="numeric"
            autoComplete="off"
            {...getInputProps(fields.moq, { type: 'text' })}
            errors={fields.moq.errors}
          />
          <SelectField
            label={t('form.vatRate')}
            hint={t('form.vatRateHint')}
            placeholder={t('form.choose')}
            options={vatRates.map((v) => ({ value: v, label: t(`vat.${v}`) }))}
            {...getSelectProps(fields.vatRate)}
            errors={fields.vatRate.errors}
          />
        </div>
        <TierRows fields={fields} />
        <Field
          label={t('form.usdPrice')}
          hint={t('form.usdPriceHint')}
          inputMode="decimal"
          autoComplete="off"
          {...getInputProps(fields.usdPrice, { type: 'text' })}
          errors={fields.usdPrice.errors}
        />
      </fieldset>

      <fieldset>
        <legend>{t('form.sectionStock')}</legend>
        <Checkbox field={fields.madeToOrder} label={t('form.madeToOrder')} hint={t('form.madeToOrderHint')} />
        <div className="form-grid">
          <Field
            label={t('form.stock')}
            hint={t('form.stockHint')}
            inputMode="numeric"
            autoComplete="off"
            {...getInputProps(fields.stock, { type: 'text' })}
            errors={fields.stock.errors}
          />
          <Field
            label={t('form.leadTimeDays')}
            hint={t('form.leadTimeDaysHint')}
            inputMode="numeric"
            autoComplete="off"
            {...getInputProps(fields.leadTimeDays, { type: 'text' })}
            errors={fields.leadTimeDays.errors}
          />
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('form.sectionOrigin')}</legend>
        <p className="hint">{t('form.originHint')}</p>
        <div className="form-grid">
          <SelectField
            label={t('form.province')}
            placeholder={t('form.choose')}
            options={provinces.map((p) => ({ value: p.code, label: p.name }))}
            {...getSelectProps(fields.provinceCode)}
            errors={fields.provinceCode.errors}
          />
          <SelectField
            label={t('form.regionType')}
            placeholder={t('common:regionType.NONE')}
            options={regionTypes.map((r) => ({ value: r, label: t(`common:regionType.${r}`) }))}
            {...getSelectProps(fields.regionType)}
            errors={fields.regionType.errors}
          />
          <div className="span-2">
            <SelectField
              label={t('form.formerProvince')}
              hint={t('form.formerProvinceHint')}
              placeholder={t('form.formerProvinceNone')}
              options={formerOptions}
              {...getSelectProps(fields.formerProvinceCode)}
              errors={fields.formerProvinceCode.errors}
            />
          </div>
        </div>
        <fieldset aria-describedby={fields.harvestMonths.errors?.length ? fields.harvestMonths.errorId : undefined}>
          <legend>{t('form.harvestMonths')}</legend>
          <div style={{ display: 'grid', gap: '0 1rem', gridTemplateColumns: 'repeat(auto-fill, minmax(8rem, 1fr))' }}>
            {MONTHS.map((month) => {
              const { key: _key, ...props } = getInputProps(fields.harvestMonths, { type: 'checkbox', value: String(month) })
              const id = `${fields.harvestMonths.id}-${month}`
              return (
                <div className="choice" key={month}>
                  {/* Not `required`: on a checkbox that would demand every month be ticked. */}
                  <input {...props} id={id} required={false} aria-invalid={undefined} aria-describedby={undefined} />
                  <label htmlFor={id}>{monthName(month, intlLocale[lang])}</label>
                </div>
              )
            })}
          </div>
          <ErrorList id={fields.harvestMonths.errorId} errors={fields.harvestMonths.errors} />
        </fieldset>
      </fieldset>

      <CertificationRows fields={fields} />

      <fieldset>
        <legend>{t('form.sectionStorage')}</legend>
        <div className="form-grid">
          <Field
            label={t('form.shelfLifeDays')}
            inputMode="numeric"
            autoComplete="off"
            {...getInputProps(fields.shelfLifeDays, { type: 'text' })}
            errors={fields.shelfLifeDays.errors}
          />
          <Field
            label={t('form.hsCode')}
            hint={t('form.hsCodeHint')}
            inputMode="numeric"
            autoComplete="off"
            {...getInputProps(fields.hsCode, { type: 'text' })}
            // The schema's pattern is for the code without dots; people type "0902.30".
            pattern={undefined}
            errors={fields.hsCode.errors}
          />
        </div>
        <TextareaField label={t('form.storage')} rows={3} {...getTextareaProps(fields.storage)} errors={fields.storage.errors} />
        <TextareaField label={t('form.packaging')} rows={3} {...getTextareaProps(fields.packaging)} errors={fields.packaging.errors} />
        <Checkbox field={fields.exportReady} label={t('form.exportReady')} hint={t('form.exportReadyHint')} />
      </fieldset>
    </>
  )
}
