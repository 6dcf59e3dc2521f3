// ESLint flat config (issue 15): typescript-eslint's recommended rules, React hooks rules, and nothing about
// formatting (Prettier owns that; `npm run format:check`). Run by `npm run lint` and by mobile/pom.xml.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {ignores: ['node_modules/', 'build/', 'coverage/', 'fastlane/', 'ios/', 'android/']},
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: {'react-hooks': reactHooks},
    languageOptions: {globals: {...globals.browser, __DEV__: 'readonly'}},
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
      '@typescript-eslint/no-unused-vars': ['error', {argsIgnorePattern: '^_', varsIgnorePattern: '^_'}],
    },
  },
  {
    files: ['__tests__/**', 'jest.setup.ts'],
    languageOptions: {globals: {...globals.jest, ...globals.node}},
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      // jest.mock factories are hoisted above imports, so they must require().
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: {globals: {...globals.node, __DEV__: 'readonly'}},
    rules: {'@typescript-eslint/no-require-imports': 'off'},
  },
);
