import { TextField } from '../common/TextField'
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
  /** The id of a datalist of suggestions. */
  list?: string
}

/** A TextField for a filter: it commits after a pause (or on Enter / leaving it), with its error or hint under it. */
export function FilterTextField({ label, value, onCommit, error, hint, placeholder, inputMode, list }: FilterTextFieldProps): React.JSX.Element {
  const { text, setText, flush } = useDebouncedCommit(value, onCommit, 600)
  return (
    <TextField
      label={label}
      value={text}
      onChange={setText}
      error={error}
      {...(hint ? { hint } : {})}
      fieldClassName="filter-field"
      className="filter-input"
      placeholder={placeholder}
      inputMode={inputMode}
      {...(list ? { list } : {})}
      autoComplete="off"
      spellCheck={false}
      onBlur={flush}
      onKeyDown={(event) => {
        if (event.key === 'Enter') flush()
      }}
    />
  )
}
