import {AppState, Platform, type AppStateStatus} from 'react-native';
import NetInfo from '@react-native-community/netinfo';
import {focusManager, onlineManager, QueryClient} from '@tanstack/react-query';
import {ApiError} from './problem';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        // Client errors do not get better by retrying; network errors and 5xx do.
        retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
      },
      mutations: {retry: false},
    },
  });
}

/**
 * TanStack Query knows the browser's online/focus events only; on a phone they come from NetInfo and AppState.
 * Returns the unsubscribe function.
 */
export function wirePlatformToQuery(): () => void {
  if (Platform.OS === 'web') {
    return () => undefined;
  }
  onlineManager.setEventListener(setOnline =>
    NetInfo.addEventListener(state => setOnline(state.isConnected !== false)),
  );
  const subscription = AppState.addEventListener('change', (status: AppStateStatus) =>
    focusManager.setFocused(status === 'active'),
  );
  return () => subscription.remove();
}
