import { useEffect, useRef, useState } from 'react'
import { drawPeaks, type Peaks } from './waveform-draw'

/**
 * The waveform of a recording as a canvas drawn once per size and theme in its CSS `color`
 * (so the played copy is the same component in another colour, clipped by its parent).
 */
export function Waveform({ peaks, className }: { peaks: Peaks; className: string }): React.JSX.Element {
  const canvas = useRef<HTMLCanvasElement>(null)
  const [size, setSize] = useState<{ width: number; height: number } | null>(null)
  const [scheme, setScheme] = useState(() => window.matchMedia('(prefers-color-scheme: dark)').matches)

  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)')
    const onChange = (): void => setScheme(media.matches)
    media.addEventListener('change', onChange)
    return () => media.removeEventListener('change', onChange)
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
