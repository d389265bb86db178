// Browser-safe: the money of an order line. All amounts are whole đồng (BigInt), net of VAT; VAT is worked
// out per line and rounded half-up to the đồng, and the order's total is lines + VAT + shipping.
import type { VatRate } from '~/generated/prisma/enums'
import { unitPriceFor, type TierPrice } from '../catalog/pricing'

/** Percent of each VAT rate; exempt (KCT) and 0% both add nothing, but are not the same on an invoice. */
export const vatPercent: Record<VatRate, bigint> = { EXEMPT: 0n, ZERO: 0n, FIVE: 5n, EIGHT: 8n, TEN: 10n }

/** VAT on a non-negative amount, rounded half-up to the đồng. */
export function vatOf(amountVnd: bigint, rate: VatRate): bigint {
  if (amountVnd < 0n) throw new RangeError('VAT of a negative amount')
  return (amountVnd * vatPercent[rate] + 50n) / 100n
}

export type LineMoney = { unitPriceVnd: bigint; lineTotalVnd: bigint; vatAmountVnd: bigint }

/** A line at the tier price for its quantity; null below the first tier (the MOQ). */
export function priceLine(tiers: TierPrice[], quantity: number, rate: VatRate): LineMoney | null {
  const unitPriceVnd = unitPriceFor(tiers, quantity)
  if (unitPriceVnd === null) return null
  return lineAt(unitPriceVnd, quantity, rate)
}

/** A line at a given (snapshotted) unit price: a quantity lowered later keeps the original quantity's price. */
export function lineAt(unitPriceVnd: bigint, quantity: number, rate: VatRate): LineMoney {
  const lineTotalVnd = unitPriceVnd * BigInt(quantity)
  return { unitPriceVnd, lineTotalVnd, vatAmountVnd: vatOf(lineTotalVnd, rate) }
}

export function orderTotals(lines: Pick<LineMoney, 'lineTotalVnd' | 'vatAmountVnd'>[], shippingFeeVnd = 0n) {
  const subtotalVnd = lines.reduce((sum, l) => sum + l.lineTotalVnd, 0n)
  const vatTotalVnd = lines.reduce((sum, l) => sum + l.vatAmountVnd, 0n)
  return { subtotalVnd, vatTotalVnd, shippingFeeVnd, totalVnd: subtotalVnd + vatTotalVnd + shippingFeeVnd }
}
