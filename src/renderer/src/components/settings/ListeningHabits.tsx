import { useEffect } from 'react'
import { useReviewLayoutStore } from '@renderer/stores/review-layout-store'

/** Settings ▸ Listening: habits of QA reviewers, each off until chosen. */
export function ListeningHabits(): React.JSX.Element {
  const pauseWhileNoting = useReviewLayoutStore((s) => s.pauseWhileNoting)
  const rewind = useReviewLayoutStore((s) => s.rewindOnResumeSec)
  const setHabits = useReviewLayoutStore((s) => s.setHabits)
  useEffect(() => {
    void useReviewLayoutStore.getState().loadPrefs()
  }, [])
  return (
    <section className="settings-section" aria-labelledby="settings-listening">
      <h3 id="settings-listening" className="settings-section__title">
        Listening
      </h3>
      <label className="settings-check">
        <input type="checkbox" checked={pauseWhileNoting} onChange={(event) => setHabits({ pauseWhileNoting: event.target.checked })} />{' '}
        <span className="settings-check__text">Pause while writing a note (playback resumes when the note is saved or cancelled)</span>
      </label>
      <label className="settings-check">
        <input type="checkbox" checked={rewind > 0} onChange={(event) => setHabits({ rewindOnResumeSec: event.target.checked ? 3 : 0 })} /> Rewind
        when playback resumes by
        <input
          type="number"
          className="field__input settings-check__number"
          aria-label="Seconds to rewind when playback resumes"
          min={1}
          max={30}
          value={rewind || 3}
          disabled={rewind === 0}
          onChange={(event) => {
            const value = Math.round(Number(event.target.value))
            if (Number.isFinite(value) && value >= 1 && value <= 30) setHabits({ rewindOnResumeSec: value })
          }}
        />{' '}
        seconds
      </label>
    </section>
  )
}
