/** Stands in for the call screen until it lands (it is built in its own issue). */
export function CallsPlaceholder(): React.JSX.Element {
  return (
    <main className="calls-placeholder" aria-label="Calls">
      <p>Your calls will appear here.</p>
    </main>
  )
}
