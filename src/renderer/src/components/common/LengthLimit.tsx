/**
 * A field with `maxLength` stops taking characters at its limit, and a paste is cut there without
 * a word. Once the value reaches the limit this says so, so a long name or note is never cut
 * unnoticed.
 */

/** What a field at its limit says: "At most 120 characters: anything past that is not kept." */
export function lengthLimitText(value: string, max: number | undefined): string | undefined {
  if (max === undefined || max <= 0 || value.length < max) return undefined
  return `At most ${max.toLocaleString()} characters: anything past that is not kept.`
}

/** The note under a plain input or textarea with `maxLength`; nothing while the value is shorter. */
export function LengthLimitNote({ value, max, id }: { value: string; max: number; id?: string }): React.JSX.Element | null {
  const text = lengthLimitText(value, max)
  if (!text) return null
  return (
    <p id={id} className="field__hint field__hint--limit" role="status">
      {text}
    </p>
  )
}
