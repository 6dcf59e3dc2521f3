import {http, HttpResponse} from 'msw';
import {fireEvent, screen} from '@testing-library/react-native';
import type {PaymentParameters} from '../src/api/types';
import {API, problem, server, installMsw} from './support/server';
import {me, renderApp} from './support/app';

installMsw();

const eur = (amount: number) => ({amount, currency: 'EUR'});
const cart = {
  version: 4,
  lines: [
    {
      listingId: 'listing-1',
      title: 'Red boots',
      price: eur(2500),
      shippingPrice: eur(390),
      quantity: 1,
      status: 'published',
      available: true,
    },
  ],
  totals: [{items: eur(2500), shipping: eur(390), total: eur(2890)}],
};
const orderSummary = {
  id: 'order-1',
  status: 'PENDING_PAYMENT',
  sellerId: 'seller-1',
  lines: [{listingId: 'listing-1', title: 'Red boots', unitPrice: eur(2500), quantity: 1}],
  itemsTotal: eur(2500),
  shippingTotal: eur(390),
  total: eur(2890),
  payBy: '2026-11-30T12:30:00Z',
};
const payment: PaymentParameters = {
  paymentIntentId: 'pi_1',
  clientSecret: 'pi_1_secret_x',
  publishableKey: 'pk_test_1',
  amount: 2890,
  currency: 'EUR',
  status: 'requires_payment_method',
};

function api() {
  const state = {paid: false, paymentAsks: 0, checkouts: [] as unknown[]};
  server.use(
    http.get(`${API}/api/v1/me`, () => HttpResponse.json(me)),
    http.get(`${API}/api/v1/cart`, () =>
      HttpResponse.json(state.checkouts.length ? {version: 5, lines: [], totals: []} : cart),
    ),
    http.get(`${API}/api/v1/chat/threads`, () => HttpResponse.json({items: []})),
    http.get(`${API}/api/v1/feed`, () => HttpResponse.json({items: []})),
    http.get(`${API}/api/v1/orders`, () => HttpResponse.json({items: [orderSummary]})),
    http.post(`${API}/api/v1/checkout`, async ({request}) => {
      const body = (await request.json()) as {shippingAddress: {postalCode: string}};
      if (body.shippingAddress.postalCode === 'XXX') {
        return problem(400, 'validation', {
          errors: [{field: 'shippingAddress.postalCode', message: 'is not a postcode of GB'}],
        });
      }
      state.checkouts.push(body);
      return HttpResponse.json({orders: [orderSummary]}, {status: 201});
    }),
    http.get(`${API}/api/v1/orders/order-1/payment`, () => {
      state.paymentAsks += 1;
      // Right after checkout the order may not be in the read model yet (404), then the saga creates the
      // PaymentIntent a moment later (409 until then).
      if (state.paymentAsks === 1) {
        return problem(404, 'order-not-found');
      }
      return state.paymentAsks === 2 ? problem(409, 'payment-not-ready') : HttpResponse.json(payment);
    }),
    http.get(`${API}/api/v1/orders/order-1`, () =>
      HttpResponse.json({
        ...orderSummary,
        buyerId: me.id,
        status: state.paid ? 'PAID' : 'PENDING_PAYMENT',
        shippingAddress: {name: 'Bea', line1: '1 High St', city: 'London', postalCode: 'N1 1AA', country: 'GB'},
        timeline: [
          {status: 'PENDING_PAYMENT', at: '2026-11-30T12:00:00Z', note: null},
          ...(state.paid ? [{status: 'PAID', at: '2026-11-30T12:01:00Z', note: 'pi_1'}] : []),
        ],
      }),
    ),
    http.get(`${API}/api/v1/orders/order-1/receipt`, () =>
      state.paid
        ? HttpResponse.json({
            lines: orderSummary.lines,
            itemsTotal: eur(2500),
            shippingTotal: eur(390),
            total: eur(2890),
            paidAt: '2026-11-30T12:01:00Z',
            paymentReference: 'pi_1',
          })
        : problem(404, 'receipt-not-found'),
    ),
  );
  return state;
}

async function fillAddress(postalCode: string) {
  await fireEvent.changeText(screen.getByLabelText('Full name'), 'Bea Buyer');
  await fireEvent.changeText(screen.getByLabelText('Address line 1'), '1 High St');
  await fireEvent.changeText(screen.getByLabelText('City'), 'London');
  await fireEvent.changeText(screen.getByLabelText('Postcode'), postalCode);
  await fireEvent.changeText(screen.getByLabelText('Country'), 'gb');
}

describe('Checkout', () => {
  it('checks the address, shows the API field error at its field, pays with the order payment parameters, and shows the order as paid', async () => {
    const state = api();
    const presented: PaymentParameters[] = [];
    await renderApp({
      payment: async params => {
        presented.push(params);
        state.paid = true; // the Stripe webhook arrives
        return {status: 'paid'};
      },
    });
    await fireEvent.press(await screen.findByTestId('tab-cart'));
    await fireEvent.press(await screen.findByTestId('checkout'));

    await fireEvent.press(await screen.findByTestId('place-order'));
    expect(await screen.findByText('must be a two-letter country code such as GB')).toBeOnTheScreen();
    expect(state.checkouts).toHaveLength(0);

    await fillAddress('XXX');
    await fireEvent.press(screen.getByTestId('place-order'));
    expect(await screen.findByText('is not a postcode of GB')).toBeOnTheScreen();

    await fireEvent.changeText(screen.getByLabelText('Postcode'), 'N1 1AA');
    await fireEvent.press(screen.getByTestId('place-order'));

    expect(await screen.findByText('Thank you!', {}, {timeout: 8000})).toBeOnTheScreen();
    expect(state.checkouts[0]).toEqual({
      shippingAddress: {name: 'Bea Buyer', line1: '1 High St', city: 'London', postalCode: 'N1 1AA', country: 'GB'},
    });
    expect(state.paymentAsks).toBe(3);
    expect(presented).toEqual([payment]);

    await fireEvent.press(screen.getByText(/^Order /));
    expect(await screen.findByText('Receipt')).toBeOnTheScreen();
    expect(screen.getByTestId('order-status')).toHaveTextContent('Paid');
    expect(screen.getByText('Waiting for payment')).toBeOnTheScreen();
  });

  it('shows the failure state and lets the shopper pay again', async () => {
    const state = api();
    const outcomes = [{status: 'failed' as const, message: 'Your card was declined.'}, {status: 'paid' as const}];
    await renderApp({payment: async () => outcomes.shift()!});
    await fireEvent.press(await screen.findByTestId('tab-cart'));
    await fireEvent.press(await screen.findByTestId('checkout'));
    await fillAddress('N1 1AA');
    await fireEvent.press(await screen.findByTestId('place-order'));

    expect(await screen.findByText('Your card was declined.', {}, {timeout: 5000})).toBeOnTheScreen();
    await fireEvent.press(screen.getByText('Try paying again'));
    expect(await screen.findByText('Thank you!')).toBeOnTheScreen();
    expect(state.checkouts).toHaveLength(1);
  });
});
