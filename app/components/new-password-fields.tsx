import { getInputProps, type FieldMetadata } from '@conform-to/react'
import { useTranslation } from 'react-i18next'
import { Field } from './forms'

type PasswordField = FieldMetadata<string, Record<string, unknown>, string[]>

/** A new password and its confirmation, as signup, reset and change-password forms ask for them. */
export function NewPasswordFields({ password, confirmPassword, label }: { password: PasswordField; confirmPassword: PasswordField; label: string }) {
  const { t } = useTranslation('auth')
  return (
    <>
      <Field
        label={label}
        hint={t('signup.passwordHint')}
        autoComplete="new-password"
        {...getInputProps(password, { type: 'password' })}
        errors={password.errors}
      />
      <Field
        label={t('fields.confirmPassword')}
        autoComplete="new-password"
        {...getInputProps(confirmPassword, { type: 'password' })}
        errors={confirmPassword.errors}
      />
    </>
  )
}
