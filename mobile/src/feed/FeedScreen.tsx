import React, {useCallback, useEffect, useMemo, useState} from 'react';
import {FlatList, Image, Pressable, RefreshControl, ScrollView, StyleSheet, Text, TextInput, View} from 'react-native';
import {useInfiniteQuery} from '@tanstack/react-query';
import {useNavigation} from '@react-navigation/native';
import type {NativeStackNavigationProp} from '@react-navigation/native-stack';
import type {FeedFilters} from '../api/bazaar';
import {config} from '../config';
import {keys} from '../api/keys';
import {isApiError} from '../api/problem';
import type {FeedItem} from '../api/types';
import type {RootStackParams} from '../navigation/types';
import {useApi} from '../services';
import {track} from '../telemetry/analytics';
import {Button, Empty, ErrorState, Loading} from '../ui/components';
import {describeError} from '../ui/errors';
import {useOnline} from '../ui/QueryState';
import {colors, radius, spacing, type} from '../ui/theme';
import {formatMoney, parseMinorUnits} from '../util/money';
import {categories, conditions, label} from './taxonomy';

export const ROW_HEIGHT = 112;
const THUMB = 96;

export function FeedScreen() {
  const api = useApi();
  const online = useOnline();
  const navigation = useNavigation<NativeStackNavigationProp<RootStackParams>>();
  const [filters, setFilters] = useState<FeedFilters>({});
  const [showFilters, setShowFilters] = useState(false);

  const query = useInfiniteQuery({
    queryKey: keys.feed(filters),
    queryFn: async ({pageParam}) => {
      try {
        return await api.feed(filters, pageParam);
      } catch (e) {
        // A cursor older than 24 h: start again from the first page (docs/FEED.md).
        if (pageParam && isApiError(e, 'cursor-expired')) {
          return api.feed(filters, null);
        }
        throw e;
      }
    },
    initialPageParam: null as string | null,
    getNextPageParam: last => last.nextCursor ?? undefined,
  });

  useEffect(() => {
    track({name: 'feed_viewed', filters: {...filters}});
  }, [filters]);

  const items = useMemo(() => query.data?.pages.flatMap(p => p.items) ?? [], [query.data]);
  const onEndReached = useCallback(() => {
    if (query.hasNextPage && !query.isFetchingNextPage) {
      void query.fetchNextPage();
    }
  }, [query]);

  return (
    <View style={s.screen}>
      <View style={s.searchRow}>
        <TextInput
          accessibilityLabel="Search"
          placeholder="Search Bazaar"
          placeholderTextColor={colors.muted}
          style={s.search}
          returnKeyType="search"
          defaultValue={filters.q}
          onSubmitEditing={e => setFilters(f => ({...f, q: e.nativeEvent.text || undefined}))}
        />
        <Pressable accessibilityRole="button" onPress={() => setShowFilters(v => !v)} style={s.filterButton}>
          <Text style={type.body}>Filters</Text>
        </Pressable>
      </View>
      {showFilters ? <Filters value={filters} onChange={setFilters} /> : null}
      {!online ? <Text style={s.offline}>Offline: showing what was loaded before.</Text> : null}
      {query.isPending ? (
        <Loading />
      ) : query.isError ? (
        <ErrorState message={describeError(query.error)} onRetry={() => query.refetch()} />
      ) : (
        <FlatList
          testID="feed-list"
          data={items}
          keyExtractor={item => item.id}
          renderItem={({item}) => <FeedRow item={item} onPress={() => navigation.navigate('Listing', {id: item.id})} />}
          getItemLayout={(_, index) => ({length: ROW_HEIGHT, offset: ROW_HEIGHT * index, index})}
          onEndReached={onEndReached}
          onEndReachedThreshold={0.5}
          refreshControl={
            <RefreshControl
              refreshing={query.isRefetching && !query.isFetchingNextPage}
              onRefresh={() => void query.refetch()}
            />
          }
          ListEmptyComponent={<Empty title="No listings match" hint="Try fewer filters." />}
          ListFooterComponent={query.isFetchingNextPage ? <Loading label="Loading more…" /> : undefined}
        />
      )}
    </View>
  );
}

function FeedRow({item, onPress}: {item: FeedItem; onPress: () => void}) {
  // The 320 px rendition: a card downloads a few dozen KB instead of the camera original.
  const thumbUrl = item.coverImageUrls?.list ?? item.coverImageUrl;
  return (
    <Pressable accessibilityRole="button" accessibilityLabel={item.title} onPress={onPress} style={s.row}>
      {thumbUrl ? (
        // Fixed thumbnail size and resizeMethod=resize: Android decodes the photo at list size, not full size.
        <Image source={{uri: thumbUrl, width: THUMB, height: THUMB}} style={s.thumb} resizeMethod="resize" />
      ) : (
        <View style={[s.thumb, {backgroundColor: colors.border}]} />
      )}
      <View style={s.rowText}>
        <Text style={type.heading} numberOfLines={2}>
          {item.title}
        </Text>
        <Text style={type.price}>{formatMoney(item.price)}</Text>
        <Text style={type.caption}>
          {label(conditions, item.condition)}
          {item.size ? ` · ${item.size}` : ''}
          {item.brand ? ` · ${item.brand}` : ''} · {item.seller.displayName}
        </Text>
      </View>
    </Pressable>
  );
}

