import React, {useState} from 'react';
import {ScrollView, StyleSheet, Text, View} from 'react-native';
import {useQueryClient} from '@tanstack/react-query';
import {useNavigation} from '@react-navigation/native';
import type {NativeStackNavigationProp} from '@react-navigation/native-stack';
import {keys} from '../api/keys';
import {ApiError, isApiError} from '../api/problem';
import type {OrderSummary, PaymentParameters, ShippingAddress} from '../api/types';
import type {RootStackParams} from '../navigation/types';
import {useServices} from '../services';
import {track} from '../telemetry/analytics';
import {useCart} from '../cart/useCart';
import {Banner, Button, Field} from '../ui/components';
import {describeError} from '../ui/errors';
import {colors, spacing, type} from '../ui/theme';
import {formatMoney} from '../util/money';
import {poll} from '../util/wait';

type Step =
  | {kind: 'address'}
  | {kind: 'paying'; orders: OrderSummary[]}
  | {kind: 'done'; orders: OrderSummary[]}
  | {kind: 'failed'; orders: OrderSummary[]; message: string};

const empty: ShippingAddress = {name: '', line1: '', line2: '', city: '', postalCode: '', country: ''};

/** Local checks mirror the API's rules so most mistakes are caught before a round trip. */
function validate(a: ShippingAddress): Record<string, string> {
  const e: Record<string, string> = {};
  for (const f of ['name', 'line1', 'city', 'postalCode'] as const) {
    if (!a[f].trim()) {
      e[`shippingAddress.${f}`] = 'must not be blank';
    }
  }
  if (!/^[A-Z]{2}$/.test(a.country)) {
    e['shippingAddress.country'] = 'must be a two-letter country code such as GB';
  }
  return e;
}

export function CheckoutScreen() {
  const services = useServices();
  const {api} = services;
  const qc = useQueryClient();
  const cart = useCart();
  const navigation = useNavigation<NativeStackNavigationProp<RootStackParams>>();
  const [address, setAddress] = useState<ShippingAddress>(empty);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [banner, setBanner] = useState<string | null>(null);
  const [step, setStep] = useState<Step>({kind: 'address'});
  const [busy, setBusy] = useState(false);

  const set = (f: keyof ShippingAddress) => (v: string) => setAddress(a => ({...a, [f]: v}));

  async function paymentFor(order: OrderSummary): Promise<PaymentParameters> {
    // The PaymentIntent is created by the saga a moment after checkout: 409 payment-not-ready means "ask again".
    // So does 404 order-not-found for the order our own checkout just answered: the route waits for our
    // Bazaar-Consistency token, but only up to its bound, and answers 404 until the orders read model has the order.
    const params = await poll(
      async () => {
        try {
          return await api.payment(order.id);
        } catch (e) {
          if (isApiError(e, 'payment-not-ready') || isApiError(e, 'order-not-found')) {
            return undefined;
          }
          throw e;
        }
      },
      10,
      1000,
    );
    if (!params) {
      throw new Error('The payment could not be prepared. Please try again.');
    }
    return params;
  }

  async function pay(orders: OrderSummary[]) {
    setStep({kind: 'paying', orders});
    try {
      for (const order of orders) {
        const params = await paymentFor(order);
        const outcome = await services.payment(params, 'Bazaar');
        if (outcome.status === 'canceled') {
          setStep({kind: 'failed', orders, message: 'Payment cancelled. Your items stay reserved until the deadline.'});
          return;
        }
        if (outcome.status === 'failed') {
          setStep({kind: 'failed', orders, message: outcome.message});
          return;
        }
        track({name: 'paid', orderId: order.id, amount: order.total.amount, currency: order.total.currency});
      }
      await qc.invalidateQueries({queryKey: keys.orders});
      setStep({kind: 'done', orders});
    } catch (e) {
      setStep({kind: 'failed', orders, message: describeError(e)});
    }
  }

  async function placeOrder() {
    const local = validate(address);
    setErrors(local);
    setBanner(null);
    if (Object.keys(local).length) {
      return;
    }
    setBusy(true);
    track({name: 'checkout_started', itemCount: cart.data?.lines.length ?? 0});
    try {
      const {orders} = await api.checkout({...address, line2: address.line2 || undefined});
      await qc.invalidateQueries({queryKey: keys.cart});
      await pay(orders);
    } catch (e) {
      if (e instanceof ApiError) {
        setErrors(e.fieldErrors);
      }
      setBanner(describeError(e));
      if (isApiError(e, 'listing-not-available')) {
        await qc.invalidateQueries({queryKey: keys.cart});
      }
    } finally {
      setBusy(false);
    }
  }

  if (step.kind === 'paying') {
    return (
      <View style={s.centre}>
        <Text style={type.heading}>Paying…</Text>
      </View>
    );
  }
  if (step.kind === 'done') {
    return (
      <View style={s.centre} testID="checkout-done">
        <Text style={type.title}>Thank you!</Text>
        <Text style={type.body}>
          {step.orders.length === 1 ? 'Your order is placed.' : `${step.orders.length} orders are placed.`} We will
          confirm the payment in a moment.
        </Text>
        {step.orders.map(o => (
          <Button
            key={o.id}
            kind="secondary"
            title={`Order ${formatMoney(o.total)}`}
            onPress={() => navigation.replace('Order', {id: o.id})}
          />
        ))}
      </View>
    );
  }
  if (step.kind === 'failed') {
    return (
      <View style={s.centre} testID="checkout-failed">
        <Banner kind="error" text={step.message} />
        <Button title="Try paying again" onPress={() => pay(step.orders)} />
      </View>
    );
  }
  return (
    <ScrollView style={s.screen} keyboardShouldPersistTaps="handled">
      <Text style={type.title}>Shipping address</Text>
      {banner ? <Banner kind="error" text={banner} /> : null}
      <Field
        label="Full name"
        value={address.name}
        onChangeText={set('name')}
        error={errors['shippingAddress.name']}
        autoComplete="name"
      />
      <Field
        label="Address line 1"
        value={address.line1}
        onChangeText={set('line1')}
        error={errors['shippingAddress.line1']}
      />
      <Field
        label="Address line 2"
        value={address.line2}
        onChangeText={set('line2')}
        error={errors['shippingAddress.line2']}
      />
      <Field label="City" value={address.city} onChangeText={set('city')} error={errors['shippingAddress.city']} />
      <Field
        label="Postcode"
        value={address.postalCode}
        onChangeText={set('postalCode')}
        error={errors['shippingAddress.postalCode']}
      />
      <Field
        label="Country"
        value={address.country}
        onChangeText={v => set('country')(v.toUpperCase())}
        error={errors['shippingAddress.country']}
        autoCapitalize="characters"
        maxLength={2}
      />
      {cart.data?.totals.map(t => (
        <Text key={t.total.currency} style={type.price}>
          To pay: {formatMoney(t.total)}
        </Text>
      ))}
      <Button
        testID="place-order"
        title={busy ? 'Placing order…' : 'Place order and pay'}
        disabled={busy}
        onPress={placeOrder}
      />
    </ScrollView>
  );
}

const s = StyleSheet.create({
  screen: {flex: 1, backgroundColor: colors.background, padding: spacing.lg},
  centre: {
    flex: 1,
    alignItems: 'center',
    justifyContent: 'center',
    gap: spacing.md,
    padding: spacing.xl,
    backgroundColor: colors.background,
  },
});
