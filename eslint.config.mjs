// Flat config. The import-boundary rules below are what keep services testable without
// Electron (docs/architecture.md "Where code lives"): only the composition layer of src/main
// imports 'electron', and code that must run anywhere (src/shared, src/renderer) never imports
// electron or node:*.
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import reactHooks from 'eslint-plugin-react-hooks'
import { importX, createNodeResolver } from 'eslint-plugin-import-x'
import globals from 'globals'
import { builtinModules } from 'node:module'
import { resolve } from 'node:path'

/** The path aliases, as tsconfig.json, electron-vite and Vitest spell them. */
const ALIASES = {
  '@shared': resolve(import.meta.dirname, 'src/shared'),
  '@main': resolve(import.meta.dirname, 'src/main'),
  '@renderer': resolve(import.meta.dirname, 'src/renderer/src'),
  '@test': resolve(import.meta.dirname, 'test')
}

/** The composition layer: the only files of src/main allowed to import 'electron'. */
export const COMPOSITION_FILES = ['src/main/index.ts', 'src/main/security.ts', 'src/main/ipc-main.ts', 'src/main/app-menu.ts', 'src/main/updates.ts']

/** 'electron' and every subpath ('electron/main', 'electron/renderer', ...). */
const ELECTRON = '^electron(/.*)?$'
/**
 * Every Node built-in, from Node itself rather than a hand-kept list: with or without the
 * `node:` prefix, and their subpaths ('fs/promises'); plus anything `node:*` (node:test, node:sea).
 */
const NODE_BUILTIN = `^(node:.*|(${builtinModules
  .map((name) => name.replace(/^node:/, '').split('/')[0])
  .filter((name, i, all) => all.indexOf(name) === i)
  .join('|')})(/.*)?)$`

const mainMessage =
  "Only the composition layer (src/main/index.ts and its siblings) may import 'electron'; take what you need as a constructor argument."
const anywhereMessage = "src/shared and src/renderer run anywhere: no 'electron' and no Node built-ins here."

/**
 * Static imports, re-exports and `import x = require('x')` go through no-restricted-imports;
 * `import('x')` and `require('x')` are not imports to that rule, so they are banned as syntax.
 */
function banModules(regex, message) {
  // esquery's /regex/ cannot contain a slash, not even escaped: spell it \x2F.
  const source = `/${regex.replaceAll('/', '\\x2F')}/`
  return {
    'no-restricted-imports': ['error', { patterns: [{ regex, message }] }],
    'no-restricted-syntax': [
      'error',
      { selector: `ImportExpression[source.value=${source}]`, message },
      { selector: `CallExpression[callee.name='require'][arguments.0.value=${source}]`, message }
    ]
  }
}

const SOURCE_FILES = '{ts,tsx,mts,cts}'

/** Renderer modules loaded on demand (React.lazy chunks) that check input with a contract schema. */
const SCHEMA_USERS_ON_DEMAND = [
  'src/renderer/src/components/auth/PasswordSignInForm.tsx',
  'src/renderer/src/components/auth/TokenSignInForm.tsx',
  'src/renderer/src/components/qa/StartSessionDialog.tsx',
  'src/renderer/src/components/qa/templates/template-draft.ts'
]

export default tseslint.config(
  { ignores: ['.scratch/**', 'out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'resources/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts,cts,mjs,js}'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }]
    }
  },
  {
    files: [`src/main/**/*.${SOURCE_FILES}`],
    ignores: COMPOSITION_FILES,
    rules: banModules(ELECTRON, mainMessage)
  },
  {
    files: [`src/shared/**/*.${SOURCE_FILES}`, `src/renderer/**/*.${SOURCE_FILES}`],
    rules: banModules(`(${ELECTRON})|(${NODE_BUILTIN})`, anywhereMessage)
  },
  {
    files: [`src/renderer/**/*.${SOURCE_FILES}`],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules }
  },
  {
    // The first screen builds no zod schema: the renderer takes the contract's limits and choices
    // from contract/values.ts and the API's vocabularies from convirza/vocabulary.ts; the schema
    // modules build every schema they hold when evaluated (~100-250 ms of a cold start here, see
    // docs/decisions/cold-start.md). Types from them are free. Only code loaded on demand may
    // check input with a schema.
    files: [`src/renderer/**/*.${SOURCE_FILES}`],
    ignores: SCHEMA_USERS_ON_DEMAND,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^@shared/(ipc/contract(/(?!values$|types$)[^/]+)?|convirza/(schemas|query-schema)|qa/(schemas|sample)|errors)$',
              allowTypeImports: true,
              message:
                'This module builds zod schemas when it is evaluated. Import its limits and choices from @shared/ipc/contract/values or @shared/convirza/vocabulary, and its types with `import type` (docs/decisions/cold-start.md).'
            }
          ]
        }
      ]
    }
  },
  {
    // Rules that need types, for the bugs they catch here: a promise nobody awaits loses its
    // rejection (a failed save no one hears of); an async function where a void callback is
    // expected (an event handler, a forEach) does the same; a switch over a union that misses
    // a member when the union grows.
    files: [`{src,test}/**/*.${SOURCE_FILES}`, '*.ts', '*.mts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }]
    }
  },
  {
    // No import cycles: a cycle makes load order decide what is undefined at start-up, and
    // says two modules are one. Within src only (tests import src, never the reverse).
    files: [`src/**/*.${SOURCE_FILES}`],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': importX.flatConfigs.typescript.settings['import-x/extensions'],
      'import-x/parsers': importX.flatConfigs.typescript.settings['import-x/parsers'],
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.mts', '.js', '.mjs', '.json'],
          alias: Object.fromEntries(Object.entries(ALIASES).map(([name, path]) => [name, [path]]))
        })
      ]
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] }
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.mjs'],
    rules: { 'no-console': 'off' }
  }
)
