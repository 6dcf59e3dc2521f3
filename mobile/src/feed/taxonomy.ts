/** Slugs of docs/TAXONOMY.md; the server is the source of truth, these are the labels the app shows. */
export const categories: Array<[string, string]> = [
  ['clothing', 'Clothing'],
  ['shoes', 'Shoes'],
  ['accessories', 'Accessories & jewellery'],
  ['bags', 'Bags'],
  ['home', 'Home & garden'],
  ['electronics', 'Electronics'],
  ['books', 'Books'],
  ['music_film', 'Music & film'],
  ['toys_games', 'Toys & games'],
  ['sports', 'Sports & outdoors'],
  ['kids', 'Baby & kids'],
  ['beauty', 'Beauty'],
  ['other', 'Other'],
];

export const conditions: Array<[string, string]> = [
  ['new', 'New'],
  ['like_new', 'Like new'],
  ['good', 'Good'],
  ['fair', 'Fair'],
];

export const label = (table: Array<[string, string]>, slug: string) => table.find(([s]) => s === slug)?.[1] ?? slug;
