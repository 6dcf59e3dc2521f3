const path = require('path');

const rnDir = path.dirname(require.resolve('react-native/package.json'));

module.exports = {
  preset: '@react-native/jest-preset',
  moduleNameMapper: {
    // The 0.87 preset's generic mapper turns this export into a directory path; point it at the file.
    '^react-native/react-private-interface$': `${rnDir}/src/react-private-interface.js`,
    // msw/node declares no react-native build; the tests run in Node, so use its Node entry.
    '^msw/node$': '<rootDir>/node_modules/msw/lib/node/index.js',
    '^react-native/setup-env$': `${rnDir}/src/setup-env.js`,
    '^react-native($|/.*)': `${rnDir}/$1`,
  },
  transformIgnorePatterns: [
    'node_modules/(?!((jest-)?react-native|@react-native(-community)?|@react-navigation|react-native-.*|@stripe|@sentry|@invertase|rsocket-.*)/)',
  ],
  setupFiles: ['<rootDir>/jest.setup.ts'],
  testMatch: ['<rootDir>/__tests__/**/*.test.ts?(x)'],
  // A cold transform cache on a 2-core machine needs this for the first screen test.
  testTimeout: 30000,
};
