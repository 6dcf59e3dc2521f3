import type {ChatTransport, ChatTransportFactory} from './transport';

export type ConnectionStatus = 'idle' | 'connecting' | 'live' | 'waiting';

export interface Backoff {
  initialMs: number;
  maxMs: number;
  /** 0..1; the delay is scaled by 0.5 + random/2 so that phones do not reconnect in lockstep. */
  random: () => number;
}

export interface RealtimeOptions {
  connect: ChatTransportFactory;
  accessToken: () => Promise<string | null>;
  /** Refreshes the session after a refused connection (an expired access token). */
  refresh?: () => Promise<unknown>;
  backoff?: Partial<Backoff>;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

interface Subscription {
  route: string;
  /** Called at every (re)subscription so that the request carries the latest cursor. */
  data: () => unknown;
  onNext: (value: unknown) => void;
  cancel?: () => void;
}

/**
 * One realtime connection for the app. It reconnects with exponential backoff and, on every reconnect,
 * re-requests each stream with the data its owner computes at that moment (the last cursor seen), so a stream
 * resumes where it stopped: the cursor is the contract, not RSocket resumption (which lives in one server's memory).
 */
export class Realtime {
  private transport: ChatTransport | null = null;
  private readonly subs = new Set<Subscription>();
  private readonly statusListeners = new Set<(s: ConnectionStatus) => void>();
  private status: ConnectionStatus = 'idle';
  private attempt = 0;
  private timer: unknown = null;
  private running = false;
  private readonly backoff: Backoff;
  private readonly setTimer: (fn: () => void, ms: number) => unknown;
  private readonly clearTimer: (handle: unknown) => void;
  private connectedWaiters: Array<() => void> = [];

  constructor(private readonly opts: RealtimeOptions) {
    this.backoff = {initialMs: 500, maxMs: 30_000, random: Math.random, ...opts.backoff};
    this.setTimer = opts.setTimer ?? ((fn, ms) => setTimeout(fn, ms));
    this.clearTimer = opts.clearTimer ?? (h => clearTimeout(h as ReturnType<typeof setTimeout>));
  }

  /** The delay before reconnect attempt n (0-based). */
  delay(n: number): number {
    const base = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** n);
    return Math.round(base * (0.5 + this.backoff.random() / 2));
  }

  start() {
    if (!this.running) {
      this.running = true;
      void this.connect();
    }
  }

  stop() {
    this.running = false;
    if (this.timer !== null) {
      this.clearTimer(this.timer);
      this.timer = null;
    }
    const t = this.transport;
    this.transport = null;
    this.subs.forEach(s => (s.cancel = undefined));
    t?.close();
    this.setStatus('idle');
  }

  /** The connection status, e.g. for a "reconnecting…" hint. */
  onStatus(listener: (s: ConnectionStatus) => void): () => void {
    this.statusListeners.add(listener);
    listener(this.status);
    return () => {
      this.statusListeners.delete(listener);
    };
  }

  subscribe<T>(route: string, data: () => unknown, onNext: (value: T) => void): () => void {
    const sub: Subscription = {route, data, onNext: onNext as (v: unknown) => void};
    this.subs.add(sub);
    if (this.transport && this.status === 'live') {
      this.open(this.transport, sub);
    }
    return () => {
      this.subs.delete(sub);
      sub.cancel?.();
    };
  }

  /** A request-response; waits for the connection, fails if it drops meanwhile (the caller retries). */
  async request<T>(route: string, data: unknown): Promise<T> {
    if (!this.transport || this.status !== 'live') {
      await new Promise<void>(resolve => this.connectedWaiters.push(resolve));
    }
    return this.transport!.request<T>(route, data);
  }

  private async connect() {
    if (!this.running) {
      return;
    }
    this.setStatus('connecting');
    try {
      const token = await this.opts.accessToken();
      if (!token) {
        throw new Error('not signed in');
      }
      const transport = await this.opts.connect(token);
      if (!this.running) {
        transport.close();
        return;
      }
      this.transport = transport;
      transport.onClose(error => this.lost(transport, error));
      this.attempt = 0;
      // Streams first, so history the server already holds can clear the send queue before it is flushed.
      this.subs.forEach(sub => this.open(transport, sub));
      this.setStatus('live');
      const waiters = this.connectedWaiters;
      this.connectedWaiters = [];
      waiters.forEach(w => w());
    } catch {
      if (this.attempt > 0) {
        // Two refusals in a row: the access token may have expired while we were away.
        await this.opts.refresh?.().catch(() => undefined);
      }
      this.retryLater();
    }
  }

  private open(transport: ChatTransport, sub: Subscription) {
    sub.cancel?.();
    sub.cancel = transport.stream(sub.route, sub.data(), {
      onNext: value => sub.onNext(value),
      onError: error => this.lost(transport, error),
      // A stream that completes on its own (server shutdown) is a lost connection for a live stream.
      onComplete: () => this.lost(transport),
    });
  }

  private lost(transport: ChatTransport, _error?: Error) {
    if (this.transport !== transport) {
      return;
    }
    this.transport = null;
    this.subs.forEach(s => (s.cancel = undefined));
    transport.close();
    this.retryLater();
  }

  private retryLater() {
    if (!this.running) {
      return;
    }
    this.setStatus('waiting');
    const ms = this.delay(this.attempt);
    this.attempt += 1;
    this.timer = this.setTimer(() => {
      this.timer = null;
      void this.connect();
    }, ms);
  }

  private setStatus(s: ConnectionStatus) {
    this.status = s;
    this.statusListeners.forEach(l => l(s));
  }
}
