import { useEffect, useRef, useState } from 'react'
import { drawPeaks, type Peaks } from './waveform-draw'

const COLOUR_QUERIES = ['(prefers-color-scheme: dark)', '(forced-colors: active)'] as const

/** Which of the colour settings the canvas was drawn for, as one key ("dark forced", "light"). */
function colourScheme(): string {
  const [dark, forced] = COLOUR_QUERIES.map((q) => window.matchMedia(q).matches)
  return `${dark ? 'dark' : 'light'}${forced ? ' forced' : ''}`
}

/**
 * The waveform of a recording as a canvas drawn once per size and theme in its CSS `color`
 * (so the played copy is the same component in another colour, clipped by its parent).
 */
export function Waveform({ peaks, className }: { peaks: Peaks; className: string }): React.JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null)
  const [size, setSize] = useState<{ width: number; height: number } | null>(null)
  // The colours to draw in change with the theme and with forced colours (high contrast).
  const [scheme, setScheme] = useState(colourScheme)

  useEffect(() => {
    const queries = COLOUR_QUERIES.map((q) => window.matchMedia(q))
    const onChange = (): void => setScheme(colourScheme())
    for (const media of queries) media.addEventListener('change', onChange)
    return () => {
      for (const media of queries) media.removeEventListener('change', onChange)
    }
  }, [])

  useEffect(() => {
    const el = canvas.current?.parentElement
    if (!el) return
    const observer = new ResizeObserver(([entry]) => {
      const box = entry?.contentRect
      if (box) setSize((old) => (old && old.width === box.width && old.height === box.height ? old : { width: box.width, height: box.height }))
    })
    observer.observe(el)
    return () => observer.disconnect()
  }, [])

  useEffect(() => {
    const el = canvas.current
    const ctx = el?.getContext('2d')
    if (!el || !ctx || !size) return
    const ratio = window.devicePixelRatio || 1
    const width = Math.max(1, Math.round(size.width * ratio))
    const height = Math.max(1, Math.round(size.height * ratio))
    if (el.width !== width) el.width = width
    if (el.height !== height) el.height = height
    ctx.fillStyle = getComputedStyle(el).color
    drawPeaks(ctx, peaks, width, height)
  }, [peaks, size, scheme])

  return <canvas ref={canvas} className={className} aria-hidden="true" />
}
