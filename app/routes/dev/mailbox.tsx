import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node'
import { useLoaderData } from '@remix-run/react'
import { useTranslation } from 'react-i18next'
import { devMailboxEnabled } from '~/modules/notifications/channels.server'
import { listDevMessages } from '~/modules/notifications/notifications.server'
import { formatDateTime } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { useLang } from '~/utils/use-lang'

/** Messages kept instead of sent when no transport is configured; never available in production. */
export async function loader({ params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  if (!devMailboxEnabled()) throw new Response('Not Found', { status: 404 })
  const messages = await listDevMessages(100)
  return { messages, title: getT(lang)('mailbox.title') }
}

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]

/** Links in plain-text messages become clickable here. */
function Linkified({ text }: { text: string }) {
  const parts = text.split(/(https?:\/\/\S+)/g)
  return (
    <>
      {parts.map((part, i) =>
        /^https?:\/\//.test(part) ? (
          <a key={i} href={part}>
            {part}
          </a>
        ) : (
          part
        ),
      )}
    </>
  )
}

export default function DevMailbox() {
  const { messages } = useLoaderData<typeof loader>()
  const { t } = useTranslation()
  const lang = useLang()
  return (
    <section>
      <h1>{t('mailbox.title')}</h1>
      <p className="meta">{t('mailbox.intro')}</p>
      {messages.length === 0 ? <p>{t('mailbox.empty')}</p> : null}
      {messages.map((m) => (
        <article key={m.id} className="card" style={{ marginBottom: '1rem' }}>
          <h2 style={{ marginTop: 0 }}>{m.subject}</h2>
          <p className="meta">
            {t(`mailbox.channel.${m.channel}`)} · {t('mailbox.to')}: {m.to} · {formatDateTime(m.createdAt, lang)}
          </p>
          <div className="mail">
            <Linkified text={m.text} />
          </div>
        </article>
      ))}
    </section>
  )
}