function Chips({
  options,
  value,
  onChange,
  name,
}: {
  options: Array<[string, string]>;
  value?: string;
  onChange: (v?: string) => void;
  name: string;
}) {
  return (
    <ScrollView horizontal showsHorizontalScrollIndicator={false} accessibilityLabel={name}>
      {options.map(([slug, text]) => (
        <Pressable
          key={slug}
          accessibilityRole="button"
          accessibilityState={{selected: value === slug}}
          onPress={() => onChange(value === slug ? undefined : slug)}
          style={[s.chip, value === slug && s.chipOn]}>
          <Text style={value === slug ? s.chipTextOn : type.caption}>{text}</Text>
        </Pressable>
      ))}
    </ScrollView>
  );
}

function Filters({value, onChange}: {value: FeedFilters; onChange: (f: FeedFilters) => void}) {
  const [min, setMin] = useState(value.minPrice ? String(value.minPrice / 100) : '');
  const [max, setMax] = useState(value.maxPrice ? String(value.maxPrice / 100) : '');
  const [size, setSize] = useState(value.size ?? '');
  const [brand, setBrand] = useState(value.brand ?? '');
  return (
    <View style={s.filters}>
      <Chips
        name="Category"
        options={categories}
        value={value.category}
        onChange={category => onChange({...value, category})}
      />
      <Chips
        name="Condition"
        options={conditions}
        value={value.condition}
        onChange={condition => onChange({...value, condition})}
      />
      <View style={s.filterRow}>
        <TextInput
          accessibilityLabel="Min price"
          placeholder="Min"
          style={s.small}
          value={min}
          onChangeText={setMin}
          keyboardType="decimal-pad"
        />
        <TextInput
          accessibilityLabel="Max price"
          placeholder="Max"
          style={s.small}
          value={max}
          onChangeText={setMax}
          keyboardType="decimal-pad"
        />
        <TextInput accessibilityLabel="Size" placeholder="Size" style={s.small} value={size} onChangeText={setSize} />
        <TextInput
          accessibilityLabel="Brand"
          placeholder="Brand"
          style={s.small}
          value={brand}
          onChangeText={setBrand}
        />
      </View>
      <Button
        title="Apply filters"
        kind="secondary"
        onPress={() =>
          onChange({
            ...value,
            // Prices are filtered in minor units; the feed has one currency per market.
            minPrice: parseMinorUnits(min, config.currency) ?? undefined,
            maxPrice: parseMinorUnits(max, config.currency) ?? undefined,
            size: size.trim() || undefined,
            brand: brand.trim() || undefined,
          })
        }
      />
    </View>
  );
}

const s = StyleSheet.create({
  screen: {flex: 1, backgroundColor: colors.background},
  searchRow: {flexDirection: 'row', padding: spacing.md, gap: spacing.sm},
  search: {
    flex: 1,
    borderWidth: 1,
    borderColor: colors.border,
    borderRadius: radius.md,
    paddingHorizontal: spacing.md,
    paddingVertical: spacing.sm,
    backgroundColor: colors.surface,
  },
  filterButton: {justifyContent: 'center', paddingHorizontal: spacing.md},
  filters: {paddingHorizontal: spacing.md, gap: spacing.sm},
  filterRow: {flexDirection: 'row', gap: spacing.sm},
  small: {
    flex: 1,
    borderWidth: 1,
    borderColor: colors.border,
    borderRadius: radius.sm,
    padding: spacing.sm,
    backgroundColor: colors.surface,
  },
  chip: {
    paddingHorizontal: spacing.md,
    paddingVertical: spacing.xs,
    borderRadius: 14,
    borderWidth: 1,
    borderColor: colors.border,
    marginRight: spacing.xs,
  },
  chipOn: {backgroundColor: colors.primary, borderColor: colors.primary},
  chipTextOn: {color: colors.onPrimary, fontSize: 13},
  offline: {textAlign: 'center', color: colors.warning, padding: spacing.xs},
  row: {
    height: ROW_HEIGHT,
    flexDirection: 'row',
    padding: spacing.sm,
    gap: spacing.md,
    borderBottomWidth: 1,
    borderBottomColor: colors.border,
  },
  thumb: {width: THUMB, height: THUMB, borderRadius: radius.sm},
  rowText: {flex: 1, gap: 2},
});
