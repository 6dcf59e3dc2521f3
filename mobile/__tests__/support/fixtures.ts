import type {Cart, FeedItem, Listing} from '../../src/api/types';

export const feedItem = (n: number): FeedItem => ({
  id: `listing-${n}`,
  title: `Item ${n}`,
  price: {amount: 1000 + n, currency: 'EUR'},
  shippingPrice: {amount: 0, currency: 'EUR'},
  category: 'clothing',
  condition: 'good',
  size: 'M',
  brand: 'Acme',
  coverImageId: null,
  coverImageUrl: null,
  seller: {id: 'seller-1', displayName: 'Sam Seller', memberSince: '2025-01-01T00:00:00Z'},
  publishedAt: '2026-11-01T00:00:00Z',
});

export const listing = (n: number, overrides: Partial<Listing> = {}): Listing => ({
  id: `listing-${n}`,
  sellerId: 'seller-1',
  seller: {id: 'seller-1', displayName: 'Sam Seller', listingCount: 3, memberSince: '2025-01-01T00:00:00Z'},
  title: `Item ${n}`,
  description: 'A fine thing',
  price: {amount: 2500, currency: 'EUR'},
  shippingPrice: {amount: 390, currency: 'EUR'},
  category: 'clothing',
  condition: 'good',
  size: 'M',
  brand: 'Acme',
  colour: 'blue',
  photoIds: ['m1'],
  imageUrls: ['http://bazaar.test/media/m1'],
  status: 'published',
  createdAt: '2026-11-01T00:00:00Z',
  publishedAt: '2026-11-01T00:00:00Z',
  ...overrides,
});

export const emptyCart = (version = 0): Cart => ({version, lines: [], totals: []});
