import React from 'react';
import {render} from '@testing-library/react-native';
import {notifyManager, QueryClient} from '@tanstack/react-query';
import {ApiClient} from '../../src/api/client';
import {bazaarApi} from '../../src/api/bazaar';
import type {Tokens} from '../../src/api/types';
import {memoryTokenStore} from '../../src/auth/tokenStore';
import type {ChatTransportFactory} from '../../src/chat/transport';
import {App} from '../../src/Root';
import {sessionEvents, type Services} from '../../src/services';
import {API} from './server';

export const signedIn: Tokens = {
  accessToken: 'access-1',
  refreshToken: 'refresh-1',
  expiresIn: 900,
  tokenType: 'Bearer',
};

export const me = {
  id: 'buyer-1',
  email: 'buyer@example.com',
  displayName: 'Bea Buyer',
  roles: ['USER'],
  memberSince: '2026-01-01T00:00:00Z',
};

const neverConnects: ChatTransportFactory = () => new Promise(() => undefined);

/** The whole app over MSW (fetch), with the native parts (photo picker, uploads, payment, RSocket) replaceable. */
export async function renderApp(overrides: Partial<Services> = {}, tokens: Tokens | null = signedIn) {
  const store = memoryTokenStore(tokens);
  const session = sessionEvents();
  const client = new ApiClient({baseUrl: API, tokens: store, onSessionLost: () => session.lost()});
  const services: Services = {
    client,
    api: bazaarApi(client),
    tokens: store,
    session,
    chatTransport: neverConnects,
    uploader: async () => undefined,
    pickPhotos: async () => [],
    payment: async () => ({status: 'paid'}),
    ...overrides,
  };
  const queryClient = new QueryClient({
    defaultOptions: {queries: {retry: false, gcTime: Infinity}, mutations: {retry: false}},
  });
  const view = await render(<App services={services} queryClient={queryClient} />);
  return {...view, services, queryClient, store};
}

notifyManager.setScheduler(cb => cb());
