/**
 * Funnel analytics through one module: screens call `track`, a pluggable sink delivers. The event names are the
 * launch funnel; add new ones here so the dashboard and the app agree on spelling.
 */
export type FunnelEvent =
  | {name: 'feed_viewed'; filters?: Record<string, unknown>}
  | {name: 'listing_viewed'; listingId: string}
  | {name: 'added_to_cart'; listingId: string}
  | {name: 'checkout_started'; itemCount: number}
  | {name: 'paid'; orderId: string; amount: number; currency: string}
  | {name: 'listing_published'; listingId: string; photoCount: number}
  | {name: 'message_sent'; threadId: string};

export interface TrackedEvent {
  event: FunnelEvent;
  at: string;
  userId: string | null;
}

export interface AnalyticsSink {
  send(events: TrackedEvent[]): void | Promise<void>;
}

export const consoleSink: AnalyticsSink = {
  send(events) {
    for (const e of events) {
      console.log('[analytics]', e.event.name, JSON.stringify(e.event));
    }
  },
};

export const noSink: AnalyticsSink = {send() {}};

/** Posts batches as JSON to a collector URL; failures drop the batch (analytics never blocks the shopper). */
export function httpSink(url: string, fetchImpl: typeof fetch = globalThis.fetch): AnalyticsSink {
  return {
    async send(events) {
      try {
        await fetchImpl(url, {
          method: 'POST',
          headers: {'Content-Type': 'application/json'},
          body: JSON.stringify({events}),
        });
      } catch {
        // Dropped on purpose.
      }
    },
  };
}

let sink: AnalyticsSink = noSink;
let userId: string | null = null;
const clock = {now: () => new Date()};

export function setAnalyticsSink(s: AnalyticsSink) {
  sink = s;
}

export function setAnalyticsUser(id: string | null) {
  userId = id;
}

export function track(event: FunnelEvent) {
  void sink.send([{event, at: clock.now().toISOString(), userId}]);
}

export function sinkFor(kind: string, url: string): AnalyticsSink {
  if (kind === 'console') {
    return consoleSink;
  }
  if (kind === 'http' && url) {
    return httpSink(url);
  }
  return noSink;
}
