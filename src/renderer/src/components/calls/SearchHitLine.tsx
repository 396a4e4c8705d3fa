import type { SearchHit } from '@shared/ipc/contract'
import { formatClock } from '@renderer/lib/format'
import { describeHit, markTerms } from '@renderer/lib/search-hit'

/** Under a search result: where it matched, and the excerpt with the searched words marked. */
export function SearchHitLine({ hit, text }: { hit: SearchHit; text: string }): React.JSX.Element {
  return (
    <span className="call-grid__hit" aria-hidden="true">
      <span className="call-grid__hit-where">{describeHit(hit, formatClock)}</span>
      <span className="call-grid__hit-text">
        {markTerms(hit.snippet, text).map((part, i) => (part.marked ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
      </span>
    </span>
  )
}
