import React, {createContext, useCallback, useContext, useEffect, useMemo, useState} from 'react';
import {useQueryClient} from '@tanstack/react-query';
import type {Me, Tokens} from '../api/types';
import {useServices} from '../services';
import {setAnalyticsUser} from '../telemetry/analytics';
import {setCrashUser} from '../telemetry/sentry';
import {appleIdentity} from './apple';

export type AuthState = {status: 'loading'} | {status: 'signedOut'} | {status: 'signedIn'; me: Me};

interface AuthApi {
  state: AuthState;
  signUp(email: string, password: string, displayName: string): Promise<void>;
  logIn(email: string, password: string): Promise<void>;
  signInWithApple(): Promise<void>;
  logOut(): Promise<void>;
}

const AuthContext = createContext<AuthApi | null>(null);

export function AuthProvider({children, onReady}: {children: React.ReactNode; onReady?: (api: AuthApi) => void}) {
  const {api, tokens, session} = useServices();
  const queryClient = useQueryClient();
  const [state, setState] = useState<AuthState>({status: 'loading'});

  const become = useCallback((me: Me | null) => {
    setAnalyticsUser(me?.id ?? null);
    setCrashUser(me?.id ?? null);
    setState(me ? {status: 'signedIn', me} : {status: 'signedOut'});
  }, []);

  const start = useCallback(
    async (t: Tokens) => {
      await tokens.save(t);
      become(await api.me());
    },
    [api, tokens, become],
  );

  useEffect(() => {
    let live = true;
    (async () => {
      const saved = await tokens.load();
      if (!saved) {
        if (live) {
          become(null);
        }
        return;
      }
      try {
        const me = await api.me();
        if (live) {
          become(me);
        }
      } catch {
        // Refused (the client already cleared the session) or offline: show sign-in; the saved tokens stay for
        // the offline case, so signing in again is not needed once the network is back and the app restarts.
        if (live) {
          become(null);
        }
      }
    })();
    return () => {
      live = false;
    };
  }, [api, tokens, become]);

  const value = useMemo<AuthApi>(
    () => ({
      state,
      signUp: async (email, password, displayName) => start(await api.signUp({email, password, displayName})),
      logIn: async (email, password) => start(await api.logIn({email, password})),
      signInWithApple: async () => start(await api.apple(await appleIdentity())),
      logOut: async () => {
        const saved = await tokens.load();
        await tokens.clear();
        queryClient.clear();
        become(null);
        if (saved) {
          // Revokes the refresh-token family on the server; the local session is already gone if this fails.
          await api.logOut(saved.refreshToken).catch(() => undefined);
        }
      },
    }),
    [state, api, tokens, start, become, queryClient],
  );

  useEffect(
    () =>
      session.onLost(() => {
        queryClient.clear();
        become(null);
      }),
    [session, queryClient, become],
  );

  useEffect(() => onReady?.(value), [onReady, value]);

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthApi {
  const a = useContext(AuthContext);
  if (!a) {
    throw new Error('AuthProvider missing');
  }
  return a;
}

export function useMe(): Me | null {
  const {state} = useAuth();
  return state.status === 'signedIn' ? state.me : null;
}
