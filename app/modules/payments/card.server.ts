// Card payments through Stripe (being built: see issue 8).

/** Refunds a closed order's card payment through Stripe. */
export async function startCardRefund(_orderId: string): Promise<void> {}
