import '../../styles/common.css'

/** A grey placeholder bar where text will be; `width` as a CSS length. */
export function SkeletonBar({ width = '100%', height = 12 }: { width?: string; height?: number }): React.JSX.Element {
  return <span className="skeleton" aria-hidden="true" style={{ width, height }} />
}

/**
 * Placeholder lines while something loads, announced once as "Loading <label>" so a screen
 * reader hears what is coming rather than a list of empty shapes.
 */
export function SkeletonBlock({ label, lines = 3 }: { label: string; lines?: number }): React.JSX.Element {
  const widths = ['92%', '78%', '85%', '64%', '88%', '70%']
  return (
    <div className="skeleton-block" role="status" aria-label={`Loading ${label}`}>
      {Array.from({ length: lines }, (_, i) => (
        <SkeletonBar key={i} width={widths[i % widths.length]} />
      ))}
    </div>
  )
}
