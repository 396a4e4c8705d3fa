import type { AuthState, ProfileSummary, SyncProgress } from '@shared/ipc/contract'
import { BrandMark } from './BrandMark'
import { TeamStatusBadge } from '../team/TeamStatusBadge'
import { ProfileMenu } from './ProfileMenu'

interface TopBarProps {
  auth: AuthState & { activeProfile: ProfileSummary }
  busy: boolean
  sync: SyncProgress | null
  onSwitchProfile: (profileId: string) => void
  onAddAccount: () => void
  onOpenSettings: () => void
  onSignOut: () => void
}

/** The app bar: who is signed in (demo clearly marked), the account switcher, settings, sign out. */
export function TopBar({ auth, busy, sync, onSwitchProfile, onAddAccount, onOpenSettings, onSignOut }: TopBarProps): React.JSX.Element {
  const syncing = sync?.state === 'running'
  const syncTotal = sync ? sync.calls.total + sync.recordings.total : 0
  const syncPercent = sync && syncTotal > 0 ? Math.floor(((sync.calls.done + sync.recordings.done) / syncTotal) * 100) : null
  return (
    <header className="top-bar" role="banner">
      <div className="top-bar__brand">
        <BrandMark size={22} />
        <h1 className="top-bar__app-name">Call Review</h1>
      </div>
      {auth.activeProfile.demo && (
        <p className="top-bar__demo-note" role="note">
          Demo data — sample calls from the built-in demo server
        </p>
      )}
      <div className="top-bar__actions">
        {syncing && (
          <button type="button" className="sync-chip" onClick={onOpenSettings} aria-label="Making calls available offline: show progress">
            <span className="sync-chip__spinner" aria-hidden="true" />
            Offline {syncPercent === null ? '…' : `${syncPercent}%`}
          </button>
        )}
        <TeamStatusBadge onOpenSettings={onOpenSettings} />
        <ProfileMenu active={auth.activeProfile} profiles={auth.profiles} busy={busy} onSwitch={onSwitchProfile} onAddAccount={onAddAccount} />
        <button type="button" className="icon-button" aria-label="Settings" title="Settings" onClick={onOpenSettings}>
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true">
            <path
              d="M10 12.8a2.8 2.8 0 1 0 0-5.6 2.8 2.8 0 0 0 0 5.6Z M16.4 11.6l1.4 1.1-1.6 2.8-1.7-.6a6.6 6.6 0 0 1-1.8 1l-.3 1.8H9.2l-.3-1.8a6.6 6.6 0 0 1-1.8-1l-1.7.6-1.6-2.8 1.4-1.1a6.7 6.7 0 0 1 0-2.1L3.8 8.4l1.6-2.8 1.7.6a6.6 6.6 0 0 1 1.8-1l.3-1.8h3.2l.3 1.8a6.6 6.6 0 0 1 1.8 1l1.7-.6 1.6 2.8-1.4 1.1a6.7 6.7 0 0 1 0 2.1Z"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.4"
              strokeLinejoin="round"
            />
          </svg>
        </button>
        <button type="button" className="button button--ghost" onClick={onSignOut}>
          Sign out
        </button>
      </div>
    </header>
  )
}
