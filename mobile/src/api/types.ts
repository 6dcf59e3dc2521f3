/** Shapes of docs/API.md (checked against /v3/api-docs by __tests__/openapi.test.ts). */
export interface Money {
  amount: number;
  currency: string;
}

export interface Tokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
  tokenType: 'Bearer';
}

export interface Me {
  id: string;
  email: string;
  displayName: string;
  roles: string[];
  memberSince: string;
}

export interface SellerLabel {
  id: string;
  displayName: string;
  listingCount?: number;
  memberSince: string;
}

export interface ImageUrls {
  list: string;
  detail: string;
  original: string;
}

export interface FeedItem {
  id: string;
  title: string;
  price: Money;
  shippingPrice?: Money | null;
  category: string;
  condition: string;
  size?: string | null;
  brand?: string | null;
  coverImageId?: string | null;
  coverImageUrl?: string | null;
  /** Every size of the cover (docs/MEDIA.md, "Renditions"); `list` is at most 320 px wide. */
  coverImageUrls?: ImageUrls | null;
  seller: SellerLabel;
  publishedAt: string;
}

export interface Page<T> {
  items: T[];
  nextCursor?: string | null;
}

export type ListingStatus = 'draft' | 'published' | 'unpublished' | 'sold';

export interface Listing {
  id: string;
  sellerId: string;
  seller: SellerLabel;
  title: string;
  description?: string | null;
  price: Money;
  shippingPrice?: Money | null;
  category: string;
  condition: string;
  size?: string | null;
  brand?: string | null;
  colour?: string | null;
  photoIds: string[];
  imageUrls: string[];
  status: ListingStatus;
  createdAt: string;
  publishedAt?: string | null;
}

export interface ListingDraft {
  title: string;
  description?: string;
  price: Money;
  shippingPrice?: Money;
  category: string;
  condition: string;
  size?: string;
  brand?: string;
  colour?: string;
  photoIds?: string[];
}

export interface CartLine {
  listingId: string;
  title: string;
  price: Money;
  shippingPrice?: Money | null;
  quantity: number;
  status: string;
  available: boolean;
  coverImageId?: string | null;
  coverImageUrl?: string | null;
}

export interface CartTotals {
  items: Money;
  shipping: Money;
  total: Money;
}

export interface Cart {
  version: number;
  lines: CartLine[];
  totals: CartTotals[];
}

export interface ShippingAddress {
  name: string;
  line1: string;
  line2?: string;
  city: string;
  postalCode: string;
  country: string;
}

export type OrderStatus =
  'PENDING_PAYMENT' | 'PAID' | 'SHIPPED' | 'DELIVERED' | 'CANCELLED' | 'REFUND_REQUESTED' | 'REFUNDED' | string;

/** An order's line as the API sends it (`OrderLine` in api-contracts): the price is `unitPrice`. */
export interface OrderLine {
  listingId: string;
  title: string;
  unitPrice: Money;
  shippingPrice?: Money | null;
  quantity: number;
}

export interface OrderSummary {
  id: string;
  status: OrderStatus;
  sellerId: string;
  buyerId?: string;
  lines: OrderLine[];
  itemsTotal: Money;
  shippingTotal: Money;
  total: Money;
  payBy?: string;
  placedAt?: string;
}

export interface TimelineEntry {
  status: OrderStatus;
  at: string;
  note?: string | null;
}

export interface Order extends OrderSummary {
  buyerId: string;
  shippingAddress: ShippingAddress;
  paymentReference?: string | null;
  shipment?: {carrier: string; trackingNumber: string} | null;
  timeline: TimelineEntry[];
}

export interface Receipt {
  orderId?: string;
  lines: OrderLine[];
  itemsTotal: Money;
  shippingTotal: Money;
  total: Money;
  paidAt: string;
  paymentReference: string;
}

export interface PaymentParameters {
  paymentIntentId: string;
  clientSecret: string;
  publishableKey: string;
  amount: number;
  currency: string;
  status: string;
}

export interface MediaUpload {
  id: string;
  uploadUrl: string;
  expiresAt: string;
}

export interface Media {
  id: string;
  status: 'PENDING' | 'READY';
  contentType: string;
  size: number;
  url?: string;
}

/** Chat (issue 11 / docs/CHAT.md). */
export type ChatSide = 'buyer' | 'seller' | 'admin';

export interface ChatMessage {
  id: string;
  from: ChatSide;
  text: string;
  sentAt: string;
  cursor: string;
  clientMessageId?: string | null;
  status?: string | null;
}

/** An inbox entry as `GET /api/v1/chat/threads` and `chat.inbox` send it (docs/CHAT.md). */
export interface ChatThreadSummary {
  threadId: string;
  subject: {type: 'listing' | 'order'; id: string};
  side: 'buyer' | 'seller';
  lastMessage?: ChatMessage | null;
  unread: number;
}

export interface Notification {
  id?: string;
  kind: string;
  title: string;
  body?: string;
  threadId?: string;
  orderId?: string;
  listingId?: string;
}
