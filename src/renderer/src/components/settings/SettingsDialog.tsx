import { useEffect } from 'react'
import type { CallQueryInput } from '@shared/convirza/query'
import type { AuthState } from '@shared/ipc/contract'
import { useAppStore } from '@renderer/stores/app-store'
import { useLibraryStore } from '@renderer/stores/library-store'
import { DemoBadge } from '../shell/DemoBadge'
import { TeamSettings } from '../team/TeamSettings'
import { Modal } from '../shell/Modal'
import { CacheLimitForm } from './CacheLimitForm'
import { ClearCachedData } from './ClearCachedData'
import { LibraryStatsList } from './LibraryStatsList'
import { ListeningHabits } from './ListeningHabits'
import { OfflineSync } from './OfflineSync'

interface SettingsDialogProps {
  auth: AuthState
  /** The call list's current query ("make available offline" covers it); null when there is none. */
  query: CallQueryInput | null
  onClose: () => void
}

/**
 * Settings as a side sheet: the account, the offline library (what is cached and how big, the
 * recording cache limit, clear), and "make available offline" for the current filters.
 */
export function SettingsDialog({ auth, query, onClose }: SettingsDialogProps): React.JSX.Element {
  const library = useLibraryStore()
  const { loadStats, loadSyncStatus, clearError } = library
  const version = useAppStore((s) => s.info?.version)
  const profile = auth.activeProfile

  useEffect(() => {
    clearError()
    void loadStats()
    void loadSyncStatus()
  }, [clearError, loadStats, loadSyncStatus])

  const errorFor = (...actions: string[]) => (library.error && actions.includes(library.error.action) ? library.error.info : null)
  const syncBusy = library.busy === 'startSync' || library.busy === 'cancelSync' ? library.busy : null

  return (
    <Modal title="Settings" variant="sheet" onClose={onClose}>
      {profile && (
        <section className="settings-section" aria-labelledby="settings-account">
          <h3 id="settings-account" className="settings-section__title">
            Account
          </h3>
          <div className="account-card">
            <div className="account-card__name">
              {profile.name} {profile.demo && <DemoBadge />}
            </div>
            <div className="account-card__detail">
              {profile.demo ? 'Sample data from the built-in demo server' : (profile.user?.email ?? profile.apiBaseUrl)}
            </div>
            <div className="account-card__detail">
              {profile.sessionOnly ? 'Signed in for this session only — nothing is saved on this computer.' : 'Sign-in kept in your system keychain.'}
            </div>
          </div>
        </section>
      )}

      <ListeningHabits />
      {profile && (
        <section className="settings-section" aria-labelledby="settings-team">
          <h3 id="settings-team" className="settings-section__title">
            Team
          </h3>
          <p className="settings-section__lead">
            Optional: share reviews with your team’s QA database. Without one, everything stays on this computer.
          </p>
          <TeamSettings />
        </section>
      )}

      <section className="settings-section" aria-labelledby="settings-library">
        <h3 id="settings-library" className="settings-section__title">
          Offline library
        </h3>
        {library.stats ? (
          <LibraryStatsList stats={library.stats} />
        ) : library.statsError ? (
          <div className="notice notice--danger" role="alert">
            <p className="notice__title">Couldn’t read the library</p>
            <p className="notice__body">{library.statsError.message}</p>
            <button type="button" className="button button--secondary" onClick={() => void loadStats()}>
              Try again
            </button>
          </div>
        ) : (
          <p className="settings-section__loading" role="status">
            Reading the library…
          </p>
        )}
      </section>

      <section className="settings-section" aria-labelledby="settings-offline">
        <h3 id="settings-offline" className="settings-section__title">
          Make available offline
        </h3>
        <p className="settings-section__lead">
          Download every call that matches the call list’s filters, with its recording, so you can review them without a connection.
        </p>
        <OfflineSync
          query={query}
          progress={library.sync}
          busy={syncBusy}
          error={errorFor('startSync', 'cancelSync')}
          onStart={library.startSync}
          onCancel={library.cancelSync}
        />
      </section>

      {library.stats && (
        <section className="settings-section" aria-labelledby="settings-cache">
          <h3 id="settings-cache" className="settings-section__title">
            Recording cache
          </h3>
          <CacheLimitForm
            stats={library.stats}
            busy={library.busy === 'setCacheLimit'}
            error={errorFor('setCacheLimit')}
            onSave={library.setCacheLimit}
          />
        </section>
      )}

      <section className="settings-section" aria-labelledby="settings-clear">
        <h3 id="settings-clear" className="settings-section__title">
          Cached data
        </h3>
        <ClearCachedData
          profileName={profile?.name ?? 'this account'}
          stats={library.stats}
          busy={library.busy === 'clear'}
          syncRunning={library.sync?.state === 'running'}
          error={errorFor('clear')}
          onClear={library.clear}
        />
      </section>

      {version && <p className="settings-about">Call Review {version}</p>}
    </Modal>
  )
}
