// Builds the app for the browser with react-native-web, for the end-to-end run (e2e/run.mjs). The same sources as
// the native build: `.web.ts(x)` files replace the native edges (token storage, photo picker, payment sheet, Apple
// sign-in, crash reporting), exactly as Metro picks `.ios`/`.android` files.
import {fileURLToPath} from 'node:url';
import {defineConfig} from 'vite';

const mobile = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  logLevel: 'warn',
  define: {
    __DEV__: 'false',
    global: 'globalThis',
    'process.env.NODE_ENV': JSON.stringify('production'),
    'process.env.EXPO_OS': JSON.stringify('web'),
  },
  resolve: {
    alias: [{find: /^react-native$/, replacement: 'react-native-web'}],
    extensions: ['.web.tsx', '.web.ts', '.web.mjs', '.web.js', '.tsx', '.ts', '.mjs', '.js', '.jsx', '.json'],
    // Never the "react-native" condition: it points packages at untranspiled sources meant for Metro.
    conditions: ['browser', 'import', 'module', 'default'],
  },
  build: {
    outDir: `${mobile}/build/web`,
    emptyOutDir: true,
    sourcemap: true,
    chunkSizeWarningLimit: 4000,
    rolldownOptions: {
      // Libraries' 'use client' directives mean nothing in a client-only bundle.
      onwarn(warning, warn) {
        if (warning.code !== 'MODULE_LEVEL_DIRECTIVE') warn(warning);
      },
    },
  },
});
