import * as Sentry from '@sentry/react-native';
import {config} from '../config';

let enabled = false;

/** Crash reporting is on only when a DSN is configured (none in development and tests). */
export function initCrashReporting(dsn: string = config.sentryDsn): boolean {
  if (!dsn) {
    enabled = false;
    return false;
  }
  Sentry.init({
    dsn,
    environment: config.environment,
    tracesSampleRate: 0.1,
    // Tokens and addresses never leave the device in a crash report.
    sendDefaultPii: false,
  });
  enabled = true;
  return true;
}

export function captureException(error: unknown, context?: Record<string, unknown>) {
  if (enabled) {
    Sentry.captureException(error, context ? {extra: context} : undefined);
  } else if (__DEV__) {
    console.warn('[crash]', error);
  }
}

export function setCrashUser(id: string | null) {
  if (enabled) {
    Sentry.setUser(id ? {id} : null);
  }
}
