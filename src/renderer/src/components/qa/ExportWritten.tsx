import type { ExportResult, ReportResult } from '@shared/ipc/contract/qa'
import { useQaStore } from '@renderer/stores/qa-store'

/** What a file holds: "5 calls as CSV", "an HTML report of 2 sessions". */
export function describeExport(result: ExportResult | ReportResult): string {
  if ('rows' in result) return `${result.rows} ${result.rows === 1 ? 'call' : 'calls'} as ${result.format.toUpperCase()}`
  return `${result.format === 'html' ? 'an' : 'a'} ${result.format.toUpperCase()} report of ${result.sessions} ${result.sessions === 1 ? 'session' : 'sessions'}`
}

/** The path with a break opportunity after each separator, so a long one wraps between folders, not mid-name. */
function breakablePath(path: string): React.ReactNode[] {
  return path.split(/(?<=[/\\])/).flatMap((part, i) => (i === 0 ? [part] : [<wbr key={i} />, part]))
}

/**
 * Where an export (or a printable report) was written and what it holds, with "Show in folder"
 * and "Open"; the session summary, the sessions list and the "Export reviews" dialog all say it.
 */
export function ExportWritten({ result }: { result: ExportResult | ReportResult }): React.JSX.Element {
  return (
    <p className="qa-export-written" role="status" aria-label="Export result">
      Wrote {describeExport(result)} to <code>{breakablePath(result.path)}</code>{' '}
      <span className="qa-export-written__actions">
        <button type="button" className="link-button" onClick={() => void useQaStore.getState().revealExport(result.path, 'folder')}>
          Show in folder
        </button>{' '}
        <button type="button" className="link-button" onClick={() => void useQaStore.getState().revealExport(result.path, 'open')}>
          Open
        </button>
      </span>
    </p>
  )
}
