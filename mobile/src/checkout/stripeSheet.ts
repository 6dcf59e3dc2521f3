import {initPaymentSheet, initStripe, presentPaymentSheet} from '@stripe/stripe-react-native';
import {config} from '../config';
import type {PaymentSheetPresenter} from './payment';

/**
 * Stripe's PaymentSheet (cards, Apple Pay, Google Pay) for the order's PaymentIntent. The publishable key comes
 * from the API with the client secret, so the app ships no Stripe key. The webhook, not this answer, makes the
 * order PAID; the app polls the order afterwards.
 */
export const stripePaymentSheet: PaymentSheetPresenter = async (params, merchantName) => {
  await initStripe({publishableKey: params.publishableKey, merchantIdentifier: config.appleMerchantId});
  const init = await initPaymentSheet({
    paymentIntentClientSecret: params.clientSecret,
    merchantDisplayName: merchantName,
    applePay: {merchantCountryCode: 'GB'},
    googlePay: {merchantCountryCode: 'GB', testEnv: __DEV__},
    returnURL: 'bazaar://stripe-redirect',
  });
  if (init.error) {
    return {status: 'failed', message: init.error.message};
  }
  const result = await presentPaymentSheet();
  if (result.error) {
    return result.error.code === 'Canceled' ? {status: 'canceled'} : {status: 'failed', message: result.error.message};
  }
  return {status: 'paid'};
};
