/** How QA values read to people, the same in the app and in exports. */

/** Playback time as "01:23", or "1:02:03" past an hour; fractions are dropped, never rounded up. */
export function formatPlaybackTime(seconds: number): string {
  const whole = Math.max(0, Math.floor(Number.isFinite(seconds) ? seconds : 0))
  const h = Math.floor(whole / 3600)
  const m = Math.floor((whole % 3600) / 60)
  const s = whole % 60
  const pad = (n: number): string => String(n).padStart(2, '0')
  return h > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`
}

/** Session progress as the queue shows it: "12 / 40". */
export function formatProgress(reviewed: number, total: number): string {
  return `${reviewed} / ${total}`
}

/** A score for display: one decimal, "—" when there is none. */
export function formatScore(score: number | null): string {
  return score === null ? '—' : `${(Math.round(score * 10) / 10).toFixed(1)} %`
}

/** An answer as a cell or a label shows it. */
export function formatAnswer(answer: string | number | undefined): string {
  if (answer === undefined) return ''
  if (answer === 'na') return 'N/A'
  return String(answer)
}

/** An answer as the scorecard says it: Yes, No, N/A, a rating's number, or a dash for none. */
export function answerText(answer: 'yes' | 'no' | 'na' | number | null): string {
  if (answer === null) return '—'
  if (answer === 'yes') return 'Yes'
  if (answer === 'no') return 'No'
  if (answer === 'na') return 'N/A'
  return String(answer)
}

/** "ANSWERED" → "Answered", "NO ANSWER" → "No answer": a disposition as people read it. */
export function formatDisposition(disposition: string | null | undefined): string {
  if (!disposition) return 'Unknown'
  const lower = disposition.replace(/_/g, ' ').toLowerCase()
  return lower.charAt(0).toUpperCase() + lower.slice(1)
}
