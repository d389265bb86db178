// A number of sale units to order (a bag, a kg…): whole, from `min` to the order limit, with the numeric
// keypad on phones. Forms keep what was typed by passing it back as `defaultValue` (the key remounts it).
import type { CSSProperties } from 'react'
import { ORDER_LIMITS } from '~/modules/orders/order-rules'

type QuantityInputProps = {
  id: string
  defaultValue: string | number
  min?: number
  /** Ids of the hint and error texts that describe the field, when shown. */
  describedBy?: string
  invalid?: boolean
  style?: CSSProperties
}

export function QuantityInput({ id, defaultValue, min = 1, describedBy, invalid, style = { maxWidth: '10rem' } }: QuantityInputProps) {
  return (
    <input
      key={`${id}-${defaultValue}`}
      id={id}
      name="quantity"
      type="number"
      inputMode="numeric"
      min={min}
      max={ORDER_LIMITS.quantityMax}
      step={1}
      required
      defaultValue={defaultValue}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy || undefined}
      style={style}
    />
  )
}
