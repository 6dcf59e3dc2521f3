import type {ApiClient} from './client';
import type {
  Cart,
  ChatMessage,
  ChatThreadSummary,
  FeedItem,
  Listing,
  ListingDraft,
  Me,
  Media,
  MediaUpload,
  Order,
  OrderSummary,
  Page,
  PaymentParameters,
  Receipt,
  ShippingAddress,
  Tokens,
} from './types';
import {newId} from '../util/ids';

export interface FeedFilters {
  category?: string;
  minPrice?: number;
  maxPrice?: number;
  condition?: string;
  size?: string;
  brand?: string;
  q?: string;
  sort?: 'newest' | 'price_asc' | 'price_desc';
  sellerId?: string;
}

function query(params: Record<string, string | number | undefined | null>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

/** Every route of docs/API.md the app uses, typed. */
export function bazaarApi(client: ApiClient) {
  const cartChange = (version: number | undefined, key: string) => ({
    headers: {
      'Idempotency-Key': key,
      ...(version === undefined ? {} : {'If-Match': `"${version}"`}),
    },
  });
  return {
    signUp: (body: {email: string; password: string; displayName: string}) =>
      client.post<Tokens>('/api/v1/auth/signup', body, {auth: false}).then(r => r.data),
    logIn: (body: {email: string; password: string}) =>
      client.post<Tokens>('/api/v1/auth/login', body, {auth: false}).then(r => r.data),
    apple: (body: {identityToken: string; nonce: string; displayName?: string}) =>
      client.post<Tokens>('/api/v1/auth/apple', body, {auth: false}).then(r => r.data),
    logOut: (refreshToken: string) =>
      client.post<void>('/api/v1/auth/logout', {refreshToken}, {auth: false}).then(() => undefined),
    me: () => client.get<Me>('/api/v1/me').then(r => r.data),

    feed: (filters: FeedFilters, cursor?: string | null, limit = 20) =>
      client.get<Page<FeedItem>>(`/api/v1/feed${query({...filters, cursor, limit})}`, {auth: false}).then(r => r.data),
    listing: (id: string) => client.get<Listing>(`/api/v1/listings/${id}`, {auth: false}).then(r => r.data),
    createListing: (draft: ListingDraft) => client.post<{id: string}>('/api/v1/listings', draft).then(r => r.data),
    updateListing: (id: string, draft: ListingDraft) =>
      client.put<void>(`/api/v1/listings/${id}`, draft).then(() => undefined),
    publishListing: (id: string) => client.post<void>(`/api/v1/listings/${id}/publish`).then(() => undefined),

    createUpload: (contentType: string, size: number) =>
      client.post<MediaUpload>('/api/v1/media/uploads', {contentType, size}).then(r => r.data),
    completeUpload: (id: string) => client.post<Media>(`/api/v1/media/${id}/complete`).then(r => r.data),

    cart: () => client.get<Cart>('/api/v1/cart').then(r => r.data),
    addToCart: (listingId: string, version?: number, key: string = newId()) =>
      client
        .post<{version: number}>('/api/v1/cart/items', {listingId, quantity: 1}, cartChange(version, key))
        .then(r => r.data),
    removeFromCart: (listingId: string, version?: number, key: string = newId()) =>
      client.delete<{version: number}>(`/api/v1/cart/items/${listingId}`, cartChange(version, key)).then(r => r.data),
    checkout: (shippingAddress: ShippingAddress) =>
      client.post<{orders: OrderSummary[]}>('/api/v1/checkout', {shippingAddress}).then(r => r.data),

    orders: (cursor?: string | null) =>
      client.get<Page<OrderSummary>>(`/api/v1/orders${query({cursor})}`).then(r => r.data),
    sales: (cursor?: string | null) =>
      client.get<Page<OrderSummary>>(`/api/v1/sales${query({cursor})}`).then(r => r.data),
    order: (id: string) => client.get<Order>(`/api/v1/orders/${id}`).then(r => r.data),
    receipt: (id: string) => client.get<Receipt>(`/api/v1/orders/${id}/receipt`).then(r => r.data),
    cancelOrder: (id: string) => client.post<void>(`/api/v1/orders/${id}/cancel`).then(() => undefined),
    shipOrder: (id: string, carrier: string, trackingNumber: string) =>
      client.post<void>(`/api/v1/orders/${id}/ship`, {carrier, trackingNumber}).then(() => undefined),
    payment: (id: string) => client.get<PaymentParameters>(`/api/v1/orders/${id}/payment`).then(r => r.data),

    chatThreads: () => client.get<Page<ChatThreadSummary>>('/api/v1/chat/threads').then(r => r.data),
    openThread: (subject: {listingId: string} | {orderId: string}) =>
      client.post<{id: string}>('/api/v1/chat/threads', subject).then(r => r.data),
    chatHistory: (threadId: string, after?: string | null, limit = 50) =>
      client
        .get<Page<ChatMessage>>(`/api/v1/chat/threads/${threadId}/messages${query({after, limit})}`)
        .then(r => r.data),
    sendChat: (threadId: string, clientMessageId: string, text: string) =>
      client
        .post<{id: string; cursor: string}>(`/api/v1/chat/threads/${threadId}/messages`, {clientMessageId, text})
        .then(r => r.data),
    markRead: (threadId: string, cursor: string) =>
      client.post<void>(`/api/v1/chat/threads/${threadId}/read`, {cursor}).then(() => undefined),
  };
}

export type BazaarApi = ReturnType<typeof bazaarApi>;
