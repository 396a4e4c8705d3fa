import { useId } from 'react'
import { lengthLimitText } from './LengthLimit'

interface TextFieldProps extends Omit<React.InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> {
  label: string
  value: string
  onChange: (value: string) => void
  /** Shown under the field while there is no error. */
  hint?: string
  /** The field's problem, shown inline and announced with the field. */
  error?: string | undefined
  /** Extra classes for the wrapper (the input's own go in `className`). */
  fieldClassName?: string
}

/** A labelled input with its hint and inline error wired for assistive technology. */
export function TextField({ label, value, onChange, hint, error, id, className, fieldClassName, ...input }: TextFieldProps): React.JSX.Element {
  const generatedId = useId()
  const inputId = id ?? generatedId
  const noteId = `${inputId}-note`
  const shownHint = lengthLimitText(value, input.maxLength) ?? hint
  return (
    <div className={`field${fieldClassName ? ` ${fieldClassName}` : ''}${error ? ' field--invalid' : ''}`}>
      <label className="field__label" htmlFor={inputId}>
        {label}
      </label>
      <input
        {...input}
        id={inputId}
        className={className ? `field__input ${className}` : 'field__input'}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error || shownHint ? noteId : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {error ? (
        <p id={noteId} className="field__error">
          {error}
        </p>
      ) : (
        shownHint && (
          <p id={noteId} className="field__hint">
            {shownHint}
          </p>
        )
      )}
    </div>
  )
}
