// The organisation fields shared by the create form (orgs/new) and the settings form (orgs/:slug/settings).
// Not a route: app/routes.ts lists the routes explicitly.
import { getInputProps, getSelectProps, getTextareaProps, type FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { Field, SelectField, TextareaField } from '~/components/forms'
import { formerProvinces, provinceOfFormer, provinces } from '~/modules/geo/provinces'
import { legalForms, regionTypes } from '~/modules/organizations/schemas'

type SharedField =
  | 'legalForm'
  | 'legalName'
  | 'displayName'
  | 'taxCode'
  | 'addressLine'
  | 'commune'
  | 'provinceCode'
  | 'formerProvinceCode'
  | 'regionType'
  | 'phone'
  | 'descriptionVi'
  | 'descriptionEn'
  | 'bankName'
  | 'bankAccountNumber'
  | 'bankAccountHolder'

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the create and settings forms have different form schemas
export type OrganizationFieldset = Record<SharedField, FieldMetadata<any, any, string[]>>

/**
 * `producer`: 'shown' for a producer's settings, 'note' on the create form before the kind is known (shown
 * with a "producers only" note, so it works without JavaScript), 'hidden' for a buyer.
 */
export function OrganizationFields({ fields, producer }: { fields: OrganizationFieldset; producer: 'shown' | 'note' | 'hidden' }) {
  const { t } = useTranslation('orgs')
  const formerOptions = formerProvinces
    .map((p) => {
      const current = provinceOfFormer(p.code)?.name
      const label = !current || current === p.name ? p.name : t('fields.formerProvinceOption', { former: p.name, current })
      return { value: p.code, label }
    })
    .sort((a, b) => a.label.localeCompare(b.label, 'vi'))
  return (
    <>
      <fieldset>
        <legend>{t('sections.identity')}</legend>
        <div className="form-grid">
          <SelectField
            label={t('fields.legalForm')}
            placeholder={t('fields.choose')}
            options={legalForms.map((f) => ({ value: f, label: t(`common:legalForm.${f}`) }))}
            {...getSelectProps(fields.legalForm)}
            errors={fields.legalForm.errors}
          />
          <Field
            label={t('fields.taxCode')}
            hint={t('fields.taxCodeHint')}
            inputMode="numeric"
            autoComplete="off"
            {...getInputProps(fields.taxCode, { type: 'text' })}
            errors={fields.taxCode.errors}
          />
          <div className="span-2">
            <Field
              label={t('fields.legalName')}
              hint={t('fields.legalNameHint')}
              autoComplete="organization"
              {...getInputProps(fields.legalName, { type: 'text' })}
              errors={fields.legalName.errors}
            />
          </div>
          <div className="span-2">
            <Field
              label={t('fields.displayName')}
              hint={t('fields.displayNameHint')}
              {...getInputProps(fields.displayName, { type: 'text' })}
              errors={fields.displayName.errors}
            />
          </div>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('sections.address')}</legend>
        <div className="form-grid">
          <div className="span-2">
            <Field
              label={t('fields.addressLine')}
              hint={t('fields.addressLineHint')}
              autoComplete="address-line1"
              {...getInputProps(fields.addressLine, { type: 'text' })}
              errors={fields.addressLine.errors}
            />
          </div>
          <Field
            label={t('fields.commune')}
            hint={t('fields.communeHint')}
            {...getInputProps(fields.commune, { type: 'text' })}
            errors={fields.commune.errors}
          />
          <SelectField
            label={t('fields.province')}
            placeholder={t('fields.choose')}
            options={provinces.map((p) => ({ value: p.code, label: p.name }))}
            {...getSelectProps(fields.provinceCode)}
            errors={fields.provinceCode.errors}
          />
          <div className="span-2">
            <SelectField
              label={t('fields.formerProvince')}
              hint={t('fields.formerProvinceHint')}
              placeholder={t('fields.formerProvinceNone')}
              options={formerOptions}
              {...getSelectProps(fields.formerProvinceCode)}
              errors={fields.formerProvinceCode.errors}
            />
          </div>
        </div>
      </fieldset>

      <fieldset>
        <legend>{t('sections.contact')}</legend>
        <Field
          label={t('fields.phone')}
          hint={t('fields.phoneHint')}
          autoComplete="tel"
          {...getInputProps(fields.phone, { type: 'tel' })}
          errors={fields.phone.errors}
        />
        <TextareaField
          label={t('fields.descriptionVi')}
          hint={t('fields.descriptionViHint')}
          rows={6}
          lang="vi"
          {...getTextareaProps(fields.descriptionVi)}
          errors={fields.descriptionVi.errors}
        />
        <TextareaField
          label={t('fields.descriptionEn')}
          hint={t('fields.descriptionEnHint')}
          rows={6}
          lang="en"
          {...getTextareaProps(fields.descriptionEn)}
          errors={fields.descriptionEn.errors}
        />
      </fieldset>

      <fieldset hidden={producer === 'hidden'} disabled={producer === 'hidden'}>
        <legend>{t('sections.producer')}</legend>
        {producer === 'note' ? <p className="hint">{t('sections.producerOnly')}</p> : null}
        <SelectField
          label={t('fields.regionType')}
          hint={t('fields.regionTypeHint')}
          placeholder={t('common:regionType.NONE')}
          options={regionTypes.map((r) => ({ value: r, label: t(`common:regionType.${r}`) }))}
          {...getSelectProps(fields.regionType)}
          errors={fields.regionType.errors}
        />
        <p className="hint">{t('fields.bankHint')}</p>
        <div className="form-grid">
          <Field
            label={t('fields.bankName')}
            {...getInputProps(fields.bankName, { type: 'text' })}
            errors={fields.bankName.errors}
          />
          <Field
            label={t('fields.bankAccountNumber')}
            inputMode="numeric"
            autoComplete="off"
            {...getInputProps(fields.bankAccountNumber, { type: 'text' })}
            errors={fields.bankAccountNumber.errors}
          />
          <div className="span-2">
            <Field
              label={t('fields.bankAccountHolder')}
              hint={t('fields.bankAccountHolderHint')}
              autoComplete="off"
              {...getInputProps(fields.bankAccountHolder, { type: 'text' })}
              errors={fields.bankAccountHolder.errors}
            />
          </div>
        </div>
      </fieldset>
    </>
  )
}
