import {http, HttpResponse} from 'msw';
import {fireEvent, screen, waitFor} from '@testing-library/react-native';
import type {Cart} from '../src/api/types';
import {API, problem, server, installMsw} from './support/server';
import {me, renderApp} from './support/app';
import {feedItem, listing} from './support/fixtures';

installMsw();

/** A gate the test opens to let a held response go. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>(r => (open = r));
  return {open, opened};
}

function cartWith(version: number, ids: number[]): Cart {
  return {
    version,
    lines: ids.map(n => ({
      listingId: `listing-${n}`,
      title: `Item ${n}`,
      price: {amount: 2500, currency: 'EUR'},
      shippingPrice: {amount: 0, currency: 'EUR'},
      quantity: 1,
      status: 'published',
      available: true,
    })),
    totals: ids.length
      ? [
          {
            items: {amount: 2500, currency: 'EUR'},
            shipping: {amount: 0, currency: 'EUR'},
            total: {amount: 2500, currency: 'EUR'},
          },
        ]
      : [],
  };
}

function base(cart: () => Cart) {
  return [
    http.get(`${API}/api/v1/me`, () => HttpResponse.json(me)),
    http.get(`${API}/api/v1/cart`, () => HttpResponse.json(cart())),
    http.get(`${API}/api/v1/chat/threads`, () => HttpResponse.json({items: []})),
    http.get(`${API}/api/v1/feed`, () => HttpResponse.json({items: [feedItem(1)]})),
    http.get(`${API}/api/v1/listings/listing-1`, () => HttpResponse.json(listing(1))),
  ];
}

async function openListing() {
  await renderApp();
  await fireEvent.press(await screen.findByText('Item 1'));
  await screen.findByText('A fine thing');
}

describe('Cart', () => {
  it('shows the item in the cart at once and rolls back when the server says it was sold meanwhile', async () => {
    const answer = gate();
    const serverCart = cartWith(3, []);
    server.use(
      http.post(`${API}/api/v1/cart/items`, async () => {
        await answer.opened;
        return problem(409, 'listing-not-available');
      }),
      ...base(() => serverCart),
    );
    await openListing();
    await waitFor(() => expect(screen.getByText('Add to cart')).toBeOnTheScreen());

    await fireEvent.press(screen.getByTestId('add-to-cart'));

    // Optimistic: the cart already holds it while the request is in flight.
    expect(await screen.findByText('In your cart')).toBeOnTheScreen();
    answer.open();
    expect(await screen.findByText('This item was just sold or reserved.')).toBeOnTheScreen();
    await waitFor(() => expect(screen.getByText('Add to cart')).toBeOnTheScreen());
    expect(serverCart.lines).toHaveLength(0);
  });

  it('on 412 reloads the cart and repeats the change once on the fresh version with the same idempotency key', async () => {
    const attempts: Array<{ifMatch: string | null; key: string | null}> = [];
    let serverCart = cartWith(0, []);
    server.use(
      http.post(`${API}/api/v1/cart/items`, ({request}) => {
        const ifMatch = request.headers.get('If-Match');
        attempts.push({ifMatch, key: request.headers.get('Idempotency-Key')});
        if (ifMatch !== '"5"') {
          // Another device changed the cart meanwhile.
          serverCart = cartWith(5, []);
          return problem(412, 'stale-version');
        }
        serverCart = cartWith(6, [1]);
        return HttpResponse.json({version: 6}, {headers: {ETag: '"6"'}});
      }),
      ...base(() => serverCart),
    );
    await openListing();
    await waitFor(() => expect(screen.getByText('Add to cart')).toBeOnTheScreen());

    await fireEvent.press(screen.getByTestId('add-to-cart'));

    await waitFor(() => expect(attempts).toHaveLength(2));
    expect(attempts[0].ifMatch).toBe('"0"');
    expect(attempts[1].ifMatch).toBe('"5"');
    expect(attempts[1].key).toBe(attempts[0].key);
    expect(await screen.findByText('In your cart')).toBeOnTheScreen();
    expect(screen.queryByText(/changed on another device/)).toBeNull();
  });

  it('removes a line at once and puts it back when the server refuses', async () => {
    const answer = gate();
    server.use(
      http.delete(`${API}/api/v1/cart/items/listing-1`, async () => {
        await answer.opened;
        return problem(500, 'about:blank');
      }),
      ...base(() => cartWith(2, [1])),
    );
    await renderApp();
    await fireEvent.press(await screen.findByTestId('tab-cart'));
    expect(await screen.findByTestId('cart-line-listing-1')).toBeOnTheScreen();

    await fireEvent.press(screen.getByText('Remove'));

    await waitFor(() => expect(screen.queryByTestId('cart-line-listing-1')).toBeNull());
    answer.open();
    expect(await screen.findByTestId('cart-line-listing-1')).toBeOnTheScreen();
    expect(screen.getByText('Something went wrong on our side. Please try again.')).toBeOnTheScreen();
  });
});
