import { useId } from 'react'
import { useDebouncedCommit } from './use-debounced-commit'

interface FilterTextFieldProps {
  label: string
  value: string
  onCommit: (value: string) => void
  error: string | undefined
  /** Shown under the field when there is no error (e.g. the number as it will be searched). */
  hint?: string | undefined
  placeholder?: string
  inputMode?: React.HTMLAttributes<HTMLInputElement>['inputMode']
}

/** A labelled filter input that commits after a pause, with its error or hint under it. */
export function FilterTextField({ label, value, onCommit, error, hint, placeholder, inputMode }: FilterTextFieldProps): React.JSX.Element {
  const id = useId()
  const noteId = `${id}-note`
  const { text, setText, flush } = useDebouncedCommit(value, onCommit, 600)
  return (
    <div className={`field filter-field${error ? ' field--invalid' : ''}`}>
      <label className="field__label filter-field__label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        className="field__input filter-input"
        value={text}
        placeholder={placeholder}
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || hint ? noteId : undefined}
        onChange={(event) => setText(event.target.value)}
        onBlur={flush}
        onKeyDown={(event) => {
          if (event.key === 'Enter') flush()
        }}
      />
      {error ? (
        <p id={noteId} className="field__error">
          {error}
        </p>
      ) : (
        hint && (
          <p id={noteId} className="field__hint">
            {hint}
          </p>
        )
      )}
    </div>
  )
}
