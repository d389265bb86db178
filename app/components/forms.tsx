import { useId, type InputHTMLAttributes, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import { useRootData } from '~/root'

/** The hidden CSRF field every cookie-authenticated form carries (checked by readForm on the server). */
export function CsrfInput() {
  const root = useRootData()
  return <input type="hidden" name="csrf" value={root?.csrfToken ?? ''} />
}

/** Error messages are i18n keys in the `errors` namespace (shared Zod schemas produce them). */
export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const { t } = useTranslation('errors')
  if (!errors?.length) return null
  return (
    <ul id={id} className="field-errors" role="alert">
      {errors.map((e) => (
        <li key={e}>{t(e, { defaultValue: t('invalid') })}</li>
      ))}
    </ul>
  )
}

type FieldProps = { label: string; hint?: string; errors?: string[] | null }

// Conform's getInputProps passes its own id (errors at `${id}-error`); a bare field gets one from useId.
export function Field({ label, hint, errors, id: givenId, ...input }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const fallbackId = useId()
  const id = givenId ?? fallbackId
  const errorId = `${id}-error`
  const hintId = `${id}-hint`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={[hint ? hintId : '', errors?.length ? errorId : ''].filter(Boolean).join(' ') || undefined}
      />
      {hint ? <p id={hintId} className="hint">{hint}</p> : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

export function TextareaField({ label, hint, errors, id: givenId, ...input }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const fallbackId = useId()
  const id = givenId ?? fallbackId
  const errorId = `${id}-error`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea {...input} id={id} aria-invalid={errors?.length ? true : undefined} aria-describedby={errors?.length ? errorId : undefined} />
      {hint ? <p className="hint">{hint}</p> : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}

export function SelectField({
  label,
  hint,
  errors,
  options,
  placeholder,
  id: givenId,
  ...select
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[]; placeholder?: string }) {
  const fallbackId = useId()
  const id = givenId ?? fallbackId
  const errorId = `${id}-error`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select {...select} id={id} aria-invalid={errors?.length ? true : undefined} aria-describedby={errors?.length ? errorId : undefined}>
        {placeholder !== undefined ? <option value="">{placeholder}</option> : null}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      {hint ? <p className="hint">{hint}</p> : null}
      <ErrorList id={errorId} errors={errors} />
    </div>
  )
}
