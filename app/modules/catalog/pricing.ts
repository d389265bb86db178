// Browser-safe. A tier's unit price applies to the whole quantity ordered (not only to the units above the
// break), and the first tier starts at the MOQ.

export type TierPrice = { minQuantity: number; unitPriceVnd: bigint }

/** The unit price for an order of `quantity` sale units; null below the MOQ or for a quantity that is not a whole number ≥ 1. */
export function unitPriceFor(tiers: TierPrice[], quantity: number): bigint | null {
  if (!Number.isInteger(quantity) || quantity < 1) return null
  let price: bigint | null = null
  for (const tier of [...tiers].sort((a, b) => a.minQuantity - b.minQuantity)) {
    if (quantity < tier.minQuantity) break
    price = tier.unitPriceVnd
  }
  return price
}

/** The order line total in VND, or null when the quantity cannot be ordered. */
export function lineTotalFor(tiers: TierPrice[], quantity: number): bigint | null {
  const unit = unitPriceFor(tiers, quantity)
  return unit === null ? null : unit * BigInt(quantity)
}
