import {http, HttpResponse} from 'msw';
import {act, fireEvent, screen, waitFor} from '@testing-library/react-native';
import {API, server, installMsw} from './support/server';
import {me, renderApp} from './support/app';
import {FakeChatServer} from './support/fakeChat';
import {feedItem, listing} from './support/fixtures';

installMsw();

function api(threads: unknown[] = []) {
  const opened: unknown[] = [];
  const reads: Array<{thread: string; cursor: string}> = [];
  server.use(
    http.get(`${API}/api/v1/me`, () => HttpResponse.json(me)),
    http.get(`${API}/api/v1/cart`, () => HttpResponse.json({version: 0, lines: [], totals: []})),
    http.get(`${API}/api/v1/chat/threads`, () => HttpResponse.json({items: threads})),
    http.get(`${API}/api/v1/feed`, () => HttpResponse.json({items: [feedItem(1)]})),
    http.get(`${API}/api/v1/listings/listing-1`, () => HttpResponse.json(listing(1))),
    http.post(`${API}/api/v1/chat/threads`, async ({request}) => {
      opened.push(await request.json());
      return HttpResponse.json({id: 'thread-1'}, {status: 201});
    }),
    http.post(`${API}/api/v1/chat/threads/:id/read`, async ({params, request}) => {
      reads.push({thread: String(params.id), cursor: ((await request.json()) as {cursor: string}).cursor});
      return new HttpResponse(null, {status: 204});
    }),
  );
  return {opened, reads};
}

describe('Chat', () => {
  it('asks the seller from the listing page: opens the thread, shows history and live messages, marks them read', async () => {
    const backend = api();
    const chat = new FakeChatServer();
    chat.deliver('thread-1', 'Hi, ask me anything');
    await renderApp({chatTransport: chat.factory});

    await fireEvent.press(await screen.findByText('Item 1'));
    await fireEvent.press(await screen.findByText('Ask the seller'));

    expect(await screen.findByText('Hi, ask me anything')).toBeOnTheScreen();
    expect(backend.opened).toEqual([{listingId: 'listing-1'}]);
    await act(async () => {
      chat.deliver('thread-1', 'Still available!');
    });
    expect(await screen.findByText('Still available!')).toBeOnTheScreen();
    await waitFor(() =>
      expect(backend.reads[backend.reads.length - 1]).toEqual({thread: 'thread-1', cursor: '000002'}),
    );
  });

  it('shows a sent message as waiting for review while the relay holds it', async () => {
    api();
    const chat = new FakeChatServer();
    chat.hold = true;
    await renderApp({chatTransport: chat.factory});
    await fireEvent.press(await screen.findByText('Item 1'));
    await fireEvent.press(await screen.findByText('Ask the seller'));
    await waitFor(() => expect(chat.open).toBe(1));

    await fireEvent.changeText(screen.getByLabelText('Message'), 'Does it fit a size 40?');
    await fireEvent.press(screen.getByText('Send'));

    expect(await screen.findByText('Waiting for review')).toBeOnTheScreen();
    expect(chat.sendRequests.map(r => r.text)).toEqual(['Does it fit a size 40?']);
    await act(async () => chat.relay(chat.pending[0].id));
    await waitFor(() => expect(screen.queryByText('Waiting for review')).toBeNull());
    expect(screen.getByText('Does it fit a size 40?')).toBeOnTheScreen();
  });

  it('lists threads with their unread counts', async () => {
    api([
      {
        threadId: 'thread-1',
        subject: {type: 'listing', id: 'listing-1'},
        side: 'buyer',
        lastMessage: {id: 'm1', from: 'seller', text: 'Yes it is', sentAt: '2026-11-30T10:00:00Z', cursor: '1'},
        unread: 2,
      },
      {threadId: 'thread-2', subject: {type: 'order', id: 'o1'}, side: 'buyer', lastMessage: null, unread: 0},
    ]);
    const chat = new FakeChatServer();
    await renderApp({chatTransport: chat.factory});
    await fireEvent.press(await screen.findByTestId('tab-inbox'));

    // Entries name their subject by type and id (docs/CHAT.md): the listing's title is looked up.
    expect(await screen.findByText(listing(1).title)).toBeOnTheScreen();
    expect(screen.getByText('Your order')).toBeOnTheScreen();
    expect(screen.getByText('Yes it is')).toBeOnTheScreen();
    expect(screen.getByLabelText('2 unread')).toBeOnTheScreen();
    expect(screen.queryByLabelText('0 unread')).toBeNull();

    await fireEvent.press(screen.getByTestId('thread-thread-1'));
    await waitFor(() =>
      expect(chat.streamRequests).toContainEqual({route: 'chat.messages', data: {threadId: 'thread-1', after: null}}),
    );
  });
});
