import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { Fragment } from 'react'
import { useTranslation } from 'react-i18next'
import { openApiDocument } from '~/modules/api/document.server'
import { referenceOf, type FieldRow, type TypeRef } from '~/modules/api/reference'
import { env } from '~/utils/env.server'
import { formatNumber } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { useLang } from '~/utils/use-lang'

// The API reference for people, rendered on the server from the same OpenAPI document that
// /api/v1/openapi.json serves (no client-side viewer). Endpoint texts stay in English.

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.title },
  { name: 'description', content: data?.description },
]

export async function loader({ params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  const t = getT(lang)
  const settings = env()
  const document = openApiDocument()
  return {
    title: t('api:apiDocs.title'),
    description: t('api:apiDocs.metaDescription'),
    base: `${document.servers?.[0]?.url ?? ''}/api/v1`,
    limits: { perKey: settings.API_RATE_LIMIT_PER_KEY, perIp: settings.API_RATE_LIMIT_PER_IP, maxBytes: settings.API_MAX_BODY_BYTES },
    reference: referenceOf(document),
  }
}

/** Endpoint texts use `code` and **bold** only. */
function Text({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`|\*\*[^*]+\*\*)/).map((part, i) =>
        part.startsWith('`') && part.endsWith('`') && part.length > 1 ? (
          <code key={i}>{part.slice(1, -1)}</code>
        ) : part.startsWith('**') && part.endsWith('**') && part.length > 3 ? (
          <strong key={i}>{part.slice(2, -2)}</strong>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  )
}

function Type({ type }: { type: TypeRef }) {
  return type.schema ? (
    <a href={`#schema-${type.schema}`}>
      <code>{type.text}</code>
    </a>
  ) : (
    <code>{type.text}</code>
  )
}

function FieldsTable({ fields, caption }: { fields: FieldRow[]; caption: string }) {
  const { t } = useTranslation('api')
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('apiDocs.field')}</th>
            <th scope="col">{t('apiDocs.type')}</th>
            <th scope="col">{t('apiDocs.required')}</th>
            <th scope="col">{t('apiDocs.description')}</th>
          </tr>
        </thead>
        <tbody>
          {fields.map((f) => (
            <tr key={f.name}>
              <th scope="row">
                <code>{f.name}</code>
              </th>
              <td>
                <Type type={f.type} />
              </td>
              <td>{f.required ? t('apiDocs.yes') : t('apiDocs.no')}</td>
              <td>{f.description ? <Text text={f.description} /> : null}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

export default function ApiDocsPage() {
  const { t } = useTranslation('api')
  const lang = useLang()
  const { base, limits, reference } = useLoaderData<typeof loader>()
  const steps = t('apiDocs.keysSteps', { returnObjects: true }) as string[]
  const conventions = ['auth', 'lists', 'single', 'money', 'errors', 'idempotency', 'rateLimits', 'bodies', 'codes'] as const
  const values = { perKey: formatNumber(limits.perKey, lang), perIp: formatNumber(limits.perIp, lang), maxBytes: formatNumber(limits.maxBytes, lang) }

  return (
    <article>
      <h1>{t('apiDocs.heading')}</h1>
      <p>{t('apiDocs.lead')}</p>
      <p>
        {t('apiDocs.baseUrl')} <code>{base}</code>
      </p>
      {lang !== 'en' ? <p className="hint">{t('apiDocs.englishNote')}</p> : null}
      <p>
        {t('apiDocs.machineReadable')}{' '}
        <a href="/api/v1/openapi.json" type="application/json">
          <code>/api/v1/openapi.json</code>
        </a>
      </p>

      <nav aria-labelledby="api-contents">
        <h2 id="api-contents">{t('apiDocs.contents')}</h2>
        <ul>
          <li>
            <a href="#keys">{t('apiDocs.keysHeading')}</a>
          </li>
          <li>
            <a href="#conventions">{t('apiDocs.conventionsHeading')}</a>
          </li>
          <li>
            <a href="#endpoints">{t('apiDocs.endpointsHeading')}</a>
            <ul>
              {reference.tags.map((tag) => (
                <li key={tag.name}>
                  {tag.name}:{' '}
                  {tag.operations.map((op, i) => (
                    <Fragment key={op.id}>
                      {i > 0 ? ' · ' : null}
                      <a href={`#${op.id}`}>
                        <code>
                          {op.method} {op.path.replace('/api/v1', '')}
                        </code>
                      </a>
                    </Fragment>
                  ))}
                </li>
              ))}
            </ul>
          </li>
          <li>
            <a href="#schemas">{t('apiDocs.schemasHeading')}</a>
          </li>
        </ul>
      </nav>

      <h2 id="keys">{t('apiDocs.keysHeading')}</h2>
      <ol>
        {steps.map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ol>
      <p className="hint">{t('apiDocs.keysNote')}</p>

      <h2 id="conventions">{t('apiDocs.conventionsHeading')}</h2>
      <ul>
        {conventions.map((c) => (
          <li key={c}>{t(`apiDocs.conventions.${c}`, values)}</li>
        ))}
      </ul>

      <h2 id="endpoints">{t('apiDocs.endpointsHeading')}</h2>
      {reference.tags.map((tag) => (
        <section key={tag.name} aria-labelledby={`tag-${tag.name}`}>
          <h3 id={`tag-${tag.name}`}>{tag.name}</h3>
          {tag.description ? <p className="hint">{tag.description}</p> : null}
          {tag.operations.map((op) => (
            <section key={op.id} id={op.id} className="card" aria-labelledby={`${op.id}-title`} lang="en">
              <h4 id={`${op.id}-title`}>
                <code>
                  {op.method} {op.path}
                </code>
              </h4>
              <p>
                <strong>{op.summary}</strong>{' '}
                <span className="badge" lang={lang}>
                  {op.auth === 'required' ? t('apiDocs.authRequired') : t('apiDocs.authOptional')}
                </span>
              </p>
              {op.description ? (
                <p>
                  <Text text={op.description} />
                </p>
              ) : null}

              {op.parameters.length > 0 ? (
                <div lang={lang}>
                  <h5>{t('apiDocs.parameters')}</h5>
                  <div className="table-wrap">
                    <table>
                      <thead>
                        <tr>
                          <th scope="col">{t('apiDocs.name')}</th>
                          <th scope="col">{t('apiDocs.in')}</th>
                          <th scope="col">{t('apiDocs.type')}</th>
                          <th scope="col">{t('apiDocs.required')}</th>
                          <th scope="col">{t('apiDocs.description')}</th>
                        </tr>
                      </thead>
                      <tbody>
                        {op.parameters.map((p) => (
                          <tr key={`${p.in}-${p.name}`}>
                            <th scope="row">
                              <code>{p.name}</code>
                            </th>
                            <td>{t(`apiDocs.location.${p.in}`)}</td>
                            <td>
                              <Type type={p.type} />
                            </td>
                            <td>{p.required ? t('apiDocs.yes') : t('apiDocs.no')}</td>
                            <td lang="en">{p.description ? <Text text={p.description} /> : null}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                </div>
              ) : null}

              {op.body ? (
                <div lang={lang}>
                  <h5>{op.bodyMediaType === 'multipart' ? t('apiDocs.requestBodyMultipart') : t('apiDocs.requestBody')}</h5>
                  <FieldsTable fields={op.body} caption={op.bodyMediaType === 'multipart' ? t('apiDocs.requestBodyMultipart') : t('apiDocs.requestBody')} />
                </div>
              ) : null}

              <div lang={lang}>
                <h5>{t('apiDocs.responses')}</h5>
                <dl className="facts">
                  {op.responses.map((r) => (
                    <Fragment key={r.status}>
                      <dt>
                        <code>{r.status}</code>
                      </dt>
                      <dd lang="en">
                        {r.description.split('\n\n').map((line) => (
                          <p key={line}>
                            <Text text={line} />
                          </p>
                        ))}
                        {r.type && !r.fields?.length ? (
                          <>
                            {' '}
                            <span lang={lang}>{t('apiDocs.answerIs')}</span> <Type type={r.type} />
                          </>
                        ) : null}
                      </dd>
                    </Fragment>
                  ))}
                </dl>
                {op.responses
                  .filter((r) => r.fields?.length)
                  .map((r) => (
                    <Fragment key={r.status}>
                      <h6>
                        {t('apiDocs.responseFields')} ({r.status})
                      </h6>
                      <FieldsTable fields={r.fields!} caption={`${t('apiDocs.responseFields')} ${r.status}`} />
                    </Fragment>
                  ))}
              </div>
            </section>
          ))}
        </section>
      ))}

      <h2 id="schemas">{t('apiDocs.schemasHeading')}</h2>
      <p className="hint">{t('apiDocs.schemasIntro')}</p>
      {reference.schemas.map((schema) => (
        <section key={schema.name} id={`schema-${schema.name}`} aria-labelledby={`schema-${schema.name}-title`} lang="en">
          <h3 id={`schema-${schema.name}-title`}>
            <code>{schema.name}</code>
          </h3>
          {schema.description ? (
            <p>
              <Text text={schema.description} />
            </p>
          ) : null}
          <div lang={lang}>
            <FieldsTable fields={schema.fields} caption={schema.name} />
          </div>
        </section>
      ))}

    </article>
  )
}
