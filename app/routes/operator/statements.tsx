// Bank statements for operators: upload the platform account's statement as CSV (the layout and the matching
// rules are in docs/bank-statements.md; other banks' column names can be mapped), and the latest statements
// with how many lines still need an operator. A file that cannot be read is refused whole, every problem named.
import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, Field } from '~/components/forms'
import { recordAudit } from '~/modules/audit/audit.server'
import { defaultStatementColumns, STATEMENT_LIMITS, type StatementColumns } from '~/modules/payments/statement-layout'
import { importStatement, recentStatements, statementReport, type StatementProblem } from '~/modules/payments/statements.server'
import { readUploadForm } from '~/utils/csrf.server'
import { formatDateTime, formatNumber } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requirePlatformRole } from '~/utils/permissions.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

const RECENT_LIMIT = 20
/** A bank's column name is a short header; anything longer is a mistake. */
const COLUMN_MAX = 100
const columnKeys = Object.keys(defaultStatementColumns) as (keyof StatementColumns)[]
const noColumns: StatementColumns = { date: '', amount: '', description: '', transactionId: '' }

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  await requirePlatformRole(request, lang, 'OPERATOR')
  const statements = await recentStatements(RECENT_LIMIT)
  return data(
    {
      title: getT(lang)('statements:list.title'),
      statements: statements.map((s) => ({ ...s, createdAt: s.createdAt.toISOString() })),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

/** A problem shown to the operator: the i18n key of its message, the line it is on, and the message's values. */
type ShownProblem = { line: number | null; key: string; values?: Record<string, string | number> }
type ActionData = { fileName: string | null; columns: StatementColumns; problems: ShownProblem[] }

const shown = (p: StatementProblem): ShownProblem => ({
  line: p.line ?? null,
  key: `statements:problem.${p.code}`,
  values: p.code === 'missingColumns' ? { columns: (p.columns ?? []).join(', ') } : p.code === 'tooManyLines' ? { max: STATEMENT_LIMITS.lines } : p.code === 'tooLarge' ? { mb: STATEMENT_LIMITS.bytes / 1024 / 1024 } : undefined,
})

const refuse = (body: ActionData, status = 400) => data(body, { status, headers: { 'Cache-Control': 'no-store' } })

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const { user } = await requirePlatformRole(request, lang, 'OPERATOR')
  // The statement is small (2 MB at most) and read whole.
  const formData = await readUploadForm(request, STATEMENT_LIMITS.bytes)
  if (!formData) return refuse({ fileName: null, columns: noColumns, problems: [shown({ code: 'tooLarge' })] }, 413)

  // The bank's column names as typed (kept on error); an empty one means the documented name.
  const typed = Object.fromEntries(columnKeys.map((key) => [key, String(formData.get(`column-${key}`) ?? '').trim()])) as StatementColumns
  const columns = Object.fromEntries(columnKeys.map((key) => [key, typed[key] || defaultStatementColumns[key]])) as StatementColumns
  const file = formData.get('file')
  const fileName = file instanceof File && file.name ? file.name : null
  const problems: ShownProblem[] = []
  for (const key of columnKeys) if (typed[key].length > COLUMN_MAX) problems.push({ line: null, key: 'statements:upload.columnTooLong', values: { column: key, max: COLUMN_MAX } })
  if (new Set(Object.values(columns)).size !== columnKeys.length) problems.push({ line: null, key: 'statements:upload.columnsRepeated' })
  if (!(file instanceof File) || (file.size === 0 && !file.name)) problems.push({ line: null, key: 'statements:upload.fileRequired' })
  if (problems.length || !(file instanceof File)) return refuse({ fileName, columns: typed, problems })

  const operator = { userId: user.id, name: user.name }
  const result = await importStatement({ text: await file.text(), fileName: file.name, operator, columns })
  if (!result.ok) return refuse({ fileName, columns: typed, problems: result.problems.map(shown) })

  const report = await statementReport(result.statementId)
  const counts = report?.counts ?? {}
  const n = (...outcomes: (keyof typeof counts)[]) => outcomes.reduce((sum, o) => sum + (counts[o] ?? 0), 0)
  const summary = {
    lines: report?.lines.length ?? 0,
    matched: n('MATCHED'),
    partial: n('PARTIAL', 'OVERPAID'),
    open: n('UNMATCHED', 'NOT_APPLICABLE'),
    skipped: n('DUPLICATE', 'ALREADY_APPLIED'),
  }
  await recordAudit({ actor: `user:${user.id}`, action: 'statements.upload', target: `statement:${result.statementId}`, details: { fileName: file.name, counts } })
  const values = Object.fromEntries(Object.entries(summary).map(([k, v]) => [k, formatNumber(v, lang)]))
  return redirectWithToast(request, `/${lang}/operator/statements/${result.statementId}`, { key: 'statements:toast.uploaded', values })
}

export default function StatementsPage() {
  const { t } = useTranslation('statements')
  const lang = useLang()
  const { statements } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const problemsRef = useRef<HTMLHeadingElement>(null)
  const columns = actionData?.columns

  // Move focus to the problems, so keyboard and screen-reader users land on what happened.
  useEffect(() => {
    if (actionData?.problems.length) problemsRef.current?.focus()
  }, [actionData])

  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/operator/payments`}>{t('list.back')}</Link>
      </p>
      <h1>{t('list.heading')}</h1>
      <p>{t('list.intro')}</p>

      <h2 id="upload-heading">{t('upload.heading')}</h2>
      <Form method="post" encType="multipart/form-data" aria-labelledby="upload-heading" className="card">
        <CsrfInput />
        <Field
          label={t('upload.file')}
          hint={t('upload.fileHint', { mb: STATEMENT_LIMITS.bytes / 1024 / 1024, lines: formatNumber(STATEMENT_LIMITS.lines, lang) })}
          type="file"
          name="file"
          accept=".csv,text/csv,text/plain"
          required
        />
        <details open={Boolean(columns && columnKeys.some((key) => columns[key]))}>
          <summary>{t('upload.columnsSummary')}</summary>
          <p className="hint">{t('upload.columnsHint')}</p>
          {columnKeys.map((key) => (
            <Field
              key={key}
              label={t(`upload.column.${key}`)}
              name={`column-${key}`}
              defaultValue={columns?.[key] ?? ''}
              placeholder={defaultStatementColumns[key]}
              maxLength={COLUMN_MAX}
              autoComplete="off"
            />
          ))}
        </details>
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('upload.uploading') : t('upload.submit')}
        </button>
      </Form>

      {actionData?.problems.length ? (
        <section aria-labelledby="problems-heading" className="card" role="alert" style={{ marginTop: '1.5rem' }}>
          <h2 id="problems-heading" ref={problemsRef} tabIndex={-1}>
            {t('upload.failedHeading')}
          </h2>
          <p>
            {actionData.fileName ? <strong>{actionData.fileName}</strong> : null} {t('upload.failedSummary', { count: actionData.problems.length })}
          </p>
          <div className="table-wrap">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('upload.line')}</th>
                  <th scope="col">{t('upload.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {actionData.problems.map((p, i) => (
                  <tr key={i}>
                    <td data-label={t('upload.line')}>{p.line ?? t('upload.wholeFile')}</td>
                    <td data-label={t('upload.reason')}>{t(p.key, p.values)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ) : null}

      <h2 id="recent-heading">{t('list.recentHeading')}</h2>
      {statements.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table aria-labelledby="recent-heading">
            <thead>
              <tr>
                <th scope="col">{t('list.file')}</th>
                <th scope="col">{t('list.uploadedBy')}</th>
                <th scope="col">{t('list.uploadedAt')}</th>
                <th scope="col">{t('list.lines')}</th>
                <th scope="col">{t('list.unmatched')}</th>
              </tr>
            </thead>
            <tbody>
              {statements.map((s) => (
                <tr key={s.id}>
                  <td data-label={t('list.file')}>
                    <Link to={`/${lang}/operator/statements/${s.id}`}>{s.fileName}</Link>
                  </td>
                  <td data-label={t('list.uploadedBy')}>{s.uploadedByName}</td>
                  <td data-label={t('list.uploadedAt')}>{formatDateTime(s.createdAt, lang)}</td>
                  <td data-label={t('list.lines')}>{formatNumber(s.lines, lang)}</td>
                  <td data-label={t('list.unmatched')}>{s.unmatched ? <strong>{formatNumber(s.unmatched, lang)}</strong> : formatNumber(0, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
