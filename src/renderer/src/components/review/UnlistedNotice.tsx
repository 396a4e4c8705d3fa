import { formatFullTime } from '@renderer/lib/format'

/**
 * Said above the call when a sync found the server no longer lists it (deleted or merged on the
 * server): the library keeps the call and the reviewer's work on it, and says so rather than
 * dropping it silently (docs/decisions/offset-paging-is-checked.md, "Calls the server no longer lists").
 */
export function UnlistedNotice({ unlistedAt }: { unlistedAt: string | null | undefined }): React.JSX.Element | null {
  if (!unlistedAt) return null
  return (
    <p className="review-pane__unlisted" role="note">
      No longer listed by the server (noticed by the offline sync of {formatFullTime(unlistedAt)}): it was deleted or merged there. The library keeps
      this copy and your review of it.
    </p>
  )
}
