// Flat config. The import-boundary rules below are what keep services testable without
// Electron (conventions.md): only the composition layer of src/main imports 'electron', and
// code that must run anywhere (src/shared, src/renderer) never imports electron or node:*.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import globals from 'globals'

/** The composition layer: the only files of src/main allowed to import 'electron'. */
export const COMPOSITION_FILES = ['src/main/index.ts', 'src/main/security.ts', 'src/main/ipc-main.ts']

const electronBan = {
  name: 'electron',
  message: "Only the composition layer (src/main/index.ts and its siblings) may import 'electron'; take what you need as a constructor argument."
}
const nodeBuiltins = [
  'fs', 'path', 'os', 'child_process', 'http', 'https', 'net', 'crypto', 'url', 'stream', 'events', 'util', 'zlib', 'worker_threads'
]

export default tseslint.config(
  { ignores: ['.scratch/**', 'out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }]
    }
  },
  {
    files: ['src/main/**/*.ts'],
    ignores: COMPOSITION_FILES,
    rules: { 'no-restricted-imports': ['error', { paths: [electronBan] }] }
  },
  {
    files: ['src/shared/**/*.{ts,tsx}', 'src/renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { ...electronBan, message: "src/shared and src/renderer run anywhere: no 'electron' here." },
            ...nodeBuiltins.map((name) => ({ name, message: 'src/shared and src/renderer run anywhere: no Node built-ins here.' }))
          ],
          patterns: [{ group: ['node:*'], message: 'src/shared and src/renderer run anywhere: no node:* imports here.' }]
        }
      ]
    }
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules }
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.mjs'],
    rules: { 'no-console': 'off' }
  }
)
