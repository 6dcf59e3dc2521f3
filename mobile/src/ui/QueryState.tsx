import React from 'react';
import {onlineManager, type UseQueryResult} from '@tanstack/react-query';
import {useSyncExternalStore} from 'react';
import {Empty, ErrorState, Loading} from './components';
import {describeError} from './errors';

export function useOnline(): boolean {
  return useSyncExternalStore(
    cb => onlineManager.subscribe(cb),
    () => onlineManager.isOnline(),
  );
}

/**
 * The same loading / error / offline / empty states on every screen. Children render only with data.
 */
export function QueryState<T>({
  query,
  isEmpty,
  emptyTitle = 'Nothing here yet',
  emptyHint,
  children,
}: {
  query: UseQueryResult<T>;
  isEmpty?: (data: T) => boolean;
  emptyTitle?: string;
  emptyHint?: string;
  children: (data: T) => React.ReactNode;
}) {
  const online = useOnline();
  if (query.isPending) {
    if (!online) {
      return <ErrorState message="You are offline. We will load this when you are back." />;
    }
    return <Loading />;
  }
  if (query.isError) {
    return (
      <ErrorState message={online ? describeError(query.error) : 'You are offline.'} onRetry={() => query.refetch()} />
    );
  }
  if (isEmpty?.(query.data)) {
    return <Empty title={emptyTitle} hint={emptyHint} />;
  }
  return <>{children(query.data)}</>;
}
