import type {PaymentParameters} from '../api/types';

export type PaymentOutcome = {status: 'paid'} | {status: 'canceled'} | {status: 'failed'; message: string};

/** Presents a payment UI for one order's PaymentIntent (Stripe PaymentSheet with Apple Pay on device). */
export type PaymentSheetPresenter = (params: PaymentParameters, merchantName: string) => Promise<PaymentOutcome>;
