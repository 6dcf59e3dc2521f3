import React, {createContext, useContext, useEffect, useMemo, useState} from 'react';
import {useQueryClient} from '@tanstack/react-query';
import {keys} from '../api/keys';
import type {Notification} from '../api/types';
import {useAuth} from '../auth/AuthContext';
import {useServices} from '../services';
import {Banner} from '../ui/components';
import {Realtime} from './realtime';

const RealtimeContext = createContext<Realtime | null>(null);

/** One realtime connection while signed in; closed at sign-out. */
export function RealtimeProvider({children}: {children: React.ReactNode}) {
  const {chatTransport, tokens, client} = useServices();
  const {state} = useAuth();
  const signedIn = state.status === 'signedIn';
  const realtime = useMemo(
    () =>
      signedIn
        ? new Realtime({
            connect: chatTransport,
            accessToken: async () => (await tokens.load())?.accessToken ?? null,
            refresh: async () => {
              const t = await tokens.load();
              return t ? client.refresh(t) : null;
            },
          })
        : null,
    [signedIn, chatTransport, tokens, client],
  );
  useEffect(() => {
    realtime?.start();
    return () => realtime?.stop();
  }, [realtime]);
  return (
    <RealtimeContext.Provider value={realtime}>
      {children}
      {realtime ? <NotificationBanners realtime={realtime} /> : null}
    </RealtimeContext.Provider>
  );
}

export function useRealtime(): Realtime | null {
  return useContext(RealtimeContext);
}

/** In-app banners from the `notifications` stream; they also refresh what the notification is about. */
function NotificationBanners({realtime}: {realtime: Realtime}) {
  const qc = useQueryClient();
  const [current, setCurrent] = useState<Notification | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = realtime.subscribe<Notification>(
      'notifications',
      () => ({}),
      n => {
        setCurrent(n);
        if (n.threadId) {
          void qc.invalidateQueries({queryKey: keys.threads});
        }
        if (n.orderId) {
          void qc.invalidateQueries({queryKey: keys.order(n.orderId)});
          void qc.invalidateQueries({queryKey: keys.orders});
          void qc.invalidateQueries({queryKey: keys.sales});
        }
        clearTimeout(timer);
        timer = setTimeout(() => setCurrent(null), 5000);
      },
    );
    return () => {
      clearTimeout(timer);
      off();
    };
  }, [realtime, qc]);
  return current ? <Banner text={current.body ? `${current.title}: ${current.body}` : current.title} /> : null;
}
