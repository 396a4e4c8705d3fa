import { useId, useState } from 'react'
import type { AppErrorInfo } from '@shared/errors'
import type { LibraryStats } from '@shared/ipc/contract'
import { BYTES_PER_GB, BYTES_PER_MB, bytesToGbInput, formatBytes } from './format'

interface CacheLimitFormProps {
  stats: LibraryStats
  busy: boolean
  error: AppErrorInfo | null
  onSave: (bytes: number) => Promise<boolean>
}

/** Matches the contract's rule (library:setCacheLimit): at least 100 MB. */
const MIN_BYTES = 100 * BYTES_PER_MB

/**
 * The recording cache's size cap (default 5 GB, settable). When it is full the least
 * recently played recordings go first; the meter shows how much of it is in use.
 */
export function CacheLimitForm({ stats, busy, error, onSave }: CacheLimitFormProps): React.JSX.Element {
  const [value, setValue] = useState(() => bytesToGbInput(stats.recordingCacheLimitBytes))
  const [localError, setLocalError] = useState<string | null>(null)
  const [saved, setSaved] = useState(false)
  const inputId = useId()
  const noteId = useId()
  const limit = stats.recordingCacheLimitBytes
  const used = Math.min(stats.recordingBytes, limit)
  const serverError = error?.fields?.find((f) => f.field === 'bytes')?.message ?? error?.message ?? null
  const shownError = localError ?? serverError
  const unchanged = value.trim() === bytesToGbInput(limit)

  const submit = async (): Promise<void> => {
    setSaved(false)
    const gb = Number(value.replace(',', '.'))
    if (!Number.isFinite(gb) || value.trim() === '') {
      setLocalError('Enter the limit as a number of gigabytes, e.g. 5 or 0.5.')
      return
    }
    const bytes = Math.round(gb * BYTES_PER_GB)
    if (bytes < MIN_BYTES) {
      setLocalError('The recording cache needs at least 100 MB (0.1 GB).')
      return
    }
    setLocalError(null)
    if (await onSave(bytes)) setSaved(true)
  }

  return (
    <form
      className="cache-limit"
      noValidate
      onSubmit={(event) => {
        event.preventDefault()
        void submit()
      }}
    >
      <div
        className="meter"
        role="meter"
        aria-label="Recording cache in use"
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={used}
        aria-valuetext={`${formatBytes(stats.recordingBytes)} of ${formatBytes(limit)}`}
      >
        <div className="meter__fill" style={{ width: `${Math.min(100, (used / limit) * 100)}%` }} />
      </div>
      <p className="cache-limit__usage">
        {formatBytes(stats.recordingBytes)} of {formatBytes(limit)} used
      </p>
      <label className="field__label" htmlFor={inputId}>
        Recording cache limit
      </label>
      <div className="cache-limit__row">
        <div className={`input-with-unit${shownError ? ' input-with-unit--invalid' : ''}`}>
          <input
            id={inputId}
            className="field__input"
            type="number"
            inputMode="decimal"
            min={0.1}
            step={0.5}
            value={value}
            onChange={(event) => {
              setValue(event.target.value)
              setSaved(false)
            }}
            aria-invalid={shownError ? true : undefined}
            aria-describedby={noteId}
            disabled={busy}
          />
          <span className="input-with-unit__unit" aria-hidden="true">
            GB
          </span>
        </div>
        <button type="submit" className="button button--secondary" disabled={busy || unchanged} aria-busy={busy}>
          {busy ? 'Saving…' : 'Save limit'}
        </button>
      </div>
      {shownError ? (
        <p id={noteId} className="field__error" role="alert">
          {shownError}
        </p>
      ) : (
        <p id={noteId} className="field__hint" role="status">
          {saved
            ? `Saved. Recordings beyond ${formatBytes(limit)} are removed, least recently played first.`
            : 'In gigabytes; at least 0.1 GB. When the cache is full, the least recently played recordings are removed first.'}
        </p>
      )}
    </form>
  )
}
