import React from 'react';
import {FlatList, Image, StyleSheet, Text, View} from 'react-native';
import {useNavigation} from '@react-navigation/native';
import type {NativeStackNavigationProp} from '@react-navigation/native-stack';
import type {RootStackParams} from '../navigation/types';
import {Banner, Button, styles as ui} from '../ui/components';
import {describeError} from '../ui/errors';
import {QueryState} from '../ui/QueryState';
import {colors, spacing, type} from '../ui/theme';
import {formatMoney} from '../util/money';
import {useCart, useCartChange} from './useCart';

export function CartScreen() {
  const cart = useCart();
  const change = useCartChange();
  const navigation = useNavigation<NativeStackNavigationProp<RootStackParams>>();
  return (
    <View style={s.screen}>
      {change.isError ? <Banner kind="error" text={describeError(change.error)} /> : null}
      <QueryState
        query={cart}
        isEmpty={c => c.lines.length === 0}
        emptyTitle="Your cart is empty"
        emptyHint="Find something you like in the feed.">
        {c => (
          <FlatList
            data={c.lines}
            keyExtractor={l => l.listingId}
            renderItem={({item}) => (
              <View style={[ui.card, ui.row]} testID={`cart-line-${item.listingId}`}>
                {item.coverImageUrl ? <Image source={{uri: item.coverImageUrl}} style={s.thumb} /> : null}
                <View style={{flex: 1}}>
                  <Text style={type.heading}>{item.title}</Text>
                  <Text style={type.price}>{formatMoney(item.price)}</Text>
                  {!item.available ? <Text style={{color: colors.danger}}>No longer available</Text> : null}
                </View>
                <Button
                  title="Remove"
                  kind="secondary"
                  onPress={() => change.mutate({kind: 'remove', listingId: item.listingId})}
                />
              </View>
            )}
            ListFooterComponent={
              <View style={s.totals}>
                {c.totals.map(t => (
                  <View key={t.total.currency}>
                    <Text style={type.body}>Items {formatMoney(t.items)}</Text>
                    <Text style={type.body}>Shipping {formatMoney(t.shipping)}</Text>
                    <Text style={type.price}>Total {formatMoney(t.total)}</Text>
                  </View>
                ))}
                <Button
                  testID="checkout"
                  title="Checkout"
                  disabled={!c.lines.some(l => l.available)}
                  onPress={() => navigation.navigate('Checkout')}
                />
              </View>
            }
          />
        )}
      </QueryState>
    </View>
  );
}

const s = StyleSheet.create({
  screen: {flex: 1, backgroundColor: colors.background, padding: spacing.md},
  thumb: {width: 56, height: 56, borderRadius: 6},
  totals: {paddingVertical: spacing.lg, gap: spacing.xs},
});
