import type {Tokens} from '../api/types';
import type {TokenStore} from './memoryTokenStore';
export {memoryTokenStore} from './memoryTokenStore';
export type {TokenStore} from './memoryTokenStore';

const KEY = 'bazaar.session';

/** The browser build (e2e and previews) has no keychain: sessionStorage, gone with the tab. */
export const keychainTokenStore: TokenStore = {
  async load() {
    const raw = globalThis.sessionStorage?.getItem(KEY);
    return raw ? (JSON.parse(raw) as Tokens) : null;
  },
  async save(tokens) {
    globalThis.sessionStorage?.setItem(KEY, JSON.stringify(tokens));
  },
  async clear() {
    globalThis.sessionStorage?.removeItem(KEY);
  },
};
