import React, {useState} from 'react';
import {FlatList, Pressable, StyleSheet, Text, View} from 'react-native';
import {useQuery} from '@tanstack/react-query';
import {useNavigation} from '@react-navigation/native';
import type {NativeStackNavigationProp} from '@react-navigation/native-stack';
import {keys} from '../api/keys';
import type {RootStackParams} from '../navigation/types';
import {useApi} from '../services';
import {useAuth} from '../auth/AuthContext';
import {Button, styles as ui} from '../ui/components';
import {QueryState} from '../ui/QueryState';
import {colors, spacing, type} from '../ui/theme';
import {formatMoney} from '../util/money';
import {label} from './status';

/** The account tab: my purchases, my sales, sign out. */
export function OrdersScreen() {
  const api = useApi();
  const {state, logOut} = useAuth();
  const [side, setSide] = useState<'orders' | 'sales'>('orders');
  const navigation = useNavigation<NativeStackNavigationProp<RootStackParams>>();
  const query = useQuery({
    queryKey: side === 'orders' ? keys.orders : keys.sales,
    queryFn: () => (side === 'orders' ? api.orders() : api.sales()),
  });
  return (
    <View style={s.screen}>
      {state.status === 'signedIn' ? <Text style={type.caption}>Signed in as {state.me.displayName}</Text> : null}
      <View style={ui.row}>
        {(['orders', 'sales'] as const).map(k => (
          <Pressable
            key={k}
            accessibilityRole="tab"
            accessibilityState={{selected: side === k}}
            onPress={() => setSide(k)}
            style={[s.tab, side === k && s.tabOn]}>
            <Text style={type.heading}>{k === 'orders' ? 'Purchases' : 'Sales'}</Text>
          </Pressable>
        ))}
      </View>
      <QueryState
        query={query}
        isEmpty={p => p.items.length === 0}
        emptyTitle={side === 'orders' ? 'No purchases yet' : 'No sales yet'}>
        {page => (
          <FlatList
            data={page.items}
            keyExtractor={o => o.id}
            renderItem={({item}) => (
              <Pressable
                accessibilityRole="button"
                style={ui.card}
                onPress={() => navigation.navigate('Order', {id: item.id})}
                testID={`order-${item.id}`}>
                <Text style={type.heading}>{item.lines.map(l => l.title).join(', ')}</Text>
                <Text style={type.body}>
                  {formatMoney(item.total)} · {label(item.status)}
                </Text>
              </Pressable>
            )}
          />
        )}
      </QueryState>
      <Button title="Sign out" kind="secondary" onPress={logOut} />
    </View>
  );
}

const s = StyleSheet.create({
  screen: {flex: 1, backgroundColor: colors.background, padding: spacing.md, gap: spacing.sm},
  tab: {flex: 1, padding: spacing.sm, alignItems: 'center', borderBottomWidth: 2, borderColor: 'transparent'},
  tabOn: {borderColor: colors.primary},
});
