import {Realtime} from '../src/chat/realtime';
import {ThreadSession, type ThreadSnapshot} from '../src/chat/threadSession';
import {FakeChatServer} from './support/fakeChat';

jest.useFakeTimers();

function setup() {
  const server = new FakeChatServer();
  const refresh = jest.fn(async () => undefined);
  const realtime = new Realtime({
    connect: server.factory,
    accessToken: async () => 'token-1',
    refresh,
    backoff: {initialMs: 1000, maxMs: 8000, random: () => 1},
  });
  return {server, realtime, refresh};
}

const settle = async () => {
  for (let i = 0; i < 10; i++) {
    await Promise.resolve();
  }
};

function texts(s: ThreadSnapshot) {
  return s.messages.map(m => m.text);
}

describe('Realtime and ThreadSession', () => {
  it('resumes from the last cursor after a drop: exactly the messages sent meanwhile, in order, none twice', async () => {
    const {server, realtime} = setup();
    server.deliver('t1', 'hello');
    const session = new ThreadSession(realtime, 't1');
    let snap: ThreadSnapshot = {messages: [], outgoing: []};
    session.onChange(s => (snap = s));
    session.start();
    realtime.start();
    await settle();
    server.deliver('t1', 'live one');
    expect(texts(snap)).toEqual(['hello', 'live one']);

    server.drop();
    for (let i = 1; i <= 5; i++) {
      server.deliver('t1', `while away ${i}`);
    }
    await jest.advanceTimersByTimeAsync(1000);
    await settle();

    expect(server.streamRequests.filter(r => r.route === 'chat.messages').map(r => r.data.after)).toEqual([
      null,
      '000002',
    ]);
    expect(texts(snap)).toEqual([
      'hello',
      'live one',
      'while away 1',
      'while away 2',
      'while away 3',
      'while away 4',
      'while away 5',
    ]);
    realtime.stop();
  });

  it('drops a duplicate at the seam between history and live', async () => {
    const {server, realtime} = setup();
    const session = new ThreadSession(realtime, 't1');
    let snap: ThreadSnapshot = {messages: [], outgoing: []};
    session.onChange(s => (snap = s));
    session.start();
    realtime.start();
    await settle();
    const m = server.deliver('t1', 'once');
    // A server that sends the seam message twice (history and live) must not show it twice.
    (server as any).connections.forEach((c: any) => c.push('t1', m));
    expect(texts(snap)).toEqual(['once']);
    realtime.stop();
  });

  it('backs off exponentially while the server refuses, refreshes the token, and caps the delay', async () => {
    const {server, realtime, refresh} = setup();
    server.refuse = true;
    realtime.start();
    await settle();
    expect(server.connects).toBe(1);
    expect(realtime.delay(0)).toBe(1000);
    expect(realtime.delay(1)).toBe(2000);
    expect(realtime.delay(2)).toBe(4000);
    expect(realtime.delay(5)).toBe(8000);

    await jest.advanceTimersByTimeAsync(999);
    expect(server.connects).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    await settle();
    expect(server.connects).toBe(2);
    await jest.advanceTimersByTimeAsync(2000);
    await settle();
    expect(server.connects).toBe(3);
    expect(refresh).toHaveBeenCalled();

    server.refuse = false;
    await jest.advanceTimersByTimeAsync(4000);
    await settle();
    expect(server.connects).toBe(4);
    expect(server.open).toBe(1);
    realtime.stop();
  });

  it('keeps a held message whose answer was lost until the server copy arrives: stored once, shown once', async () => {
    const {server, realtime} = setup();
    server.hold = true;
    const session = new ThreadSession(realtime, 't1');
    let snap: ThreadSnapshot = {messages: [], outgoing: []};
    session.onChange(s => (snap = s));
    session.start();
    realtime.start();
    await settle();

    server.dropOnNextSend = true;
    session.send('is it still available?');
    await settle();
    expect(snap.outgoing.map(o => o.state)).toEqual(['failed']);

    await jest.advanceTimersByTimeAsync(1000);
    await settle();

    // The resumed stream brings the server's own copy (`pending`), which settles the queued message; any resend
    // carries the same clientMessageId, so it is stored once and shown once.
    expect(new Set(server.sendRequests.map(r => r.clientMessageId)).size).toBe(1);
    expect(server.pending).toHaveLength(1);
    expect(snap.outgoing).toEqual([]);
    expect(snap.messages.map(m => [m.text, m.status])).toEqual([['is it still available?', 'pending']]);
    realtime.stop();
  });

  it('shows a message whose answer was lost once, whether or not it is sent again', async () => {
    const {server, realtime} = setup();
    const session = new ThreadSession(realtime, 't1');
    let snap: ThreadSnapshot = {messages: [], outgoing: []};
    session.onChange(s => (snap = s));
    session.start();
    realtime.start();
    await settle();

    server.dropOnNextSend = true;
    session.send('hello?');
    await settle();
    await jest.advanceTimersByTimeAsync(1000);
    await settle();

    expect(server.messages.filter(m => m.text === 'hello?')).toHaveLength(1);
    expect(texts(snap)).toEqual(['hello?']);
    expect(snap.outgoing).toEqual([]);
    realtime.stop();
  });

  it('shows a held message as waiting for review until the admin relays it', async () => {
    const {server, realtime} = setup();
    server.hold = true;
    const session = new ThreadSession(realtime, 't1');
    let snap: ThreadSnapshot = {messages: [], outgoing: []};
    session.onChange(s => (snap = s));
    session.start();
    realtime.start();
    await settle();

    session.send('call me');
    await settle();
    // The server streams the sender's own copy at once as `pending`; it replaces the queued one.
    expect(snap.outgoing).toEqual([]);
    expect(snap.messages.map(m => [m.text, m.status])).toEqual([['call me', 'pending']]);

    // Relayed: the same entry comes again, changed; it is updated in place, not doubled.
    server.relay(server.pending[0].id);
    expect(snap.outgoing).toEqual([]);
    expect(snap.messages.map(m => [m.text, m.status])).toEqual([['call me', 'sent']]);
    expect(session.lastCursor).toBe(snap.messages[0].cursor);
    realtime.stop();
  });
});
