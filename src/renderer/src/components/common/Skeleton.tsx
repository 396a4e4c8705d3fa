import '@renderer/styles/common.css'

/**
 * A grey placeholder bar where text will be; `width` as a CSS length. `still` bars do not
 * shimmer: rows of a fast-scrolling list pass by in a frame or two, and animating hundreds of
 * them would repaint the list every frame for nothing.
 */
export function SkeletonBar({ width = '100%', height = 12, still = false }: { width?: string; height?: number; still?: boolean }): React.JSX.Element {
  return <span className={still ? 'skeleton skeleton--still' : 'skeleton'} aria-hidden="true" style={{ width, height }} />
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
