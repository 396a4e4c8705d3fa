/**
 * A field with `maxLength` cuts a long paste without a word; at its limit the field says so.
 * Rendered on the server, as the other component tests do.
 */
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { LengthLimitNote, lengthLimitText } from '@renderer/components/common/LengthLimit'
import { TextField } from '@renderer/components/common/TextField'

const noop = (): void => {}

describe('length limits', () => {
  it('says nothing below the limit and names the limit at it', () => {
    expect(lengthLimitText('x'.repeat(119), 120)).toBeUndefined()
    expect(lengthLimitText('x'.repeat(120), 120)).toBe('At most 120 characters: anything past that is not kept.')
    expect(lengthLimitText('x'.repeat(10_000), 10_000)).toMatch(/^At most 10,000 characters/)
    expect(lengthLimitText('x'.repeat(5), undefined)).toBeUndefined()
  })

  it('shows the note under a plain field only at the limit, announced politely', () => {
    expect(renderToStaticMarkup(createElement(LengthLimitNote, { value: 'short', max: 120 }))).toBe('')
    const html = renderToStaticMarkup(createElement(LengthLimitNote, { value: 'y'.repeat(120), max: 120 }))
    expect(html).toContain('role="status"')
    expect(html).toContain('At most 120 characters')
  })

  it('gives a TextField at its limit the note as its description, before any hint, after an error', () => {
    const at = renderToStaticMarkup(
      createElement(TextField, { label: 'Template name', value: 'z'.repeat(120), maxLength: 120, hint: 'A name reviewers see', onChange: noop })
    )
    expect(at).toContain('At most 120 characters')
    expect(at).not.toContain('A name reviewers see')
    expect(at).toMatch(/aria-describedby="[^"]+-note"/)
    const below = renderToStaticMarkup(
      createElement(TextField, { label: 'Template name', value: 'z', maxLength: 120, hint: 'A name reviewers see', onChange: noop })
    )
    expect(below).toContain('A name reviewers see')
    const invalid = renderToStaticMarkup(
      createElement(TextField, { label: 'Template name', value: 'z'.repeat(120), maxLength: 120, error: 'Taken', onChange: noop })
    )
    expect(invalid).toContain('Taken')
    expect(invalid).not.toContain('At most')
  })
})
