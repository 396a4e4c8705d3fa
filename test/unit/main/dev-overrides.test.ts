/** Development overrides (src/main/services/dev-overrides.ts) are a build-time decision. */
import { describe, expect, it } from 'vitest'
import { devOverrides } from '@main/services/dev-overrides'

describe('development overrides', () => {
  it('are ignored in a production build, whatever the environment says', () => {
    expect(devOverrides(false, { ELECTRON_RENDERER_URL: 'http://localhost:5173/' })).toEqual({ rendererUrl: undefined })
  })

  it('point a development build at the dev server', () => {
    expect(devOverrides(true, { ELECTRON_RENDERER_URL: 'http://localhost:5173/' })).toEqual({ rendererUrl: 'http://localhost:5173/' })
    expect(devOverrides(true, {})).toEqual({ rendererUrl: undefined })
  })

  it.each(['https://evil.example/', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url'])('refuse a dev server at %s', (url) => {
    expect(devOverrides(true, { ELECTRON_RENDERER_URL: url }).rendererUrl).toBeUndefined()
  })
})
