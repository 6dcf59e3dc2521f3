import React, {useState} from 'react';
import {ScrollView, StyleSheet, Text, View} from 'react-native';
import {useMutation, useQuery, useQueryClient} from '@tanstack/react-query';
import {useRoute, type RouteProp} from '@react-navigation/native';
import {keys} from '../api/keys';
import type {RootStackParams} from '../navigation/types';
import {useApi} from '../services';
import {useMe} from '../auth/AuthContext';
import {Banner, Button, Field, styles as ui} from '../ui/components';
import {describeError} from '../ui/errors';
import {QueryState} from '../ui/QueryState';
import {colors, spacing, type} from '../ui/theme';
import {formatMoney} from '../util/money';
import {label} from './status';

const paidStates = new Set(['PAID', 'SHIPPED', 'DELIVERED', 'REFUND_REQUESTED', 'REFUNDED']);

export function OrderScreen() {
  const {params} = useRoute<RouteProp<RootStackParams, 'Order'>>();
  const api = useApi();
  const me = useMe();
  const qc = useQueryClient();
  const order = useQuery({
    queryKey: keys.order(params.id),
    queryFn: () => api.order(params.id),
    // While the payment webhook is on its way the order is still PENDING_PAYMENT: look again shortly.
    refetchInterval: q => (q.state.data?.status === 'PENDING_PAYMENT' ? 2000 : false),
  });
  const paid = !!order.data && paidStates.has(order.data.status);
  const receipt = useQuery({
    queryKey: keys.receipt(params.id),
    queryFn: () => api.receipt(params.id),
    enabled: paid,
  });
  const [carrier, setCarrier] = useState('');
  const [tracking, setTracking] = useState('');
  const refresh = () => {
    void qc.invalidateQueries({queryKey: keys.order(params.id)});
    void qc.invalidateQueries({queryKey: keys.sales});
    void qc.invalidateQueries({queryKey: keys.orders});
  };
  const ship = useMutation({
    mutationFn: () => api.shipOrder(params.id, carrier.trim(), tracking.trim()),
    onSuccess: refresh,
  });
  const cancel = useMutation({mutationFn: () => api.cancelOrder(params.id), onSuccess: refresh});

  return (
    <QueryState query={order}>
      {o => {
        const seller = me?.id === o.sellerId;
        return (
          <ScrollView style={s.screen}>
            <Text style={type.title} testID="order-status">
              {label(o.status)}
            </Text>
            {o.lines.map(l => (
              <Text key={l.listingId} style={type.body}>
                {l.title} · {formatMoney(l.unitPrice)}
              </Text>
            ))}
            <Text style={type.price}>Total {formatMoney(o.total)}</Text>
            <Text style={type.heading}>Timeline</Text>
            <View accessibilityLabel="Timeline">
              {o.timeline.map((t, i) => (
                <View key={`${t.status}-${i}`} style={s.step}>
                  <View style={s.dot} />
                  <View>
                    <Text style={type.body}>{label(t.status)}</Text>
                    <Text style={type.caption}>
                      {new Date(t.at).toLocaleString()}
                      {t.note ? ` · ${t.note}` : ''}
                    </Text>
                  </View>
                </View>
              ))}
            </View>
            {o.shipment ? (
              <Text style={type.body}>
                {o.shipment.carrier} · {o.shipment.trackingNumber}
              </Text>
            ) : null}
            {receipt.data ? (
              <View style={ui.card} accessibilityLabel="Receipt">
                <Text style={type.heading}>Receipt</Text>
                <Text style={type.body}>Items {formatMoney(receipt.data.itemsTotal)}</Text>
                <Text style={type.body}>Shipping {formatMoney(receipt.data.shippingTotal)}</Text>
                <Text style={type.price}>Paid {formatMoney(receipt.data.total)}</Text>
                <Text style={type.caption}>
                  {new Date(receipt.data.paidAt).toLocaleString()} · {receipt.data.paymentReference}
                </Text>
              </View>
            ) : null}
            {ship.isError ? <Banner kind="error" text={describeError(ship.error)} /> : null}
            {cancel.isError ? <Banner kind="error" text={describeError(cancel.error)} /> : null}
            {seller && o.status === 'PAID' ? (
              <View>
                <Field label="Carrier" value={carrier} onChangeText={setCarrier} />
                <Field label="Tracking number" value={tracking} onChangeText={setTracking} />
                <Button
                  title="Mark shipped"
                  disabled={!carrier.trim() || !tracking.trim() || ship.isPending}
                  onPress={() => ship.mutate()}
                />
              </View>
            ) : null}
            {!seller && o.status === 'PENDING_PAYMENT' ? (
              <Button title="Cancel order" kind="danger" disabled={cancel.isPending} onPress={() => cancel.mutate()} />
            ) : null}
          </ScrollView>
        );
      }}
    </QueryState>
  );
}

const s = StyleSheet.create({
  screen: {flex: 1, backgroundColor: colors.background, padding: spacing.lg},
  step: {flexDirection: 'row', gap: spacing.sm, paddingVertical: spacing.xs},
  dot: {width: 10, height: 10, borderRadius: 5, backgroundColor: colors.primary, marginTop: 5},
});
