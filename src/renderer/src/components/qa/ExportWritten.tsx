import type { ExportResult } from '../../../../shared/ipc/contract/qa'
import { useQaStore } from '../../stores/qa-store'

/**
 * Where an export was written and how many rows it holds, with "Show in folder" and "Open"; the
 * session summary and the "Export reviews" dialog both say it.
 */
export function ExportWritten({ result }: { result: ExportResult }): React.JSX.Element {
  return (
    <p className="qa-export-written" role="status" aria-label="Export result">
      Wrote {result.rows} {result.rows === 1 ? 'call' : 'calls'} as {result.format.toUpperCase()} to <code>{result.path}</code>{' '}
      <button type="button" className="link-button" onClick={() => void useQaStore.getState().revealExport(result.path, 'folder')}>
        Show in folder
      </button>{' '}
      <button type="button" className="link-button" onClick={() => void useQaStore.getState().revealExport(result.path, 'open')}>
        Open
      </button>
    </p>
  )
}
