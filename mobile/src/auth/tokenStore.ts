import * as Keychain from 'react-native-keychain';
import type {Tokens} from '../api/types';

import type {TokenStore} from './memoryTokenStore';
export {memoryTokenStore} from './memoryTokenStore';
export type {TokenStore} from './memoryTokenStore';

const SERVICE = 'com.bazaar.session';

/** iOS Keychain / Android Keystore-backed storage, readable only while the device is unlocked. */
export const keychainTokenStore: TokenStore = {
  async load() {
    const entry = await Keychain.getGenericPassword({service: SERVICE});
    if (!entry) {
      return null;
    }
    try {
      return JSON.parse(entry.password) as Tokens;
    } catch {
      return null;
    }
  },
  async save(tokens) {
    await Keychain.setGenericPassword('bazaar', JSON.stringify(tokens), {
      service: SERVICE,
      accessible: Keychain.ACCESSIBLE.WHEN_UNLOCKED_THIS_DEVICE_ONLY,
    });
  },
  async clear() {
    await Keychain.resetGenericPassword({service: SERVICE});
  },
};
