import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'
import type { Plugin } from 'vite'

/**
 * `npm run dev` only: Vite's hot reload injects inline styles and a React Refresh preamble and
 * talks over a websocket, which the production CSP forbids. Builds keep the strict policy.
 */
function devCsp(): Plugin {
  return {
    name: 'call-review-dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      html
        .replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
        .replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")
        .replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*")
  }
}

// p-retry and its dependencies are ESM-only; bundle them into main rather than require() them.
const bundledDeps = ['p-retry', 'is-network-error']

export default defineConfig({
  main: {
    build: {
      externalizeDeps: { exclude: bundledDeps },
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } }
    }
  },
  preload: {
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
    build: { rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } } },
    plugins: [react(), devCsp()]
  }
})
