/**
 * The first frame (docs/decisions/cold-start.md, "Item 5: the first paint"): index.html carries
 * the splash StartupScreen renders, styled by public/boot.css alone, so React's first render
 * replaces it with the same thing. Kept in step here: the markup, and boot.css's colours against
 * tokens.css.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { StartupScreen } from '@renderer/components/shell/StartupScreen'

const renderer = resolve(import.meta.dirname, '../../../src/renderer')
const read = (path: string): string => readFileSync(resolve(renderer, path), 'utf8')

/** The custom properties set in the first `:root {…}` of `css`, and in the dark scheme's. */
function colours(css: string): { light: Record<string, string>; dark: Record<string, string> } {
  const props = (block: string): Record<string, string> =>
    Object.fromEntries([...block.matchAll(/(--[a-z-]+):\s*([^;]+);/g)].map((m) => [m[1] as string, (m[2] as string).trim()]))
  const light = /:root\s*{([^}]*)}/.exec(css)?.[1] ?? ''
  const dark = /@media \(prefers-color-scheme: dark\)\s*{\s*:root\s*{([^}]*)}/.exec(css)?.[1] ?? ''
  return { light: props(light), dark: props(dark) }
}

/** Markup with the whitespace between tags, and self-closed empty SVG shapes, as React writes them. */
function normalise(html: string): string {
  return html
    .replace(/>\s+</g, '><')
    .replace(/<(rect|path)([^>]*?)\s*\/>/g, '<$1$2></$1>')
    .trim()
}

describe('the splash in index.html', () => {
  it('is the markup StartupScreen renders while the sign-in state is unknown', () => {
    const root = /<div id="root">([\s\S]*?)<\/div>\s*(?:<script|<\/body>)/.exec(read('index.html'))?.[1]
    expect(root, 'index.html has no #root with content').toBeDefined()
    const react = renderToStaticMarkup(createElement(StartupScreen, { error: null, version: undefined, onRetry: () => {} }))
    expect(normalise(root ?? '')).toBe(react)
  })

  it('is styled by boot.css, the only stylesheet index.html links itself', () => {
    const links = [...read('index.html').matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1])
    expect(links).toEqual(['/boot.css'])
  })

  it('has boot.css’s colours equal to tokens.css’s, light and dark', () => {
    const boot = colours(read('public/boot.css'))
    const tokens = colours(read('src/styles/tokens.css'))
    for (const scheme of ['light', 'dark'] as const) {
      const names = Object.keys(boot[scheme])
      expect(names.sort()).toEqual(['--accent', '--bg', '--fg'])
      for (const name of names) expect(boot[scheme][name], `${scheme} ${name}`).toBe(tokens[scheme][name])
    }
  })
})
