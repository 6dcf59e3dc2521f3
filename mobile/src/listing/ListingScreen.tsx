import React, {useEffect, useState} from 'react';
import {Dimensions, FlatList, Image, ScrollView, StyleSheet, Text, View} from 'react-native';
import {useQuery} from '@tanstack/react-query';
import {useNavigation, useRoute, type RouteProp} from '@react-navigation/native';
import type {NativeStackNavigationProp} from '@react-navigation/native-stack';
import {keys} from '../api/keys';
import type {RootStackParams} from '../navigation/types';
import {useApi} from '../services';
import {useMe} from '../auth/AuthContext';
import {useCart, useCartChange} from '../cart/useCart';
import {categories, conditions, label} from '../feed/taxonomy';
import {track} from '../telemetry/analytics';
import {Banner, Button} from '../ui/components';
import {describeError} from '../ui/errors';
import {QueryState} from '../ui/QueryState';
import {colors, spacing, type} from '../ui/theme';
import {formatMoney} from '../util/money';

export function ListingScreen() {
  const {params} = useRoute<RouteProp<RootStackParams, 'Listing'>>();
  const navigation = useNavigation<NativeStackNavigationProp<RootStackParams>>();
  const api = useApi();
  const me = useMe();
  const query = useQuery({queryKey: keys.listing(params.id), queryFn: () => api.listing(params.id)});
  const cart = useCart();
  const change = useCartChange();
  const [asking, setAsking] = useState(false);
  const [askError, setAskError] = useState<string | null>(null);
  const width = Dimensions.get('window').width;

  useEffect(() => {
    track({name: 'listing_viewed', listingId: params.id});
  }, [params.id]);

  return (
    <QueryState query={query}>
      {listing => {
        const inCart = cart.data?.lines.some(l => l.listingId === listing.id) ?? false;
        const mine = me?.id === listing.sellerId;
        const onSale = listing.status === 'published';
        return (
          <ScrollView style={s.screen}>
            <FlatList
              horizontal
              pagingEnabled
              data={listing.imageUrls}
              keyExtractor={u => u}
              accessibilityLabel="Photos"
              renderItem={({item}) => <Image source={{uri: item}} style={{width, height: width}} resizeMode="cover" />}
            />
            <View style={s.body}>
              <Text style={type.title}>{listing.title}</Text>
              <Text style={type.price}>{formatMoney(listing.price)}</Text>
              <Text style={type.caption}>
                {listing.shippingPrice && listing.shippingPrice.amount > 0
                  ? `+ ${formatMoney(listing.shippingPrice)} shipping`
                  : 'Free shipping'}
              </Text>
              {!onSale ? <Banner kind="error" text={listing.status === 'sold' ? 'Sold' : 'Not for sale'} /> : null}
              <Text style={type.body}>{listing.description}</Text>
              <Text style={type.caption}>
                {label(categories, listing.category)} · {label(conditions, listing.condition)}
                {listing.size ? ` · Size ${listing.size}` : ''}
                {listing.brand ? ` · ${listing.brand}` : ''}
                {listing.colour ? ` · ${listing.colour}` : ''}
              </Text>
              <View style={s.seller} accessibilityLabel="Seller">
                <Text style={type.heading}>{listing.seller.displayName}</Text>
                <Text style={type.caption}>
                  {listing.seller.listingCount ?? 0} listings · member since{' '}
                  {listing.seller.memberSince.substring(0, 4)}
                </Text>
              </View>
              {change.isError ? <Banner kind="error" text={describeError(change.error)} /> : null}
              {askError ? <Banner kind="error" text={askError} /> : null}
              {!me ? (
                <Button title="Sign in to buy" onPress={() => navigation.navigate('SignIn')} />
              ) : mine ? (
                <Text style={type.caption}>This is your listing.</Text>
              ) : (
                <>
                  <Button
                    testID="add-to-cart"
                    title={inCart ? 'In your cart' : 'Add to cart'}
                    disabled={inCart || !onSale || change.isPending}
                    onPress={() => change.mutate({kind: 'add', listing})}
                  />
                  <Button
                    title="Ask the seller"
                    kind="secondary"
                    disabled={asking}
                    onPress={async () => {
                      setAsking(true);
                      setAskError(null);
                      try {
                        const thread = await api.openThread({listingId: listing.id});
                        navigation.navigate('Thread', {threadId: thread.id, title: listing.title});
                      } catch (e) {
                        setAskError(describeError(e));
                      } finally {
                        setAsking(false);
                      }
                    }}
                  />
                </>
              )}
            </View>
          </ScrollView>
        );
      }}
    </QueryState>
  );
}

const s = StyleSheet.create({
  screen: {flex: 1, backgroundColor: colors.background},
  body: {padding: spacing.lg, gap: spacing.sm},
  seller: {paddingVertical: spacing.md, borderTopWidth: 1, borderBottomWidth: 1, borderColor: colors.border},
});
