import { useId, useState } from 'react'
import { labelFor, resolveChoice, type ChoiceOption } from '@renderer/lib/choices'
import { TextField } from '../common/TextField'

interface NamePickerProps {
  label: string
  /** "campaign", "route": how errors name what is picked. */
  noun: string
  /** The chosen id, as the draft holds it ('' for none). */
  value: string
  options: readonly ChoiceOption[]
  /** The store's error for this field (e.g. from the query's checks). */
  error: string | undefined
  placeholder?: string
  onChange: (id: string) => void
}

/**
 * A typeahead over names (a text field with a list of suggestions): type part of a campaign's or
 * route's name and pick it; the filter gets its id. A name chosen from the list applies at once,
 * typed text on Enter or on leaving the field; an id typed as a number still works.
 */
export function NamePicker({ label, noun, value, options, error, placeholder, onChange }: NamePickerProps): React.JSX.Element {
  const listId = useId()
  const shown = labelFor(value, options)
  const [text, setText] = useState(shown)
  const [seen, setSeen] = useState(shown)
  const [ownError, setOwnError] = useState<string | null>(null)
  // A change from outside (clear filters, a saved view, the names arriving) replaces the text.
  if (shown !== seen) {
    setSeen(shown)
    setText(shown)
    setOwnError(null)
  }
  const commit = (typed: string): void => {
    const result = resolveChoice(typed, options, noun)
    if ('error' in result) {
      setOwnError(result.error)
      return
    }
    setOwnError(null)
    if (result.id !== value) onChange(result.id)
    else setText(labelFor(result.id, options))
  }
  return (
    <>
      <TextField
        label={label}
        value={text}
        onChange={(next) => {
          setText(next)
          setOwnError(null)
          // Picked from the suggestions: apply at once.
          if (options.some((o) => o.label === next)) commit(next)
        }}
        error={ownError ?? error}
        fieldClassName="filter-field"
        className="filter-input"
        placeholder={placeholder}
        autoComplete="off"
        spellCheck={false}
        list={listId}
        onBlur={() => commit(text)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(text)
        }}
      />
      <datalist id={listId}>
        {options.map((o) => (
          <option key={o.id} value={o.label} />
        ))}
      </datalist>
    </>
  )
}
