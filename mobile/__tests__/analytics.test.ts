import {http, HttpResponse} from 'msw';
import {
  httpSink,
  setAnalyticsSink,
  setAnalyticsUser,
  sinkFor,
  consoleSink,
  noSink,
  track,
  type TrackedEvent,
} from '../src/telemetry/analytics';
import {initCrashReporting, captureException} from '../src/telemetry/sentry';
import * as Sentry from '@sentry/react-native';
import {server, installMsw} from './support/server';

installMsw();

describe('analytics', () => {
  it('sends funnel events with the user to the configured sink', () => {
    const seen: TrackedEvent[] = [];
    setAnalyticsSink({send: events => void seen.push(...events)});
    setAnalyticsUser('u1');
    track({name: 'listing_viewed', listingId: 'l1'});
    track({name: 'paid', orderId: 'o1', amount: 2890, currency: 'EUR'});
    expect(seen.map(e => [e.event.name, e.userId])).toEqual([
      ['listing_viewed', 'u1'],
      ['paid', 'u1'],
    ]);
    setAnalyticsSink(noSink);
  });

  it('posts batches to a collector and never throws when it is down', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post('http://collector.test/ok', async ({request}) => {
        bodies.push(await request.json());
        return HttpResponse.json({});
      }),
      http.post('http://collector.test/down', () => HttpResponse.error()),
    );
    const event: TrackedEvent = {event: {name: 'feed_viewed'}, at: '2026-11-30T00:00:00Z', userId: null};
    await httpSink('http://collector.test/ok').send([event]);
    await expect(httpSink('http://collector.test/down').send([event])).resolves.toBeUndefined();
    expect(bodies).toEqual([{events: [event]}]);
  });

  it('chooses the sink from configuration', () => {
    expect(sinkFor('console', '')).toBe(consoleSink);
    expect(sinkFor('none', '')).toBe(noSink);
    expect(sinkFor('http', '')).toBe(noSink);
  });
});

describe('crash reporting', () => {
  it('is off without a DSN and on with one', () => {
    expect(initCrashReporting('')).toBe(false);
    captureException(new Error('ignored'));
    expect(Sentry.captureException).not.toHaveBeenCalled();

    expect(initCrashReporting('https://key@sentry.example/1')).toBe(true);
    expect(Sentry.init).toHaveBeenCalledWith(
      expect.objectContaining({dsn: 'https://key@sentry.example/1', sendDefaultPii: false}),
    );
    captureException(new Error('boom'));
    expect(Sentry.captureException).toHaveBeenCalledTimes(1);
  });
});
