import {useMutation, useQuery, useQueryClient, type QueryClient} from '@tanstack/react-query';
import {keys} from '../api/keys';
import {isApiError} from '../api/problem';
import type {BazaarApi} from '../api/bazaar';
import type {Cart, CartLine, Listing} from '../api/types';
import {useApi} from '../services';
import {useMe} from '../auth/AuthContext';
import {track} from '../telemetry/analytics';
import {newId} from '../util/ids';

export function useCart() {
  const api = useApi();
  const me = useMe();
  return useQuery({queryKey: keys.cart, queryFn: api.cart, enabled: !!me});
}

type Change = {kind: 'add'; listing: Listing} | {kind: 'remove'; listingId: string};

function applyLocally(cart: Cart, change: Change): Cart {
  if (change.kind === 'remove') {
    return {...cart, lines: cart.lines.filter(l => l.listingId !== change.listingId)};
  }
  const l = change.listing;
  if (cart.lines.some(x => x.listingId === l.id)) {
    return cart;
  }
  const line: CartLine = {
    listingId: l.id,
    title: l.title,
    price: l.price,
    shippingPrice: l.shippingPrice,
    quantity: 1,
    status: l.status,
    available: true,
    coverImageUrl: l.imageUrls[0] ?? null,
  };
  return {...cart, lines: [...cart.lines, line]};
}

async function send(api: BazaarApi, change: Change, version: number | undefined, key: string) {
  return change.kind === 'add'
    ? api.addToCart(change.listing.id, version, key)
    : api.removeFromCart(change.listingId, version, key);
}

/**
 * Optimistic cart changes. The line appears (or disappears) at once; the request carries the cart version we
 * last saw (If-Match) and one Idempotency-Key for all its attempts. On 412 (the cart changed elsewhere) we reload
 * the cart and try once more on the fresh version; on any other refusal (409 sold meanwhile, own listing) the
 * optimistic copy is rolled back and the server's cart reloaded, so the screen ends up showing what the server has.
 */
export function useCartChange() {
  const api = useApi();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (change: Change) => {
      const key = newId();
      const version = qc.getQueryData<Cart>(keys.cart)?.version;
      try {
        return await send(api, change, version, key);
      } catch (e) {
        if (!isApiError(e, 'stale-version')) {
          throw e;
        }
        const fresh = await api.cart();
        qc.setQueryData<Cart>(keys.cart, applyLocally(fresh, change));
        return send(api, change, fresh.version, key);
      }
    },
    onMutate: async change => {
      await qc.cancelQueries({queryKey: keys.cart});
      const previous = qc.getQueryData<Cart>(keys.cart);
      if (previous) {
        qc.setQueryData<Cart>(keys.cart, applyLocally(previous, change));
      }
      return {previous};
    },
    onError: (_e, _change, context) => {
      rollback(qc, context?.previous);
    },
    onSuccess: (answer, change) => {
      qc.setQueryData<Cart>(keys.cart, c => (c ? {...c, version: answer.version} : c));
      if (change.kind === 'add') {
        track({name: 'added_to_cart', listingId: change.listing.id});
      }
    },
    // Totals and availability are the server's to compute: reconcile after every change.
    onSettled: () => qc.invalidateQueries({queryKey: keys.cart}),
  });
}

function rollback(qc: QueryClient, previous: Cart | undefined) {
  if (previous) {
    qc.setQueryData<Cart>(keys.cart, previous);
  }
}
