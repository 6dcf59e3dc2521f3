import {formatMoney} from '../src/util/money';
import {http, HttpResponse} from 'msw';
import {fireEvent, screen, waitFor} from '@testing-library/react-native';
import {API, server, installMsw} from './support/server';
import {me, renderApp} from './support/app';

installMsw();

const eur = (amount: number) => ({amount, currency: 'EUR'});

describe('Orders', () => {
  it('lets a seller see a sale and mark it shipped', async () => {
    let shipped: unknown = null;
    const sale = {
      id: 'order-7',
      status: 'PAID',
      sellerId: me.id,
      buyerId: 'b2',
      lines: [{listingId: 'l7', title: 'Old camera', unitPrice: eur(9000), quantity: 1}],
      itemsTotal: eur(9000),
      shippingTotal: eur(500),
      total: eur(9500),
    };
    server.use(
      http.get(`${API}/api/v1/me`, () => HttpResponse.json(me)),
      http.get(`${API}/api/v1/cart`, () => HttpResponse.json({version: 0, lines: [], totals: []})),
      http.get(`${API}/api/v1/chat/threads`, () => HttpResponse.json({items: []})),
      http.get(`${API}/api/v1/feed`, () => HttpResponse.json({items: []})),
      http.get(`${API}/api/v1/orders`, () => HttpResponse.json({items: []})),
      http.get(`${API}/api/v1/sales`, () => HttpResponse.json({items: [sale]})),
      http.get(`${API}/api/v1/orders/order-7`, () =>
        HttpResponse.json({
          ...sale,
          status: shipped ? 'SHIPPED' : 'PAID',
          shippingAddress: {name: 'B', line1: 'x', city: 'y', postalCode: 'z', country: 'GB'},
          shipment: shipped,
          timeline: [
            {status: 'PENDING_PAYMENT', at: '2026-11-30T12:00:00Z'},
            {status: 'PAID', at: '2026-11-30T12:01:00Z'},
            ...(shipped ? [{status: 'SHIPPED', at: '2026-11-30T13:00:00Z', note: 'DHL'}] : []),
          ],
        }),
      ),
      http.get(`${API}/api/v1/orders/order-7/receipt`, () =>
        HttpResponse.json({
          lines: sale.lines,
          itemsTotal: eur(9000),
          shippingTotal: eur(500),
          total: eur(9500),
          paidAt: '2026-11-30T12:01:00Z',
          paymentReference: 'pi_7',
        }),
      ),
      http.post(`${API}/api/v1/orders/order-7/ship`, async ({request}) => {
        shipped = await request.json();
        return new HttpResponse(null, {status: 204});
      }),
    );
    await renderApp();
    await fireEvent.press(await screen.findByTestId('tab-account'));
    expect(await screen.findByText('No purchases yet')).toBeOnTheScreen();
    await fireEvent.press(screen.getByText('Sales'));
    await fireEvent.press(await screen.findByText('Old camera'));

    expect(await screen.findByText('Receipt')).toBeOnTheScreen();
    // The line's price is the API's `unitPrice`.
    expect(screen.getByText(`Old camera · ${formatMoney(eur(9000))}`)).toBeOnTheScreen();
    await fireEvent.changeText(screen.getByLabelText('Carrier'), 'DHL');
    await fireEvent.changeText(screen.getByLabelText('Tracking number'), 'JD0001');
    await fireEvent.press(screen.getByText('Mark shipped'));

    await waitFor(() => expect(shipped).toEqual({carrier: 'DHL', trackingNumber: 'JD0001'}));
    await waitFor(() => expect(screen.getByTestId('order-status')).toHaveTextContent('Shipped'));
    expect(screen.getByText('DHL · JD0001')).toBeOnTheScreen();
  });
});
