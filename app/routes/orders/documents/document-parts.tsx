// The pieces of the printable order documents (confirmation, proforma invoice, packing slip): one A4 sheet
// on screen, and on paper only the sheet (app/styles/order-documents.css hides the site around it).
import { useEffect, useState, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { OrderStatus, PaymentStatus } from '~/generated/prisma/enums'
import type { DeliveryAddressView, PackingSlipView, TradeDocumentView } from '~/modules/orders/documents.server'
import { formatDate, formatDateTime, formatNumber, formatVnd } from '~/utils/format'
import type { Language } from '~/utils/i18n'

export type DocumentName = 'confirmation' | 'proforma' | 'packingSlip'

const documentPath: Record<DocumentName, string> = { confirmation: 'confirmation', proforma: 'proforma', packingSlip: 'packing-slip' }

/** /:lang/orgs/:slug/orders/:number, the order page these documents belong to. */
export const orderPath = (lang: Language, slug: string, number: string) => `/${lang}/orgs/${slug}/orders/${encodeURIComponent(number)}`

/** Shown once the page runs JavaScript; without it the hint tells how to print. */
function PrintButton() {
  const { t } = useTranslation('documents')
  const [ready, setReady] = useState(false)
  useEffect(() => setReady(true), [])
  if (!ready) return null
  return (
    <button type="button" className="button" onClick={() => window.print()}>
      {t('toolbar.print')}
    </button>
  )
}

/** Above the sheet, never printed: print, the other documents of the order, the downloads. */
export function DocumentToolbar(props: { lang: Language; slug: string; number: string; side: 'buyer' | 'producer'; current: DocumentName }) {
  const { t } = useTranslation('documents')
  const base = orderPath(props.lang, props.slug, props.number)
  const others = (['confirmation', 'proforma', 'packingSlip'] as const).filter(
    (name) => name !== props.current && (name !== 'packingSlip' || props.side === 'producer'),
  )
  return (
    <nav className="doc-toolbar" aria-label={t('toolbar.label')}>
      <p className="doc-back">
        <a href={base}>{t('toolbar.backToOrder', { number: props.number })}</a>
      </p>
      <div className="doc-actions">
        <PrintButton />
        <p className="meta">{t('toolbar.printHint')}</p>
      </div>
      <ul className="doc-links">
        {others.map((name) => (
          <li key={name}>
            <a href={`${base}/${documentPath[name]}`}>{t(`toolbar.${name}`)}</a>
          </li>
        ))}
        <li>
          <a href={`${base}/export.csv`} download>
            {t('toolbar.exportCsv')}
          </a>
        </li>
        <li>
          <a href={`${base}/export.json`} download>
            {t('toolbar.exportJson')}
          </a>
        </li>
      </ul>
    </nav>
  )
}

/** The sheet's head: the platform, the title, the order number and date, its state. */
export function DocumentHead(props: {
  lang: Language
  title: string
  number: string
  placedAt: string
  status: OrderStatus
  paymentStatus?: PaymentStatus
}) {
  const { t } = useTranslation(['documents', 'orders', 'common'])
  return (
    <header className="doc-head">
      <p className="doc-brand">{t('common:appName')}</p>
      <h1>{props.title}</h1>
      <dl className="doc-facts">
        <dt>{t('fields.number')}</dt>
        <dd>
          <strong>{props.number}</strong>
        </dd>
        <dt>{t('fields.placedAt')}</dt>
        <dd>{formatDateTime(props.placedAt, props.lang)}</dd>
        <dt>{t('fields.status')}</dt>
        <dd>{t(`orders:status.${props.status}`)}</dd>
        {props.paymentStatus ? (
          <>
            <dt>{t('fields.paymentStatus')}</dt>
            <dd>{t(`orders:paymentStatus.${props.paymentStatus}`)}</dd>
          </>
        ) : null}
      </dl>
    </header>
  )
}

export function Party(props: { heading: string; name: string; taxCode?: string; address?: string }) {
  const { t } = useTranslation('documents')
  return (
    <section className="doc-party" aria-label={props.heading}>
      <h2>{props.heading}</h2>
      <p className="doc-party-name">{props.name}</p>
      {props.taxCode !== undefined ? (
        <p>
          {t('parties.taxCode')}: {props.taxCode}
        </p>
      ) : null}
      {props.address ? (
        <p>
          {t('parties.address')}: {props.address}
        </p>
      ) : null}
    </section>
  )
}

export function DeliveryBlock(props: {
  lang: Language
  address: DeliveryAddressView
  requestedDeliveryDate: string | null
  deliveryDate: string | null
  carrier?: string | null
  trackingNumber?: string | null
  heading?: string
}) {
  const { t } = useTranslation('documents')
  const date = (value: string | null) => (value ? formatDate(`${value}T00:00:00Z`, props.lang) : t('fields.notSet'))
  return (
    <section className="doc-party" aria-label={props.heading ?? t('parties.deliveryAddress')}>
      <h2>{props.heading ?? t('parties.deliveryAddress')}</h2>
      <p className="doc-party-name">{props.address.recipientName}</p>
      <p>{props.address.address}</p>
      {props.address.label ? <p className="meta">{props.address.label}</p> : null}
      <p>
        {t('parties.phone')}: {props.address.phone}
      </p>
      <dl className="doc-facts">
        <dt>{t('fields.requestedDeliveryDate')}</dt>
        <dd>{date(props.requestedDeliveryDate)}</dd>
        <dt>{t('fields.deliveryDate')}</dt>
        <dd>{date(props.deliveryDate)}</dd>
        {props.carrier ? (
          <>
            <dt>{t('fields.carrier')}</dt>
            <dd>{props.carrier}</dd>
          </>
        ) : null}
        {props.trackingNumber ? (
          <>
            <dt>{t('fields.trackingNumber')}</dt>
            <dd>{props.trackingNumber}</dd>
          </>
        ) : null}
      </dl>
    </section>
  )
}

/** A product's name in the page's language, with the Vietnamese name under an English one. */
function LineName({ name, nameVi }: { name: string; nameVi: string }) {
  return (
    <>
      {name}
      {name !== nameVi ? (
        <span className="doc-sub" lang="vi">
          {nameVi}
        </span>
      ) : null}
    </>
  )
}

/** The order confirmation and the proforma invoice: one layout, different notes. */
export function TradeDocument({ doc, lang }: { doc: TradeDocumentView; lang: Language }) {
  const { t } = useTranslation(['documents', 'orders', 'catalog'])
  const num = (value: string | number) => formatNumber(typeof value === 'string' ? BigInt(value) : value, lang)
  const money = (value: string) => formatVnd(BigInt(value), lang)
  const twoQuantities = doc.kind === 'confirmation' && doc.quantitiesChanged
  const statusName = t(`orders:status.${doc.status}`)
  return (
    <>
      <DocumentToolbar lang={lang} slug={doc.organizationSlug} number={doc.number} side={doc.side} current={doc.kind} />
      <article className="doc-sheet">
        <DocumentHead lang={lang} title={t(`${doc.kind}.title`)} number={doc.number} placedAt={doc.placedAt} status={doc.status} paymentStatus={doc.paymentStatus} />

        {doc.kind === 'proforma' ? (
          <p className={`doc-notice doc-notice-${doc.stage}`} role="note">
            {t(`proforma.${doc.stage}`, { status: statusName })}
          </p>
        ) : doc.status === 'PLACED' ? (
          <p className="doc-notice doc-notice-provisional" role="note">
            {t('confirmation.awaiting')}
          </p>
        ) : doc.stage === 'void' ? (
          <p className="doc-notice doc-notice-void" role="note">
            {t('confirmation.void', { status: statusName })}
          </p>
        ) : doc.confirmedAt ? (
          <p className="doc-notice" role="note">
            {t('confirmation.confirmedOn', { date: formatDateTime(doc.confirmedAt, lang) })}
          </p>
        ) : null}

        <div className="doc-parties">
          <Party heading={t('parties.seller')} name={doc.seller.name} taxCode={doc.seller.taxCode} address={doc.seller.address} />
          <Party heading={t('parties.buyer')} name={doc.buyer.name} taxCode={doc.buyer.taxCode} address={doc.buyer.address} />
          <DeliveryBlock lang={lang} address={doc.deliveryAddress} requestedDeliveryDate={doc.requestedDeliveryDate} deliveryDate={doc.deliveryDate} />
        </div>

        <h2>{t('lines.heading')}</h2>
        {twoQuantities ? <p className="meta">{t('confirmation.quantitiesChanged')}</p> : null}
        <p className="meta">{t('lines.currencyNote')}</p>
        <div className="table-wrap doc-lines" role="region" aria-label={t('lines.heading')} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('lines.no')}</th>
                <th scope="col">{t('lines.sku')}</th>
                <th scope="col">{t('lines.name')}</th>
                <th scope="col">{t('lines.unit')}</th>
                {twoQuantities ? (
                  <>
                    <th scope="col" className="num">
                      {t('lines.orderedQuantity')}
                    </th>
                    <th scope="col" className="num">
                      {t('lines.confirmedQuantity')}
                    </th>
                  </>
                ) : (
                  <th scope="col" className="num">
                    {t('lines.quantity')}
                  </th>
                )}
                <th scope="col" className="num">
                  {t('lines.unitPrice')}
                </th>
                <th scope="col" className="num">
                  {t('lines.vatRate')}
                </th>
                <th scope="col" className="num">
                  {t('lines.amount')}
                </th>
                <th scope="col" className="num">
                  {t('lines.vatAmount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {doc.lines.map((line) => {
                const changed = line.orderedQuantity !== line.quantity
                return (
                  <tr key={line.lineNo} className={twoQuantities && changed ? 'doc-changed' : undefined}>
                    <td data-label={t('lines.no')}>{line.lineNo}</td>
                    <td data-label={t('lines.sku')}>{line.sku}</td>
                    <td data-label={t('lines.name')}>
                      <LineName name={line.name} nameVi={line.nameVi} />
                    </td>
                    <td data-label={t('lines.unit')}>
                      {t(`catalog:unit.${line.unit}`)}
                      <span className="doc-sub">{line.packSize}</span>
                    </td>
                    {twoQuantities ? (
                      <>
                        <td data-label={t('lines.orderedQuantity')} className="num">
                          {num(line.orderedQuantity)}
                        </td>
                        <td data-label={t('lines.confirmedQuantity')} className="num">
                          {changed ? <strong>{num(line.quantity)}</strong> : num(line.quantity)}
                          {line.quantity === 0 ? <span className="doc-sub">{t('lines.removed')}</span> : null}
                        </td>
                      </>
                    ) : (
                      <td data-label={t('lines.quantity')} className="num">
                        {num(line.quantity)}
                      </td>
                    )}
                    <td data-label={t('lines.unitPrice')} className="num">
                      {num(line.unitPriceVnd)}
                    </td>
                    <td data-label={t('lines.vatRate')} className="num">
                      {line.vatLabel}
                    </td>
                    <td data-label={t('lines.amount')} className="num">
                      {num(line.lineTotalVnd)}
                    </td>
                    <td data-label={t('lines.vatAmount')} className="num">
                      {num(line.vatAmountVnd)}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </div>

        <dl className="doc-totals">
          <dt>{t('totals.subtotal')}</dt>
          <dd>{money(doc.subtotalVnd)}</dd>
          <dt>{t('totals.vat')}</dt>
          <dd>{money(doc.vatTotalVnd)}</dd>
          <dt>{t('totals.shipping')}</dt>
          <dd>{money(doc.shippingFeeVnd)}</dd>
          <dt className="doc-total">{t('totals.total')}</dt>
          <dd className="doc-total">{money(doc.totalVnd)}</dd>
          {doc.payment.dueVnd ? (
            <>
              <dt>{t('totals.received')}</dt>
              <dd>{money(doc.payment.amountReceivedVnd)}</dd>
              <dt className="doc-total">{t('totals.due')}</dt>
              <dd className="doc-total">{money(doc.payment.dueVnd)}</dd>
            </>
          ) : null}
        </dl>
        <p className="doc-words">{t('totals.inWords', { words: doc.totalInWords })}</p>

        <section className="doc-section" aria-labelledby="doc-payment">
          <h2 id="doc-payment">{t('payment.heading')}</h2>
          {doc.stage === 'void' ? (
            <p>{t('payment.none')}</p>
          ) : doc.paymentStatus === 'PAID' ? (
            <p>{t('payment.paid')}</p>
          ) : (
            <>
              <p>{t('payment.method')}</p>
              <dl className="doc-facts">
                <dt>{t('payment.bank')}</dt>
                <dd>{doc.payment.bankName}</dd>
                <dt>{t('payment.account')}</dt>
                <dd>
                  <strong>{doc.payment.accountNumber}</strong>
                </dd>
                <dt>{t('payment.accountName')}</dt>
                <dd>{doc.payment.accountName}</dd>
                <dt>{t('payment.reference')}</dt>
                <dd>
                  <strong>{doc.payment.reference}</strong>
                </dd>
              </dl>
              <p>{t('payment.referenceHint', { reference: doc.payment.reference })}</p>
              {doc.stage === 'provisional' ? <p>{t('payment.when')}</p> : null}
            </>
          )}
        </section>

        <p className="doc-legal" role="note">
          {t('legal.notInvoice')}
        </p>
      </article>
    </>
  )
}

/** The producer's packing slip: lines to tick, no prices. */
export function PackingSlip({ doc, lang }: { doc: PackingSlipView; lang: Language }) {
  const { t } = useTranslation(['documents', 'catalog'])
  return (
    <>
      <DocumentToolbar lang={lang} slug={doc.organizationSlug} number={doc.number} side="producer" current="packingSlip" />
      <article className="doc-sheet">
        <DocumentHead lang={lang} title={t('packingSlip.title')} number={doc.number} placedAt={doc.placedAt} status={doc.status} />
        <div className="doc-parties">
          <DeliveryBlock
            lang={lang}
            heading={t('packingSlip.shipTo')}
            address={doc.deliveryAddress}
            requestedDeliveryDate={doc.requestedDeliveryDate}
            deliveryDate={doc.deliveryDate}
            carrier={doc.carrier}
            trackingNumber={doc.trackingNumber}
          />
          <div className="doc-stack">
            <Party heading={t('packingSlip.sender')} name={doc.seller.name} />
            <Party heading={t('parties.buyer')} name={doc.buyer.name} />
          </div>
        </div>

        <h2>{t('lines.heading')}</h2>
        <div className="table-wrap doc-lines" role="region" aria-label={t('lines.heading')} tabIndex={0}>
          <table>
            <thead>
              <tr>
                <th scope="col" className="doc-check">
                  {t('packingSlip.packed')}
                </th>
                <th scope="col">{t('lines.no')}</th>
                <th scope="col">{t('lines.sku')}</th>
                <th scope="col">{t('lines.name')}</th>
                <th scope="col">{t('lines.packSize')}</th>
                <th scope="col" className="num">
                  {t('lines.quantity')}
                </th>
              </tr>
            </thead>
            <tbody>
              {doc.lines.map((line) => (
                <tr key={line.lineNo}>
                  <td className="doc-check">
                    <input type="checkbox" aria-label={t('packingSlip.packedLine', { sku: line.sku })} />
                  </td>
                  <td data-label={t('lines.no')}>{line.lineNo}</td>
                  <td data-label={t('lines.sku')}>{line.sku}</td>
                  <td data-label={t('lines.name')}>
                    <LineName name={line.name} nameVi={line.nameVi} />
                  </td>
                  <td data-label={t('lines.packSize')}>{line.packSize}</td>
                  <td data-label={t('lines.quantity')} className="num">
                    <strong>{formatNumber(line.quantity, lang)}</strong> {t(`catalog:unit.${line.unit}`)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="meta">{t('packingSlip.lineCount', { count: doc.lines.length })}</p>

        <div className="doc-signatures">
          <Signature title={t('packingSlip.packedBy')} />
          <Signature title={t('packingSlip.receivedBy')} />
        </div>
      </article>
    </>
  )
}

function Signature({ title }: { title: ReactNode }) {
  const { t } = useTranslation('documents')
  return (
    <div className="doc-signature">
      <p className="doc-party-name">{title}</p>
      <p className="meta">{t('packingSlip.signHint')}</p>
    </div>
  )
}
