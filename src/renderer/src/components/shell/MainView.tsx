import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react'
import type { CallQueryInput } from '@shared/convirza/query'
import type { AuthState, ProfileSummary } from '@shared/ipc/contract'
import { useAuthStore } from '@renderer/stores/auth-store'
import { useFiltersStore } from '@renderer/stores/filters-store'
import { useLibraryStore } from '@renderer/stores/library-store'
import { SessionNotice } from '../auth/SessionNotice'
import { LazySignInScreen } from '../auth/LazySignInScreen'
import { CallsScreen } from '../calls/CallsScreen'
import { QaDamagedNotice } from '../qa/QaDamagedNotice'
import { LoadingDialog } from '../common/LoadingDialog'
import { SignOutDialog } from './SignOutDialog'
import { TopBar } from './TopBar'
import { useMenuCommands } from './use-menu-commands'
import { afterFirstList } from '@renderer/lib/first-list'

// Loaded on demand: the first screen does not need settings' code (docs/decisions/renderer-bundle-split.md).
const SettingsDialog = lazy(() => import('../settings/SettingsDialog').then((m) => ({ default: m.SettingsDialog })))

type Overlay = 'settings' | 'signOut' | 'addAccount' | null

/** Signed in: the top bar over the call screen, plus settings, sign out and "Add account". */
export function MainView({ auth }: { auth: AuthState & { activeProfile: ProfileSummary } }): React.JSX.Element {
  const { busy, error, failedAction, signOut, switchProfile, clearError } = useAuthStore()
  const sync = useLibraryStore((s) => s.sync)
  const applied = useFiltersStore((s) => s.applied)
  // "Make available offline" covers the list's filters; the sync pages through all of it itself.
  const offlineQuery = useMemo((): CallQueryInput | null => {
    if (!applied) return null
    const { limit: _limit, offset: _offset, ...query } = applied.query
    return query
  }, [applied])
  const [overlay, setOverlay] = useState<Overlay>(null)
  const profileId = auth.activeProfile.id

  // Each profile has its own library: forget the last one's numbers and pick up this one's job.
  useEffect(() => {
    const library = useLibraryStore.getState()
    library.reset()
    return afterFirstList(() => void library.loadSyncStatus())
  }, [profileId])

  const openSettings = useCallback(() => setOverlay('settings'), [])
  const openSignOut = useCallback(() => {
    clearError()
    setOverlay('signOut')
  }, [clearError])
  useMenuCommands({ onOpenSettings: openSettings, onSignOut: openSignOut })

  const close = (): void => {
    clearError()
    setOverlay(null)
  }

  if (overlay === 'addAccount') return <LazySignInScreen onCancel={close} onSignedIn={() => setOverlay(null)} />

  return (
    <div className="shell">
      <TopBar
        auth={auth}
        busy={busy !== null}
        sync={sync}
        onSwitchProfile={(id) => void switchProfile(id)}
        onAddAccount={() => {
          clearError()
          setOverlay('addAccount')
        }}
        onOpenSettings={() => setOverlay('settings')}
        onSignOut={() => {
          clearError()
          setOverlay('signOut')
        }}
      />
      {auth.notice && <SessionNotice text={auth.notice} />}
      <QaDamagedNotice key={`qa-${profileId}`} />
      {failedAction === 'switchProfile' && error && (
        <div className="shell__banner notice notice--danger" role="alert">
          <p className="notice__body">{error.message}</p>
          <button type="button" className="link-button" onClick={clearError}>
            Dismiss
          </button>
        </div>
      )}
      <div className="shell__content">
        {/* Keyed by profile: the call screen reads each account's own filters and library afresh. */}
        <CallsScreen key={profileId} />
      </div>
      {overlay === 'settings' && (
        <Suspense fallback={<LoadingDialog what="settings" />}>
          <SettingsDialog auth={auth} query={offlineQuery} onClose={close} />
        </Suspense>
      )}
      {overlay === 'signOut' && (
        <SignOutDialog
          profile={auth.activeProfile}
          busy={busy === 'signOut'}
          error={failedAction === 'signOut' ? error : null}
          onClose={close}
          onConfirm={(removeCachedData) =>
            void signOut({ removeCachedData }).then((ok) => {
              if (ok) setOverlay(null)
            })
          }
        />
      )}
    </div>
  )
}
