/**
 * Draws a recording's precomputed peaks (one min/max pair per column, from main) on a canvas:
 * one vertical bar per device pixel column, scaled so the loudest peak fills the height
 * (telephone audio is quiet; an unscaled waveform would be a flat line). Pure drawing, no
 * audio: the renderer never decodes a recording (docs/decisions/waveform.md).
 */
export interface Peaks {
  min: ArrayLike<number>
  max: ArrayLike<number>
}

/** Fill `ctx` (width × height device pixels) with the waveform in its current fillStyle. */
export function drawPeaks(ctx: CanvasRenderingContext2D, peaks: Peaks, width: number, height: number): void {
  ctx.clearRect(0, 0, width, height)
  const n = Math.min(peaks.min.length, peaks.max.length)
  if (n === 0 || width <= 0 || height <= 0) return
  let loudest = 0
  for (let i = 0; i < n; i += 1) loudest = Math.max(loudest, Math.abs(peaks.min[i] as number), Math.abs(peaks.max[i] as number))
  const scale = loudest > 0 ? 1 / loudest : 1
  const middle = height / 2
  const half = middle - 1
  // One path filled once: a few thousand rects cost one rasterisation instead of one each.
  ctx.beginPath()
  for (let x = 0; x < width; x += 1) {
    // The columns this pixel covers: several when zoomed out, one (repeated) when zoomed in.
    const from = Math.floor((x * n) / width)
    const to = Math.max(from + 1, Math.floor(((x + 1) * n) / width))
    let lo = 0
    let hi = 0
    for (let i = from; i < to && i < n; i += 1) {
      lo = Math.min(lo, peaks.min[i] as number)
      hi = Math.max(hi, peaks.max[i] as number)
    }
    const top = middle - hi * scale * half
    const bottom = middle - lo * scale * half
    // At least one pixel, so silence still reads as a line rather than a gap.
    ctx.rect(x, top, 1, Math.max(1, bottom - top))
  }
  ctx.fill()
}
