import React, {useEffect} from 'react';
import {FlatList, Pressable, StyleSheet, Text, View} from 'react-native';
import {useQuery, useQueryClient} from '@tanstack/react-query';
import {useNavigation} from '@react-navigation/native';
import type {NativeStackNavigationProp} from '@react-navigation/native-stack';
import {keys} from '../api/keys';
import type {ChatThreadSummary, Page} from '../api/types';
import type {RootStackParams} from '../navigation/types';
import {useApi} from '../services';
import {useMe} from '../auth/AuthContext';
import {Badge, styles as ui} from '../ui/components';
import {QueryState} from '../ui/QueryState';
import {colors, spacing, type} from '../ui/theme';
import {useRealtime} from './RealtimeContext';

/** Merges a `chat.inbox` entry into the cached inbox, newest first. */
export function mergeInbox(page: Page<ChatThreadSummary> | undefined, entry: ChatThreadSummary) {
  const items = [entry, ...(page?.items ?? []).filter(t => t.threadId !== entry.threadId)];
  return {...(page ?? {}), items};
}

export function useUnreadTotal(): number {
  const api = useApi();
  const me = useMe();
  const query = useQuery({queryKey: keys.threads, queryFn: api.chatThreads, enabled: !!me});
  return query.data?.items.reduce((n, t) => n + (t.unread ?? 0), 0) ?? 0;
}

export function InboxScreen() {
  const api = useApi();
  const qc = useQueryClient();
  const realtime = useRealtime();
  const query = useQuery({queryKey: keys.threads, queryFn: api.chatThreads});

  useEffect(
    () =>
      realtime?.subscribe<ChatThreadSummary>(
        'chat.inbox',
        () => ({}),
        entry => qc.setQueryData<Page<ChatThreadSummary>>(keys.threads, p => mergeInbox(p, entry)),
      ),
    [realtime, qc],
  );

  return (
    <View style={s.screen}>
      <QueryState
        query={query}
        isEmpty={p => p.items.length === 0}
        emptyTitle="No conversations yet"
        emptyHint="Ask a seller about an item.">
        {page => (
          <FlatList
            data={page.items}
            keyExtractor={t => t.threadId}
            renderItem={({item}) => <ThreadRow item={item} />}
          />
        )}
      </QueryState>
    </View>
  );
}

/** The inbox names a thread by its subject: the listing's title (from the listing query), or the order. */
function ThreadRow({item}: {item: ChatThreadSummary}) {
  const api = useApi();
  const navigation = useNavigation<NativeStackNavigationProp<RootStackParams>>();
  const isListing = item.subject.type === 'listing';
  const listing = useQuery({
    queryKey: keys.listing(item.subject.id),
    queryFn: () => api.listing(item.subject.id),
    enabled: isListing,
  });
  const title = isListing ? (listing.data?.title ?? 'Listing') : 'Your order';
  return (
    <Pressable
      accessibilityRole="button"
      style={[ui.card, ui.row]}
      testID={`thread-${item.threadId}`}
      onPress={() => navigation.navigate('Thread', {threadId: item.threadId, title})}>
      <View style={{flex: 1}}>
        <Text style={type.heading}>{title}</Text>
        <Text style={type.caption} numberOfLines={1}>
          {item.lastMessage?.text ?? ''}
        </Text>
      </View>
      <Badge count={item.unread} />
    </Pressable>
  );
}

const s = StyleSheet.create({
  screen: {flex: 1, backgroundColor: colors.background, padding: spacing.md},
});
