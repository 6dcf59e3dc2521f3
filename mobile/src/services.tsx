import React, {createContext, useContext} from 'react';
import type {ApiClient} from './api/client';
import type {BazaarApi} from './api/bazaar';
import type {TokenStore} from './auth/tokenStore';
import type {ChatTransportFactory} from './chat/transport';
import type {Uploader} from './sell/upload';
import type {PhotoPicker} from './sell/photoPicker';
import type {PaymentSheetPresenter} from './checkout/payment';

/** What screens need from the outside world; tests replace any of it. */
export interface Services {
  client: ApiClient;
  api: BazaarApi;
  tokens: TokenStore;
  chatTransport: ChatTransportFactory;
  uploader: Uploader;
  pickPhotos: PhotoPicker;
  payment: PaymentSheetPresenter;
  session: SessionEvents;
}

/** The API client reports a rejected refresh token here; the auth context listens and shows sign-in. */
export interface SessionEvents {
  onLost(listener: () => void): () => void;
  lost(): void;
}

export function sessionEvents(): SessionEvents {
  const listeners = new Set<() => void>();
  return {
    onLost(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    lost() {
      listeners.forEach(l => l());
    },
  };
}

const ServicesContext = createContext<Services | null>(null);

export function ServicesProvider({services, children}: {services: Services; children: React.ReactNode}) {
  return <ServicesContext.Provider value={services}>{children}</ServicesContext.Provider>;
}

export function useServices(): Services {
  const s = useContext(ServicesContext);
  if (!s) {
    throw new Error('ServicesProvider missing');
  }
  return s;
}

export function useApi(): BazaarApi {
  return useServices().api;
}
