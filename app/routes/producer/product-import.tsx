import {
  data,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import { useEffect, useRef, type RefObject } from 'react'
import { useTranslation } from 'react-i18next'
import { CsrfInput, Field } from '~/components/forms'
import { categoryName, categoryTree } from '~/modules/catalog/categories'
import { columnLabel, CSV_MAX_BYTES, CSV_MAX_ROWS, csvColumns, type CsvColumnKey } from '~/modules/catalog/csv-columns'
import { importProductsCsv, type CsvImportResult, type CsvProblem } from '~/modules/catalog/csv.server'
import { roleCan, type Permission } from '~/modules/organizations/permissions'
import { readUploadForm } from '~/utils/csrf.server'
import { formatNumber } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requireOrgPermission } from '~/utils/permissions.server'
import { useLang } from '~/utils/use-lang'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

/** A member of a PRODUCER organisation (others: 404) who may both create and update products (else 403). */
async function requireImporter(request: Request, params: LoaderFunctionArgs['params']) {
  const lang = langOf(params)
  const guard = await requireOrgPermission(request, lang, params.slug, 'create:product:own')
  if (guard.organization.kind !== 'PRODUCER') throw new Response('Not Found', { status: 404 })
  const update: Permission = 'update:product:own'
  if (!roleCan(guard.membership.role, update)) throw new Response('Forbidden', { status: 403 })
  return { ...guard, lang }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organization, lang } = await requireImporter(request, params)
  return data(
    {
      title: getT(lang)('producer:csv.title', { name: organization.displayName }),
      organization: { slug: organization.slug, displayName: organization.displayName },
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

type ActionData = { fileName: string | null; result: CsvImportResult }

const failure = (problem: CsvProblem, fileName: string | null = null): ActionData => ({ fileName, result: { ok: false, rowCount: 0, problems: [problem] } })

export async function action({ request, params }: ActionFunctionArgs) {
  const { organization, user } = await requireImporter(request, params)
  // The CSV is small (2 MB at most) and read whole.
  const formData = await readUploadForm(request, CSV_MAX_BYTES)
  if (!formData) return data(failure({ line: null, message: 'csv.file.tooLarge', values: { max: CSV_MAX_BYTES / 1024 / 1024 } }), { status: 413 })
  const file = formData.get('file')
  if (!(file instanceof File) || (file.size === 0 && !file.name)) return data(failure({ line: null, message: 'csv.file.required' }), { status: 400 })
  const result = await importProductsCsv(organization.id, new Uint8Array(await file.arrayBuffer()), {
    actor: `user:${user.id}`,
    organizationSlug: organization.slug,
  })
  return data({ fileName: file.name || null, result } satisfies ActionData, { status: result.ok ? 200 : 400, headers: { 'Cache-Control': 'no-store' } })
}

export default function ProductImportPage() {
  const { t } = useTranslation('producer')
  const lang = useLang()
  const { organization } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const base = `/${lang}/orgs/${organization.slug}/products`
  const reportRef = useRef<HTMLHeadingElement>(null)

  // Move focus to the report, so keyboard and screen-reader users land on what happened.
  useEffect(() => {
    if (actionData) reportRef.current?.focus()
  }, [actionData])

  return (
    <section>
      <p className="meta">
        <Link to={base}>{t('csv.back')}</Link>
      </p>
      <h1>{t('csv.heading')}</h1>
      <p>{t('csv.intro')}</p>
      <ul>
        <li>{t('csv.ruleSku')}</li>
        <li>{t('csv.ruleAllOrNothing')}</li>
        <li>{t('csv.ruleColumns')}</li>
        <li>{t('csv.ruleLimits', { rows: formatNumber(CSV_MAX_ROWS, lang), mb: CSV_MAX_BYTES / 1024 / 1024 })}</li>
      </ul>

      <h2>{t('csv.downloadsHeading')}</h2>
      <ul>
        <li>
          <a href={`${base}/template.csv`} download>
            {t('csv.template')}
          </a>{' '}
          <span className="hint">
            (
            <a href={`${base}/template.csv?delimiter=semicolon`} download>
              {t('csv.semicolonVersion')}
            </a>
            )
          </span>
        </li>
        <li>
          <a href={`${base}/export.csv`} download>
            {t('csv.export')}
          </a>{' '}
          <span className="hint">
            (
            <a href={`${base}/export.csv?delimiter=semicolon`} download>
              {t('csv.semicolonVersion')}
            </a>
            )
          </span>
        </li>
      </ul>
      <p className="hint">{t('csv.semicolonHint')}</p>

      <h2 id="upload-heading">{t('csv.uploadHeading')}</h2>
      <Form method="post" encType="multipart/form-data" aria-labelledby="upload-heading" className="card">
        <CsrfInput />
        <Field label={t('csv.file')} hint={t('csv.fileHint')} type="file" name="file" accept=".csv,text/csv,text/plain" required />
        <button type="submit" className="button" disabled={busy}>
          {busy ? t('csv.importing') : t('csv.submit')}
        </button>
      </Form>

      {actionData ? <Report data={actionData} headingRef={reportRef} base={base} /> : null}

      <h2>{t('csv.columnsHeading')}</h2>
      <p className="hint">{t('csv.columnsIntro')}</p>
      <div className="table-wrap">
        <table>
          <caption className="hint">{t('csv.columnsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('csv.columnKey')}</th>
              <th scope="col">{t('csv.columnHeaders')}</th>
              <th scope="col">{t('csv.columnValue')}</th>
            </tr>
          </thead>
          <tbody>
            {csvColumns.map((column) => (
              <tr key={column.key}>
                <th scope="row">
                  <code>{column.key}</code>
                </th>
                <td data-label={t('csv.columnHeaders')}>
                  {column.vi} / <span lang="en">{column.en}</span>
                </td>
                <td data-label={t('csv.columnValue')}>{t(`csv.columns.${column.key}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <details>
        <summary>{t('csv.categoriesSummary')}</summary>
        <ul>
          {categoryTree.map((top) => (
            <li key={top.slug}>
              <code>{top.slug}</code> — {categoryName(top, lang)}
              <ul>
                {top.children.map((child) => (
                  <li key={child.slug}>
                    <code>{child.slug}</code> — {categoryName(child, lang)}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </details>
    </section>
  )
}

const reportStyle = { marginTop: '1.5rem' }

function Report({ data, headingRef, base }: { data: ActionData; headingRef: RefObject<HTMLHeadingElement>; base: string }) {
  const { t } = useTranslation('producer')
  const { t: tErrors } = useTranslation('errors')
  const lang = useLang()
  const { result } = data
  const columnName = (key: CsvColumnKey | undefined, item: number | undefined) =>
    key ? `${columnLabel(key, lang)}${item ? ` #${item}` : ''}` : ''

  if (!result.ok) {
    return (
      <section aria-labelledby="report-heading" className="card" role="alert" style={reportStyle}>
        <h2 id="report-heading" ref={headingRef} tabIndex={-1}>
          {t('csv.failedHeading')}
        </h2>
        <p>
          {data.fileName ? <strong>{data.fileName}</strong> : null} {t('csv.failedSummary', { count: result.problems.length })}
        </p>
        <div className="table-wrap">
          <table>
            <caption className="hint">{t('csv.problemsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('csv.line')}</th>
                <th scope="col">{t('csv.sku')}</th>
                <th scope="col">{t('csv.column')}</th>
                <th scope="col">{t('csv.reason')}</th>
              </tr>
            </thead>
            <tbody>
              {result.problems.map((p, i) => (
                <tr key={i}>
                  <td data-label={t('csv.line')}>{p.line ?? t('csv.wholeFile')}</td>
                  <td data-label={t('csv.sku')}>{p.sku ? <code>{p.sku}</code> : null}</td>
                  <td data-label={t('csv.column')}>{columnName(p.column, p.item)}</td>
                  <td data-label={t('csv.reason')}>{tErrors(p.message, { ...p.values, defaultValue: tErrors('invalid') })}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    )
  }

  return (
    <section aria-labelledby="report-heading" className="card" role="status" style={reportStyle}>
      <h2 id="report-heading" ref={headingRef} tabIndex={-1}>
        {t('csv.doneHeading')}
      </h2>
      <p>{t('csv.doneSummary', { created: result.created, updated: result.updated, unchanged: result.unchanged })}</p>
      <p>
        <Link to={base}>{t('csv.toList')}</Link>
      </p>
      <div className="table-wrap">
        <table>
          <caption className="hint">{t('csv.rowsCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('csv.line')}</th>
              <th scope="col">{t('csv.sku')}</th>
              <th scope="col">{t('csv.result')}</th>
            </tr>
          </thead>
          <tbody>
            {result.rows.map((row) => (
              <tr key={row.line}>
                <td data-label={t('csv.line')}>{row.line}</td>
                <td data-label={t('csv.sku')}>
                  <code>{row.sku}</code>
                </td>
                <td data-label={t('csv.result')}>{t(`csv.action.${row.action}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  )
}
