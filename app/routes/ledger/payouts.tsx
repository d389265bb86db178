// Operators' payouts: /:lang/operator/payouts. What the platform owes each producer (highest first), with the
// bank account a payout goes to; a form to record a payout made from the platform's account (at most the
// producer's balance, paid on a day not in the future, with the bank's reference); the latest payouts.
// Operators only (others get a 404); every payout is in the audit log (payouts.server.ts).
import { data, type ActionFunctionArgs, type LinksFunction, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node'
import { Form, Link, useActionData, useLoaderData, useNavigation } from '@remix-run/react'
import type { InputHTMLAttributes } from 'react'
import { useTranslation } from 'react-i18next'
import { CsrfInput } from '~/components/forms'
import { todayInHcm } from '~/modules/catalog/certifications'
import { parseVnd } from '~/modules/catalog/product-schemas'
import { producerBalances } from '~/modules/ledger/ledger.server'
import { recentPayouts, recordPayout } from '~/modules/ledger/payouts.server'
import { PAYOUT_LIMITS } from '~/modules/ledger/rules'
import styles from '~/styles/ledger.css?url'
import { readForm } from '~/utils/csrf.server'
import { formatDate, formatDateTime, formatVnd } from '~/utils/format'
import { getT } from '~/utils/i18n.server'
import { langOf } from '~/utils/lang'
import { requirePlatformRole } from '~/utils/permissions.server'
import { redirectWithToast } from '~/utils/toast.server'
import { useLang } from '~/utils/use-lang'
import { Money, Problems, type Problem } from './ledger-parts'

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }, { name: 'robots', content: 'noindex' }]
export const links: LinksFunction = () => [{ rel: 'stylesheet', href: styles }]

const RECENT_LIMIT = 20
const fields = ['producerId', 'amount', 'paidOn', 'bankReference', 'note'] as const
type FieldName = (typeof fields)[number]
type Values = Record<FieldName, string>

export async function loader({ request, params }: LoaderFunctionArgs) {
  const lang = langOf(params)
  await requirePlatformRole(request, lang, 'OPERATOR')
  const [balances, payouts] = await Promise.all([producerBalances(), recentPayouts(RECENT_LIMIT)])
  return data(
    {
      title: getT(lang)('ledger:payouts.title'),
      today: todayInHcm(),
      selected: new URL(request.url).searchParams.get('producer') ?? '',
      producers: balances.map((p) => ({
        id: p.id,
        slug: p.slug,
        displayName: p.displayName,
        taxCode: p.taxCode,
        legalForm: p.legalForm,
        balance: p.balanceVnd.toString(),
        paidOut: p.paidOutVnd.toString(),
        bank: p.bankAccountNumber && p.bankName && p.bankAccountHolder ? { name: p.bankName, number: p.bankAccountNumber, holder: p.bankAccountHolder } : null,
      })),
      payouts: payouts.map((p) => ({
        id: p.id,
        producer: p.producer.displayName,
        amount: p.amountVnd.toString(),
        paidOn: p.paidOn.toISOString().slice(0, 10),
        bank: `${p.bankName} · ${p.bankAccountNumber} · ${p.bankAccountHolder}`,
        reference: p.bankReference,
        note: p.note,
        recordedBy: p.recordedByName,
        recordedAt: p.createdAt.toISOString(),
      })),
    },
    { headers: { 'Cache-Control': 'no-store' } },
  )
}

type ActionData = { values: Values; problems: Partial<Record<FieldName | 'form', Problem[]>> }

