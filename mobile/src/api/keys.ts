import type {FeedFilters} from './bazaar';

/** Query keys in one place so that mutations invalidate exactly what they change. */
export const keys = {
  me: ['me'] as const,
  feed: (f: FeedFilters) => ['feed', f] as const,
  listing: (id: string) => ['listing', id] as const,
  cart: ['cart'] as const,
  orders: ['orders'] as const,
  sales: ['sales'] as const,
  order: (id: string) => ['order', id] as const,
  receipt: (id: string) => ['receipt', id] as const,
  threads: ['chat', 'threads'] as const,
};
