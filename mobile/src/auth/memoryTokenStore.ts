import type {Tokens} from '../api/types';

/** Where the session lives between launches. */
export interface TokenStore {
  load(): Promise<Tokens | null>;
  save(tokens: Tokens): Promise<void>;
  clear(): Promise<void>;
}

export function memoryTokenStore(initial: Tokens | null = null): TokenStore {
  let current = initial;
  return {
    async load() {
      return current;
    },
    async save(t) {
      current = t;
    },
    async clear() {
      current = null;
    },
  };
}
