/**
 * Runtime settings. Native builds read them from `globalThis.__BAZAAR_CONFIG__` when a launcher injects it
 * (tests, the web target via Vite's `define`), else from the defaults below, which point at a backend on the
 * developer machine (the Android emulator reaches the host as 10.0.2.2).
 */
import {Platform} from 'react-native';

export interface AppConfig {
  apiUrl: string;
  /** WebSocket URL of the RSocket endpoint; derived from apiUrl when empty. */
  rsocketUrl: string;
  /** Sentry DSN; crash reporting is off when empty. */
  sentryDsn: string;
  /** 'console' (development), 'none', or 'http' (POSTs batches to analyticsUrl). */
  analytics: 'console' | 'none' | 'http';
  analyticsUrl: string;
  /** Apple Pay merchant id registered with Stripe. */
  appleMerchantId: string;
  environment: string;
  /** The market's currency for new listings and price filters. */
  currency: string;
}

const localHost = Platform.OS === 'android' ? 'http://10.0.2.2:8080' : 'http://localhost:8080';

const injected: Partial<AppConfig> =
  (globalThis as unknown as {__BAZAAR_CONFIG__?: Partial<AppConfig>}).__BAZAAR_CONFIG__ ?? {};

export const config: AppConfig = {
  apiUrl: localHost,
  rsocketUrl: '',
  sentryDsn: '',
  analytics: __DEV__ ? 'console' : 'none',
  analyticsUrl: '',
  appleMerchantId: 'merchant.com.bazaar',
  environment: __DEV__ ? 'development' : 'production',
  currency: 'EUR',
  ...injected,
};

export function rsocketUrl(c: AppConfig = config): string {
  if (c.rsocketUrl) {
    return c.rsocketUrl;
  }
  return c.apiUrl.replace(/^http/, 'ws').replace(/\/$/, '') + '/rsocket';
}
