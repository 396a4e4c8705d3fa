import { useEffect } from 'react'
import { teamStatusLabel, useTeamStore } from '@renderer/stores/team-store'
import '@renderer/styles/team.css'
import { afterFirstList } from '@renderer/lib/first-list'

/** The team sync state in the top bar; nothing when the profile has no team. Opens Settings → Team. */
export function TeamStatusBadge({ onOpenSettings }: { onOpenSettings: () => void }): React.JSX.Element | null {
  const { status, load, watch } = useTeamStore()
  useEffect(() => {
    const stop = watch()
    const cancel = afterFirstList(() => void load())
    return () => {
      cancel()
      stop()
    }
  }, [load, watch])
  const label = teamStatusLabel(status)
  if (!label || !status) return null
  return (
    <button
      type="button"
      className={`team-chip team-chip--${status.state}`}
      onClick={onOpenSettings}
      title={status.message ?? status.member ?? label}
      data-testid="team-status"
    >
      <span className="team-chip__dot" aria-hidden="true" />
      <span className="team-chip__label" role="status">
        {label}
      </span>
    </button>
  )
}
