/**
 * What shows for the moment a dialog's code loads on demand (React.lazy): a small status at the
 * centre of the window, announced as "Loading <what>". Local files load in milliseconds, so it
 * is rarely seen; it draws no backdrop, so nothing flashes.
 */
export function LoadingDialog({ what }: { what: string }): React.JSX.Element {
  return (
    <div className="loading-dialog" role="status" aria-label={`Loading ${what}`}>
      Loading {what}…
    </div>
  )
}