export async function action({ request, params }: ActionFunctionArgs) {
  const lang = langOf(params)
  const formData = await readForm(request)
  const { user } = await requirePlatformRole(request, lang, 'OPERATOR')
  const values = Object.fromEntries(fields.map((f) => [f, String(formData.get(f) ?? '').trim()])) as Values
  const refuse = (problems: ActionData['problems']) => data<ActionData>({ values, problems }, { status: 400, headers: { 'Cache-Control': 'no-store' } })

  const problems: ActionData['problems'] = {}
  if (!values.producerId) problems.producerId = [{ key: 'ledger.payout.producerRequired' }]
  const amountVnd = parseVnd(values.amount)
  if (!values.amount) problems.amount = [{ key: 'ledger.payout.amountRequired' }]
  else if (amountVnd === null || amountVnd <= 0n) problems.amount = [{ key: 'ledger.payout.amountInvalid' }]
  if (!values.paidOn) problems.paidOn = [{ key: 'ledger.payout.paidOnRequired' }]
  if (Object.keys(problems).length) return refuse(problems)

  const result = await recordPayout({
    producerId: values.producerId,
    amountVnd: amountVnd!,
    paidOn: values.paidOn,
    bankReference: values.bankReference,
    note: values.note,
    operator: { userId: user.id, name: user.name },
  })
  if (!result.ok) {
    const money = (v: bigint) => formatVnd(v, lang)
    switch (result.error) {
      case 'ledger.payout.overBalance':
        return refuse({ amount: [{ key: result.error, values: { balance: money(result.balanceVnd) } }] })
      case 'ledger.payout.amountInvalid':
        return refuse({ amount: [{ key: result.error }] })
      case 'ledger.payout.paidOnInvalid':
      case 'ledger.payout.paidOnFuture':
        return refuse({ paidOn: [{ key: result.error }] })
      case 'ledger.payout.bankReferenceRequired':
      case 'ledger.payout.bankReferenceTooLong':
        return refuse({ bankReference: [{ key: result.error, values: { max: String(PAYOUT_LIMITS.bankReferenceMax) } }] })
      case 'ledger.payout.noteTooLong':
        return refuse({ note: [{ key: result.error, values: { max: String(PAYOUT_LIMITS.noteMax) } }] })
      case 'ledger.payout.noBankAccount':
      case 'ledger.payout.producerNotFound':
        return refuse({ producerId: [{ key: result.error }] })
    }
  }
  const { payout, balanceVnd } = result
  return redirectWithToast(request, `/${lang}/operator/payouts`, {
    key: 'ledger:toast.payoutRecorded',
    values: { amount: formatVnd(payout.amountVnd, lang), producer: payout.producer.displayName, balance: formatVnd(balanceVnd, lang) },
  })
}

