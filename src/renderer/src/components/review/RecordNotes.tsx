import type { CallRecord } from '@shared/convirza/schemas'

/**
 * The fields of this call the server sent in a form the app could not read: they were left
 * empty instead of dropping the call, and each says what came instead, so a reviewer knows why
 * a value is missing (see docs/decisions/offset-paging-is-checked.md).
 */
export function RecordNotes({ record }: { record: CallRecord }): React.JSX.Element | null {
  const notes = record.client_notes
  if (!notes?.length) return null
  return (
    <section className="review-section record-notes" aria-labelledby="record-notes-heading">
      <h3 id="record-notes-heading">Fields that could not be read</h3>
      <ul>
        {notes.map((note) => (
          <li key={note.field}>{note.message}</li>
        ))}
      </ul>
    </section>
  )
}
