import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'
import { CONTENT_SECURITY_POLICY, cspFor } from './src/shared/csp'
import { deferAppStylesPlugin } from './build/defer-app-styles'
import { updateFeedUrl } from './build/update-feed'
import packageJson from './package.json'

/**
 * `npm run dev` only: Vite's hot reload injects inline styles and a React Refresh preamble and
 * talks over a websocket, which the shipped CSP forbids. Builds keep the shipped policy; main
 * sends the same dev variant as a header while the dev server is in use (sessionCsp).
 */
function devCsp(): Plugin {
  return {
    name: 'call-review-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) => {
      const meta = `content="${CONTENT_SECURITY_POLICY}"`
      if (!html.includes(meta))
        throw new Error('src/renderer/index.html must carry CONTENT_SECURITY_POLICY from src/shared/csp.ts as its CSP <meta>.')
      return html.replace(meta, `content="${cspFor({ dev: true })}"`)
    }
  }
}

/** The path aliases of tsconfig.base.json; the renderer gets no @main (it must not reach into main). */
const shared = { '@shared': resolve(__dirname, 'src/shared') }
const mainAliases = { ...shared, '@main': resolve(__dirname, 'src/main') }
const rendererAliases = { ...shared, '@renderer': resolve(__dirname, 'src/renderer/src') }

// p-retry and its dependencies are ESM-only; bundle them into main rather than require() them.
const bundledDeps = ['p-retry', 'is-network-error']

/**
 * Main's build-time facts (src/main/build-flags.ts): a development build only under
 * `electron-vite dev`, so dev overrides are compiled out of every other build.
 */
function mainDefines(mode: string): Record<string, string> {
  return {
    __CALL_REVIEW_DEV_BUILD__: JSON.stringify(mode === 'development'),
    __CALL_REVIEW_UPDATE_FEED__: JSON.stringify(updateFeedUrl(process.env) ?? ''),
    __CALL_REVIEW_ISSUES_URL__: JSON.stringify(packageJson.bugs.url)
  }
}

export default defineConfig(({ mode }) => ({
  main: {
    resolve: { alias: mainAliases },
    define: mainDefines(mode),
    build: {
      externalizeDeps: { exclude: bundledDeps },
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } }
    }
  },
  preload: {
    resolve: { alias: shared },
    // A sandboxed preload must be a single CommonJS file (Electron security checklist #4).
    build: {
      // Sandboxed preloads cannot require() packages: bundle zod and the contract in.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    resolve: { alias: rendererAliases },
    build: {
      // Minified, and split where the code says import(): the QA, settings, template and export
      // screens are separate chunks loaded on demand (docs/decisions/renderer-bundle-split.md).
      // `npm run bench -- bundle` reports each chunk's size.
      minify: true,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/renderer/index.html') },
        // The libraries every screen runs on, in one chunk named for what it is; zod in its own,
        // loaded only with the screens that check input with a schema (the first screen builds
        // none: docs/decisions/cold-start.md); the rest of node_modules (recharts, wavesurfer)
        // stays with the screen that imports it.
        output: {
          codeSplitting: {
            groups: [
              { name: 'vendor', test: /node_modules[\\/](react|react-dom|scheduler|zustand)[\\/]/ },
              { name: 'zod', test: /node_modules[\\/]zod[\\/]/ }
            ]
          }
        }
      }
    },
    plugins: [react(), devCsp(), deferAppStylesPlugin()]
  }
}))
