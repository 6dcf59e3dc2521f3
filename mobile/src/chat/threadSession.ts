import type {ChatMessage} from '../api/types';
import {newId} from '../util/ids';
import type {Realtime} from './realtime';

export type OutgoingState = 'sending' | 'held' | 'failed';

export interface Outgoing {
  clientMessageId: string;
  text: string;
  state: OutgoingState;
  /** The server's message id once chat.send answered. */
  id?: string;
}

export interface ThreadSnapshot {
  messages: ChatMessage[];
  outgoing: Outgoing[];
}

/**
 * One chat thread on the realtime connection: the `chat.messages` stream from the last cursor seen (so a
 * reconnect resumes without gap or duplicate, and duplicates at the seam are dropped by id), and a send queue.
 * Each queued message keeps its clientMessageId across retries, so a retry after a lost answer is stored once.
 * A message the server accepted but has not delivered back yet is "held": the relay policy keeps it for an admin.
 */
export class ThreadSession {
  private messages: ChatMessage[] = [];
  private readonly seen = new Set<string>();
  private outgoing: Outgoing[] = [];
  private cursor: string | null;
  private readonly listeners = new Set<(s: ThreadSnapshot) => void>();
  private unsubscribe: (() => void) | null = null;
  private unwatch: (() => void) | null = null;
  private flushing = false;

  constructor(
    private readonly realtime: Realtime,
    readonly threadId: string,
    initialCursor: string | null = null,
    private readonly onSent?: () => void,
  ) {
    this.cursor = initialCursor;
  }

  start() {
    this.unsubscribe = this.realtime.subscribe<ChatMessage>(
      'chat.messages',
      () => ({threadId: this.threadId, after: this.cursor}),
      m => this.receive(m),
    );
    this.unwatch = this.realtime.onStatus(status => {
      if (status === 'live') {
        void this.flush();
      }
    });
  }

  stop() {
    this.unsubscribe?.();
    this.unwatch?.();
    this.unsubscribe = null;
    this.unwatch = null;
  }

  get lastCursor(): string | null {
    return this.cursor;
  }

  snapshot(): ThreadSnapshot {
    return {messages: this.messages, outgoing: this.outgoing};
  }

  onChange(listener: (s: ThreadSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => {
      this.listeners.delete(listener);
    };
  }

  send(text: string) {
    const trimmed = text.trim();
    if (!trimmed) {
      return;
    }
    this.outgoing = [...this.outgoing, {clientMessageId: newId(), text: trimmed, state: 'sending'}];
    this.emit();
    void this.flush();
  }

  /** Sends every queued message in order; stops at the first failure and retries on the next call. */
  async flush(): Promise<void> {
    if (this.flushing) {
      return;
    }
    this.flushing = true;
    try {
      for (;;) {
        const next = this.outgoing.find(o => o.state === 'sending' || o.state === 'failed');
        if (!next) {
          return;
        }
        try {
          const answer = await this.realtime.request<{id: string; cursor: string}>('chat.send', {
            threadId: this.threadId,
            clientMessageId: next.clientMessageId,
            text: next.text,
          });
          this.update(next.clientMessageId, o => ({...o, id: answer.id, state: 'held'}));
          if (this.seen.has(answer.id)) {
            this.outgoing = this.outgoing.filter(o => o.id !== answer.id);
            this.emit();
          }
          this.onSent?.();
        } catch {
          // The connection dropped mid-request: keep the message (same clientMessageId) and send it again when
          // the connection is live again (see start()).
          this.update(next.clientMessageId, o => ({...o, state: 'failed'}));
          return;
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  private receive(m: ChatMessage) {
    if (this.seen.has(m.id)) {
      // The stream sends an entry again when it changes (a held message relayed or rejected: its status): update
      // it in place; an unchanged copy (the duplicate at a resume seam) changes nothing.
      this.messages = this.messages.map(x => (x.id === m.id ? m : x));
      this.cursor = m.cursor; // entries arrive in cursor order; cursors are opaque, never compared
      this.emit();
      return;
    }
    this.seen.add(m.id);
    this.messages = [...this.messages, m];
    this.cursor = m.cursor;
    this.outgoing = this.outgoing.filter(
      o => o.id !== m.id && !(m.clientMessageId && o.clientMessageId === m.clientMessageId),
    );
    this.emit();
  }

  private update(clientMessageId: string, f: (o: Outgoing) => Outgoing) {
    this.outgoing = this.outgoing.map(o => (o.clientMessageId === clientMessageId ? f(o) : o));
    this.emit();
  }

  private emit() {
    const s = this.snapshot();
    this.listeners.forEach(l => l(s));
  }
}
