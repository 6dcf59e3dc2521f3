import {http, HttpResponse} from 'msw';
import {fireEvent, screen, waitFor} from '@testing-library/react-native';
import {API, problem, server, installMsw} from './support/server';
import {me, renderApp} from './support/app';
import {emptyCart, feedItem, listing} from './support/fixtures';

installMsw();

function api(extra: Parameters<typeof server.use> = []) {
  const feedRequests: URL[] = [];
  server.use(
    // Handlers given by the test come first: MSW uses the first that matches.
    ...extra,
    http.get(`${API}/api/v1/me`, () => HttpResponse.json(me)),
    http.get(`${API}/api/v1/cart`, () => HttpResponse.json(emptyCart())),
    http.get(`${API}/api/v1/chat/threads`, () => HttpResponse.json({items: []})),
    http.get(`${API}/api/v1/feed`, ({request}) => {
      const url = new URL(request.url);
      feedRequests.push(url);
      const cursor = url.searchParams.get('cursor');
      const start = cursor ? Number(cursor) : 0;
      const items = Array.from({length: 20}, (_, i) => feedItem(start + i)).filter(
        i => Number(i.id.split('-')[1]) < 45,
      );
      const next = start + 20 < 45 ? String(start + 20) : undefined;
      return HttpResponse.json({items, nextCursor: next});
    }),
  );
  return feedRequests;
}

describe('Feed', () => {
  it('loads the first page and the next ones over the cursor when scrolled to the end', async () => {
    const requests = api();
    await renderApp();

    expect(await screen.findByText('Item 0')).toBeOnTheScreen();
    const list = screen.getByTestId('feed-list');
    await fireEvent(list, 'layout', {nativeEvent: {layout: {x: 0, y: 0, width: 400, height: 800}}});
    await fireEvent(list, 'contentSizeChange', 400, 20 * 112);
    await fireEvent.scroll(list, {
      nativeEvent: {
        contentOffset: {y: 20 * 112},
        contentSize: {height: 20 * 112, width: 400},
        layoutMeasurement: {height: 800, width: 400},
      },
    });

    await waitFor(() => expect(requests.map(r => r.searchParams.get('cursor'))).toEqual([null, '20']));
    expect(requests[1].searchParams.get('limit')).toBe('20');
  });

  it('sends the filters and the search to the API', async () => {
    const requests = api();
    await renderApp();
    await screen.findByText('Item 0');

    await fireEvent.press(screen.getByText('Filters'));
    await fireEvent.press(screen.getByText('Shoes'));
    await fireEvent.press(screen.getByText('Like new'));
    await fireEvent.changeText(screen.getByLabelText('Min price'), '10');
    await fireEvent.changeText(screen.getByLabelText('Max price'), '99.50');
    await fireEvent.changeText(screen.getByLabelText('Brand'), 'Acme');
    await fireEvent.press(screen.getByText('Apply filters'));
    await fireEvent(screen.getByLabelText('Search'), 'submitEditing', {nativeEvent: {text: 'boots'}});

    await waitFor(() => {
      const last = requests[requests.length - 1].searchParams;
      expect(Object.fromEntries(last)).toMatchObject({
        category: 'shoes',
        condition: 'like_new',
        minPrice: '1000',
        maxPrice: '9950',
        brand: 'Acme',
        q: 'boots',
      });
    });
  });

  it('shows the error state with a retry when the feed fails', async () => {
    let fail = true;
    api([
      http.get(`${API}/api/v1/feed`, () =>
        fail ? problem(500, 'about:blank') : HttpResponse.json({items: [feedItem(7)]}),
      ),
    ]);
    await renderApp();

    expect(await screen.findByText('Something went wrong on our side. Please try again.')).toBeOnTheScreen();
    fail = false;
    await fireEvent.press(screen.getByText('Try again'));
    expect(await screen.findByText('Item 7')).toBeOnTheScreen();
  });

  it('shows the empty state when nothing matches', async () => {
    api([http.get(`${API}/api/v1/feed`, () => HttpResponse.json({items: []}))]);
    await renderApp();
    expect(await screen.findByText('No listings match')).toBeOnTheScreen();
  });

  it('opens the listing page from the feed', async () => {
    api([http.get(`${API}/api/v1/listings/listing-3`, () => HttpResponse.json(listing(3)))]);
    await renderApp();
    await fireEvent.press(await screen.findByText('Item 3'));
    expect(await screen.findByText('A fine thing')).toBeOnTheScreen();
    expect(screen.getByText('Sam Seller')).toBeOnTheScreen();
  });
});
