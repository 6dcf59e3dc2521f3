/* Native modules that have no JS fallback: their libraries' own mocks, or small stand-ins. */
jest.mock('@react-native-community/netinfo', () => require('@react-native-community/netinfo/jest/netinfo-mock.js'));
jest.mock('react-native-safe-area-context', () => require('react-native-safe-area-context/jest/mock').default);
jest.mock('@stripe/stripe-react-native', () => require('@stripe/stripe-react-native/jest/mock.js'));
jest.mock('@invertase/react-native-apple-authentication', () => ({
  appleAuth: {isSupported: false, Operation: {LOGIN: 1}, Scope: {EMAIL: 0, FULL_NAME: 1}, performRequest: jest.fn()},
}));
jest.mock('react-native-keychain', () => ({
  ACCESSIBLE: {WHEN_UNLOCKED_THIS_DEVICE_ONLY: 'AccessibleWhenUnlockedThisDeviceOnly'},
  getGenericPassword: jest.fn(async () => false),
  setGenericPassword: jest.fn(async () => true),
  resetGenericPassword: jest.fn(async () => true),
}));
jest.mock('@sentry/react-native', () => ({
  init: jest.fn(),
  captureException: jest.fn(),
  setUser: jest.fn(),
}));
jest.mock('react-native-image-picker', () => ({launchImageLibrary: jest.fn()}));
