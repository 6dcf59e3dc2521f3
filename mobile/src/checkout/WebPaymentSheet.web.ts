import type {PaymentSheetPresenter} from './payment';

const stripeApi = (): string =>
  (globalThis as unknown as {__BAZAAR_CONFIG__?: {stripeApiBase?: string}}).__BAZAAR_CONFIG__?.stripeApiBase ??
  'https://api.stripe.com';

/**
 * The web target's stand-in for PaymentSheet (@stripe/stripe-react-native has no web build): it confirms the
 * PaymentIntent with the publishable key and client secret, as Stripe.js does, against the configured Stripe API
 * base (the e2e test's Stripe stand-in). The order still becomes PAID only through the signed webhook.
 */
export const webPaymentSheet: PaymentSheetPresenter = async params => {
  const body = new URLSearchParams({client_secret: params.clientSecret, payment_method: 'pm_card_visa'});
  const response = await fetch(`${stripeApi()}/v1/payment_intents/${params.paymentIntentId}/confirm`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer ${params.publishableKey}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    body: body.toString(),
  });
  if (!response.ok) {
    return {status: 'failed', message: `Payment failed (${response.status})`};
  }
  const intent = (await response.json()) as {status?: string};
  return intent.status === 'succeeded' || intent.status === 'processing'
    ? {status: 'paid'}
    : {status: 'failed', message: `Payment ${intent.status ?? 'failed'}`};
};
