import React from 'react';
import {Text} from 'react-native';
import {NavigationContainer, type LinkingOptions} from '@react-navigation/native';
import {createNativeStackNavigator} from '@react-navigation/native-stack';
import {createBottomTabNavigator} from '@react-navigation/bottom-tabs';
import {useAuth} from '../auth/AuthContext';
import {RequireAuth, SignInForm} from '../auth/SignInScreen';
import {CartScreen} from '../cart/CartScreen';
import {useCart} from '../cart/useCart';
import {CheckoutScreen} from '../checkout/CheckoutScreen';
import {InboxScreen, useUnreadTotal} from '../chat/InboxScreen';
import {ThreadScreen} from '../chat/ThreadScreen';
import {FeedScreen} from '../feed/FeedScreen';
import {ListingScreen} from '../listing/ListingScreen';
import {OrderScreen} from '../orders/OrderScreen';
import {OrdersScreen} from '../orders/OrdersScreen';
import {SellScreen} from '../sell/SellScreen';
import {ErrorBoundary} from '../ui/ErrorBoundary';
import {Loading} from '../ui/components';
import {colors} from '../ui/theme';
import type {RootStackParams, TabParams} from './types';

const Stack = createNativeStackNavigator<RootStackParams>();
const Tabs = createBottomTabNavigator<TabParams>();

/** Every screen gets its own error boundary, and the signed-in-only ones a sign-in form instead. */
function guarded(name: string, Screen: React.ComponentType, auth = false) {
  const Wrapped = () => (
    <ErrorBoundary name={name}>
      {auth ? (
        <RequireAuth>
          <Screen />
        </RequireAuth>
      ) : (
        <Screen />
      )}
    </ErrorBoundary>
  );
  Wrapped.displayName = `Guarded(${name})`;
  return Wrapped;
}

const Feed = guarded('Feed', FeedScreen);
const Sell = guarded('Sell', SellScreen, true);
const Cart = guarded('Cart', CartScreen, true);
const Inbox = guarded('Inbox', InboxScreen, true);
const Account = guarded('Account', OrdersScreen, true);
const ListingPage = guarded('Listing', ListingScreen);
const Checkout = guarded('Checkout', CheckoutScreen, true);
const OrderPage = guarded('Order', OrderScreen, true);
const Thread = guarded('Thread', ThreadScreen, true);

const icon =
  (glyph: string) =>
  ({color}: {color: string}) => <Text style={{color, fontSize: 18}}>{glyph}</Text>;

function TabsNavigator() {
  const cartCount = useCart().data?.lines.length ?? 0;
  const unread = useUnreadTotal();
  return (
    <Tabs.Navigator screenOptions={{tabBarActiveTintColor: colors.primary}}>
      <Tabs.Screen name="Feed" component={Feed} options={{tabBarIcon: icon('⌂'), tabBarButtonTestID: 'tab-feed'}} />
      <Tabs.Screen name="Sell" component={Sell} options={{tabBarIcon: icon('+'), tabBarButtonTestID: 'tab-sell'}} />
      <Tabs.Screen
        name="Cart"
        component={Cart}
        options={{tabBarIcon: icon('◍'), tabBarBadge: cartCount || undefined, tabBarButtonTestID: 'tab-cart'}}
      />
      <Tabs.Screen
        name="Inbox"
        component={Inbox}
        options={{tabBarIcon: icon('✉'), tabBarBadge: unread || undefined, tabBarButtonTestID: 'tab-inbox'}}
      />
      <Tabs.Screen
        name="Account"
        component={Account}
        options={{title: 'Orders', tabBarIcon: icon('☰'), tabBarButtonTestID: 'tab-account'}}
      />
    </Tabs.Navigator>
  );
}

const SignInModal = ({navigation}: {navigation: {goBack(): void}}) => <SignInForm onDone={() => navigation.goBack()} />;

const linking: LinkingOptions<RootStackParams> = {
  prefixes: ['bazaar://', 'https://bazaar.example/app'],
  config: {
    screens: {
      Tabs: {screens: {Feed: 'feed', Sell: 'sell', Cart: 'cart', Inbox: 'inbox', Account: 'account'}},
      Listing: 'listings/:id',
      Order: 'orders/:id',
      Thread: 'chat/:threadId',
      Checkout: 'checkout',
      SignIn: 'sign-in',
    },
  },
};

export function AppNavigator() {
  const {state} = useAuth();
  if (state.status === 'loading') {
    return <Loading label="Starting…" />;
  }
  return (
    <NavigationContainer linking={linking}>
      <Stack.Navigator>
        <Stack.Screen name="Tabs" component={TabsNavigator} options={{headerShown: false}} />
        <Stack.Screen name="Listing" component={ListingPage} options={{title: ''}} />
        <Stack.Screen name="Checkout" component={Checkout} />
        <Stack.Screen name="Order" component={OrderPage} />
        <Stack.Screen name="Thread" component={Thread} options={({route}) => ({title: route.params.title ?? 'Chat'})} />
        <Stack.Screen name="SignIn" component={SignInModal} options={{presentation: 'modal', title: 'Sign in'}} />
      </Stack.Navigator>
    </NavigationContainer>
  );
}
