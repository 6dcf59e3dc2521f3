import type {PaymentSheetPresenter} from './payment';
export {webPaymentSheet as stripePaymentSheet} from './WebPaymentSheet.web';
export type {PaymentSheetPresenter};
