import type {ChatMessage} from '../../src/api/types';
import type {ChatTransport, ChatTransportFactory, StreamHandlers} from '../../src/chat/transport';

/**
 * A stand-in for the server side of the RSocket routes of issue 11: `chat.messages` (everything after the cursor,
 * then live), `chat.send` (idempotent by clientMessageId), `chat.inbox`, `notifications`. The test can drop the
 * connection, refuse connections, and hold messages for review.
 */
export class FakeChatServer {
  readonly messages: ChatMessage[] = [];
  readonly streamRequests: Array<{route: string; data: any}> = [];
  readonly sendRequests: Array<{threadId: string; clientMessageId: string; text: string}> = [];
  private readonly connections = new Set<FakeConnection>();
  refuse = false;
  /** Messages from the app wait for an admin (relay policy `all`). */
  hold = false;
  /** The next chat.send fails as if the connection dropped mid-request. */
  dropOnNextSend = false;
  connects = 0;
  private seq = 0;

  factory: ChatTransportFactory = async token => {
    this.connects += 1;
    if (this.refuse) {
      throw new Error(`SETUP refused for ${token}`);
    }
    const c = new FakeConnection(this);
    this.connections.add(c);
    return c;
  };

  /** A message from the other side (or relayed by an admin). */
  deliver(threadId: string, text: string, from: ChatMessage['from'] = 'seller', clientMessageId?: string): ChatMessage {
    this.seq += 1;
    const m: ChatMessage = {
      id: `m${this.seq}`,
      from,
      text,
      sentAt: new Date(1_700_000_000_000 + this.seq * 1000).toISOString(),
      cursor: String(this.seq).padStart(6, '0'),
      clientMessageId,
    };
    this.messages.push(m);
    this.connections.forEach(c => c.push(threadId, m));
    return m;
  }

  accept(data: {threadId: string; clientMessageId: string; text: string}) {
    this.sendRequests.push(data);
    const existing =
      this.messages.find(m => m.clientMessageId === data.clientMessageId) ??
      this.pending.find(m => m.clientMessageId === data.clientMessageId);
    if (existing) {
      return {id: existing.id, cursor: 'cursor' in existing ? existing.cursor : ''};
    }
    if (this.hold) {
      this.seq += 1;
      const held = {id: `held${this.seq}`, clientMessageId: data.clientMessageId, text: data.text};
      this.pending.push({threadId: data.threadId, ...held});
      // As the backend does (docs/CHAT.md, audiences): the sender's own copy is streamed at once, `pending`.
      const own = this.entry(held.id, data.text, data.clientMessageId, 'pending');
      this.connections.forEach(c => c.push(data.threadId, own));
      return {id: held.id, cursor: own.cursor};
    }
    const m = this.deliver(data.threadId, data.text, 'buyer', data.clientMessageId);
    return {id: m.id, cursor: m.cursor};
  }

  readonly pending: Array<{threadId: string; id: string; clientMessageId: string; text: string}> = [];

  /** The admin relays a held message: it is delivered under the id the sender got. */
  relay(id: string) {
    const p = this.pending.find(x => x.id === id)!;
    // The changed entry is streamed again under the same id with a new cursor, now `sent`.
    const m = this.entry(id, p.text, p.clientMessageId, 'sent');
    this.connections.forEach(c => c.push(p.threadId, m));
  }

  private entry(id: string, text: string, clientMessageId: string, status: string): ChatMessage {
    const m: ChatMessage = {
      id,
      from: 'buyer',
      text,
      sentAt: new Date().toISOString(),
      cursor: String(++this.seq).padStart(6, '0'),
      clientMessageId,
      status,
    };
    const at = this.messages.findIndex(x => x.id === id);
    if (at >= 0) {
      this.messages.splice(at, 1);
    }
    this.messages.push(m);
    return m;
  }

  /** Cuts every open connection, as a lost network does. */
  drop() {
    [...this.connections].forEach(c => c.fail(new Error('connection lost')));
  }

  forget(c: FakeConnection) {
    this.connections.delete(c);
  }

  get open() {
    return this.connections.size;
  }
}

class FakeConnection implements ChatTransport {
  private readonly streams = new Set<{threadId?: string; route: string; h: StreamHandlers<any>}>();
  private closeListeners: Array<(e?: Error) => void> = [];
  private closed = false;

  constructor(private readonly server: FakeChatServer) {}

  stream<T>(route: string, data: any, h: StreamHandlers<T>) {
    this.server.streamRequests.push({route, data});
    const s = {threadId: data?.threadId, route, h};
    this.streams.add(s);
    if (route === 'chat.messages') {
      const after = data.after as string | null;
      // History after the cursor first, then live: the seam is the server's job, duplicates are the client's.
      this.server.messages.filter(m => after === null || m.cursor > after).forEach(m => h.onNext(m as T));
    }
    return () => {
      this.streams.delete(s);
    };
  }

  async request<T>(route: string, data: any): Promise<T> {
    if (this.closed) {
      throw new Error('closed');
    }
    if (route !== 'chat.send') {
      throw new Error(`no route ${route}`);
    }
    if (this.server.dropOnNextSend) {
      this.server.dropOnNextSend = false;
      // Stored on the server, but the connection is gone before the answer (or the message) reaches the app.
      this.fail(new Error('connection lost'));
      this.server.accept(data);
      throw new Error('connection lost');
    }
    return this.server.accept(data) as T;
  }

  push(threadId: string, m: ChatMessage) {
    this.streams.forEach(s => s.route === 'chat.messages' && s.threadId === threadId && s.h.onNext(m));
  }

  onClose(listener: (e?: Error) => void) {
    this.closeListeners.push(listener);
  }

  fail(e: Error) {
    if (this.closed) {
      return;
    }
    this.closed = true;
    this.server.forget(this);
    this.streams.forEach(s => s.h.onError(e));
    this.closeListeners.forEach(l => l(e));
  }

  close() {
    this.closed = true;
    this.server.forget(this);
  }
}
