import { useId, useState } from 'react'
import type { AppErrorInfo } from '@shared/errors'
import type { ProfileSummary } from '@shared/ipc/contract/auth'
import { Modal } from './Modal'

interface SignOutDialogProps {
  profile: ProfileSummary
  busy: boolean
  error: AppErrorInfo | null
  onConfirm: (removeCachedData: boolean) => void
  onClose: () => void
}

/**
 * Sign out: the token is revoked and removed from the keychain; cached calls stay
 * unless the user also asks to remove them, so signing back in is instant.
 */
export function SignOutDialog({ profile, busy, error, onConfirm, onClose }: SignOutDialogProps): React.JSX.Element {
  const [removeCachedData, setRemoveCachedData] = useState(false)
  const hintId = useId()
  return (
    <Modal
      title="Sign out"
      onClose={onClose}
      description={
        <p>
          Sign out of <strong>{profile.name}</strong>? Call Review forgets this account’s sign-in on this computer.
        </p>
      }
      footer={
        <>
          <button type="button" className="button button--secondary" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="button button--danger" onClick={() => onConfirm(removeCachedData)} disabled={busy} aria-busy={busy}>
            {busy ? 'Signing out…' : 'Sign out'}
          </button>
        </>
      }
    >
      <label className="checkbox">
        <input
          type="checkbox"
          checked={removeCachedData}
          onChange={(event) => setRemoveCachedData(event.target.checked)}
          aria-describedby={hintId}
          disabled={busy}
        />
        <span>Also remove this account’s cached calls and recordings</span>
      </label>
      <p id={hintId} className="checkbox__hint">
        {removeCachedData
          ? 'Deletes this account’s cached calls and recordings from this computer. Its QA reviews, notes and saved filters stay.'
          : 'They stay on this computer, so signing in again is instant.'}
      </p>
      {error && (
        <div className="notice notice--danger" role="alert">
          <p className="notice__title">Couldn’t sign out</p>
          <p className="notice__body">{error.message}</p>
        </div>
      )}
    </Modal>
  )
}