function TextField(props: { name: FieldName; label: string; hint?: string; values?: Values; problems?: Problem[]; defaultValue?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const { name, label, hint, values, problems, defaultValue, ...input } = props
  const id = `payout-${name}`
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        {...input}
        id={id}
        name={name}
        defaultValue={values ? values[name] : defaultValue}
        aria-invalid={problems?.length ? true : undefined}
        aria-describedby={[hint ? `${id}-hint` : '', problems?.length ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined}
      />
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      <Problems id={`${id}-error`} problems={problems} />
    </div>
  )
}

export default function PayoutsPage() {
  const { t } = useTranslation(['ledger', 'common'])
  const lang = useLang()
  const { today, selected, producers, payouts } = useLoaderData<typeof loader>()
  const actionData = useActionData<typeof action>()
  const navigation = useNavigation()
  const busy = navigation.state === 'submitting'
  const values = actionData?.values
  const problems = actionData?.problems ?? {}
  const chosen = values?.producerId ?? selected
  // Those the platform owes something, and the one chosen (so a refused choice stays shown).
  const payable = producers.filter((p) => BigInt(p.balance) > 0n || p.id === chosen)

  return (
    <section>
      <p className="meta">
        <Link to={`/${lang}/operator/payments`}>{t('payouts.back')}</Link> · <Link to={`/${lang}/operator/withholding`}>{t('withholding.link')}</Link>
      </p>
      <h1>{t('payouts.heading')}</h1>
      <p>{t('payouts.intro')}</p>

      <h2 id="payout-form-heading">{t('payouts.form.heading')}</h2>
      <Form method="post" id="payout-form" className="card" aria-labelledby="payout-form-heading">
        <CsrfInput />
        {payable.length === 0 ? <p>{t('payouts.form.nothingOwed')}</p> : null}
        <div className="field">
          <label htmlFor="payout-producerId">{t('payouts.form.producer')}</label>
          <select
            id="payout-producerId"
            name="producerId"
            defaultValue={chosen}
            required
            aria-invalid={problems.producerId?.length ? true : undefined}
            aria-describedby={problems.producerId?.length ? 'payout-producerId-error' : undefined}
          >
            <option value="">{t('payouts.form.choose')}</option>
            {payable.map((p) => (
              <option key={p.id} value={p.id}>
                {t(p.bank ? 'payouts.form.producerOption' : 'payouts.form.producerOptionNoBank', { name: p.displayName, balance: formatVnd(BigInt(p.balance), lang) })}
              </option>
            ))}
          </select>
          <Problems id="payout-producerId-error" problems={problems.producerId} />
        </div>
        <div className="form-grid">
          <TextField name="amount" label={t('payouts.form.amount')} hint={t('payouts.form.amountHint')} values={values} problems={problems.amount} inputMode="numeric" autoComplete="off" required />
          <TextField name="paidOn" label={t('payouts.form.paidOn')} values={values} defaultValue={today} problems={problems.paidOn} type="date" max={today} required />
          <TextField
            name="bankReference"
            label={t('payouts.form.bankReference')}
            hint={t('payouts.form.bankReferenceHint')}
            values={values}
            problems={problems.bankReference}
            maxLength={PAYOUT_LIMITS.bankReferenceMax}
            autoComplete="off"
            required
          />
          <TextField name="note" label={t('payouts.form.note')} values={values} problems={problems.note} maxLength={PAYOUT_LIMITS.noteMax} autoComplete="off" />
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t('payouts.form.submit')}
        </button>
      </Form>

      <h2 id="balances-heading">{t('payouts.balances.heading')}</h2>
      {producers.length === 0 ? (
        <p>{t('payouts.balances.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="ledger-table" aria-labelledby="balances-heading">
            <thead>
              <tr>
                <th scope="col">{t('payouts.balances.producer')}</th>
                <th scope="col" className="num">
                  {t('payouts.balances.balance')}
                </th>
                <th scope="col" className="num">
                  {t('payouts.balances.paidOut')}
                </th>
                <th scope="col">{t('payouts.balances.bank')}</th>
                <th scope="col">{t('payouts.balances.action')}</th>
              </tr>
            </thead>
            <tbody>
              {producers.map((p) => (
                <tr key={p.id}>
                  <td data-label={t('payouts.balances.producer')}>
                    <Link to={`/${lang}/orgs/${p.slug}`}>{p.displayName}</Link>
                    <span className="ledger-sub">
                      {t('common:legalForm.' + p.legalForm)} · {p.taxCode}
                    </span>
                  </td>
                  <td data-label={t('payouts.balances.balance')} className="num">
                    <strong>
                      <Money value={p.balance} lang={lang} />
                    </strong>
                  </td>
                  <td data-label={t('payouts.balances.paidOut')} className="num">
                    {formatVnd(BigInt(p.paidOut), lang)}
                  </td>
                  <td data-label={t('payouts.balances.bank')}>
                    {p.bank ? (
                      <>
                        {p.bank.name} · <span translate="no">{p.bank.number}</span>
                        <span className="ledger-sub">{p.bank.holder}</span>
                      </>
                    ) : (
                      <strong>{t('payouts.balances.noBank')}</strong>
                    )}
                  </td>
                  <td data-label={t('payouts.balances.action')}>
                    {BigInt(p.balance) > 0n && p.bank ? (
                      <Link to={`?producer=${p.id}#payout-form`}>
                        {t('payouts.balances.pay')}
                        <span className="visually-hidden"> {p.displayName}</span>
                      </Link>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="recent-heading">{t('payouts.recent.heading')}</h2>
      {payouts.length === 0 ? (
        <p>{t('payouts.recent.empty')}</p>
      ) : (
        <div className="table-wrap">
          <table className="ledger-table" aria-labelledby="recent-heading">
            <thead>
              <tr>
                <th scope="col">{t('payouts.recent.paidOn')}</th>
                <th scope="col">{t('payouts.recent.producer')}</th>
                <th scope="col" className="num">
                  {t('payouts.recent.amount')}
                </th>
                <th scope="col">{t('payouts.recent.bank')}</th>
                <th scope="col">{t('payouts.recent.reference')}</th>
                <th scope="col">{t('payouts.recent.recordedBy')}</th>
              </tr>
            </thead>
            <tbody>
              {payouts.map((p) => (
                <tr key={p.id}>
                  <td data-label={t('payouts.recent.paidOn')}>{formatDate(`${p.paidOn}T00:00:00Z`, lang)}</td>
                  <td data-label={t('payouts.recent.producer')}>{p.producer}</td>
                  <td data-label={t('payouts.recent.amount')} className="num">
                    {formatVnd(BigInt(p.amount), lang)}
                  </td>
                  <td data-label={t('payouts.recent.bank')}>{p.bank}</td>
                  <td data-label={t('payouts.recent.reference')}>
                    <code>{p.reference}</code>
                    {p.note ? <span className="ledger-sub">{p.note}</span> : null}
                  </td>
                  <td data-label={t('payouts.recent.recordedBy')}>
                    {p.recordedBy}
                    <span className="ledger-sub">{formatDateTime(p.recordedAt, lang)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  )
}
