import React, {useEffect, useMemo} from 'react';
import {SafeAreaProvider} from 'react-native-safe-area-context';
import {QueryClientProvider, type QueryClient} from '@tanstack/react-query';
import {ApiClient} from './api/client';
import {bazaarApi} from './api/bazaar';
import {createQueryClient, wirePlatformToQuery} from './api/queryClient';
import {AuthProvider} from './auth/AuthContext';
import {keychainTokenStore, type TokenStore} from './auth/tokenStore';
import {rsocketTransport} from './chat/rsocketTransport';
import {RealtimeProvider} from './chat/RealtimeContext';
import {stripePaymentSheet} from './checkout/stripeSheet';
import {config, rsocketUrl} from './config';
import {AppNavigator} from './navigation/AppNavigator';
import {libraryPicker} from './sell/photoPicker';
import {xhrUploader} from './sell/upload';
import {ServicesProvider, sessionEvents, type Services} from './services';
import {setAnalyticsSink, sinkFor} from './telemetry/analytics';
import {initCrashReporting} from './telemetry/sentry';
import {ErrorBoundary} from './ui/ErrorBoundary';

/** The production wiring: real HTTP, keychain, RSocket, Stripe, image library. */
export function createServices(
  overrides: Partial<Services> & {fetchImpl?: typeof fetch; tokens?: TokenStore} = {},
): Services {
  const tokens = overrides.tokens ?? keychainTokenStore;
  const session = overrides.session ?? sessionEvents();
  const client =
    overrides.client ??
    new ApiClient({
      baseUrl: config.apiUrl,
      tokens,
      onSessionLost: () => session.lost(),
      fetchImpl: overrides.fetchImpl,
    });
  return {
    client,
    api: overrides.api ?? bazaarApi(client),
    tokens,
    session,
    chatTransport: overrides.chatTransport ?? rsocketTransport(rsocketUrl()),
    uploader: overrides.uploader ?? xhrUploader,
    pickPhotos: overrides.pickPhotos ?? libraryPicker,
    payment: overrides.payment ?? stripePaymentSheet,
  };
}

export function App({services, queryClient}: {services: Services; queryClient: QueryClient}) {
  return (
    <SafeAreaProvider>
      <QueryClientProvider client={queryClient}>
        <ServicesProvider services={services}>
          <AuthProvider>
            <RealtimeProvider>
              <ErrorBoundary name="App">
                <AppNavigator />
              </ErrorBoundary>
            </RealtimeProvider>
          </AuthProvider>
        </ServicesProvider>
      </QueryClientProvider>
    </SafeAreaProvider>
  );
}

export function Root() {
  const services = useMemo(() => createServices(), []);
  const queryClient = useMemo(() => createQueryClient(), []);
  useEffect(() => {
    initCrashReporting();
    setAnalyticsSink(sinkFor(config.analytics, config.analyticsUrl));
    return wirePlatformToQuery();
  }, []);
  return <App services={services} queryClient={queryClient} />;
}
