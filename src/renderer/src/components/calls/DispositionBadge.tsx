import { formatDisposition } from '@renderer/lib/format'

/** A call's disposition as a coloured badge; the colour repeats the word, never replaces it. */
export function DispositionBadge({ disposition }: { disposition: string | null | undefined }): React.JSX.Element {
  const modifier = disposition ? disposition.toLowerCase().replace(/\s+/g, '-') : 'unknown'
  return <span className={`badge badge--${modifier}`}>{formatDisposition(disposition)}</span>
}
