import '@renderer/lib/zod-jitless'
import { useEffect, useRef, useState } from 'react'
import { format } from 'date-fns'
import { MAX_SESSION_CALLS } from '@shared/ipc/contract/values'
import { formatCount } from '@renderer/lib/format'
import type { AppliedQuery } from '@renderer/lib/call-query'
import { SAMPLE_GROUPINGS } from '@shared/qa/sample'
import { FILTER_SESSION_CAP, SAMPLE_POOL_CAP, useQaStore } from '@renderer/stores/qa-store'
import { useCallsStore } from '@renderer/stores/calls-store'
import { Modal } from '../shell/Modal'
import { LengthLimitNote } from '../common/LengthLimit'

type CallSource = 'selection' | 'filter' | 'sample'

/** A fresh seed for a new sample; the field shows it, so the draw can be repeated. */
function randomSeed(): number {
  return Math.floor(Math.random() * 1_000_000)
}

/** How the sample's size reads when it is drawn per group of calls: "Calls to draw per agent". */
const SAMPLE_PER_LABEL = { agent: 'per agent', campaign: 'per campaign', group: 'per group' } as const
const capitalise = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1)

/**
 * Name the session, pick the scorecard and which calls to queue: the calls selected in the
 * list, when more than one is, or the first of the current filter (in the list's order, at
 * most FILTER_SESSION_CAP). Enter in any field starts it.
 */
export function StartSessionDialog({ applied, onClose }: { applied: AppliedQuery | null; onClose: () => void }): React.JSX.Element {
  const templates = useQaStore((s) => s.templates)
  const busy = useQaStore((s) => s.busy)
  const error = useQaStore((s) => s.error)
  const total = useCallsStore((s) => s.total)
  const selectedCount = useCallsStore((s) => s.selection.ids.size)
  // One selected call is enough for a session; the filter stays the default unless several are picked.
  const canUseSelection = selectedCount > 0
  const [source, setSource] = useState<CallSource>(selectedCount > 1 || !applied ? 'selection' : 'filter')
  const [name, setName] = useState(() => `QA ${format(new Date(), 'yyyy-MM-dd HH:mm')}`)
  const [templateId, setTemplateId] = useState(templates[0]?.id ?? '')
  const [limit, setLimit] = useState(String(Math.min(total ?? FILTER_SESSION_CAP, FILTER_SESSION_CAP)))
  const [tooMany, setTooMany] = useState(false)
  const [sampleSize, setSampleSize] = useState('10')
  const [samplePer, setSamplePer] = useState<(typeof SAMPLE_GROUPINGS)[number]>('none')
  const [seed, setSeed] = useState(() => String(randomSeed()))
  const [minDuration, setMinDuration] = useState('30')
  const [includeNoAnswer, setIncludeNoAnswer] = useState(false)
  const [requireRecording, setRequireRecording] = useState(true)
  const nameRef = useRef<HTMLInputElement>(null)
  // showModal() runs after this component mounts and moves focus to the close button: take it back.
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      nameRef.current?.focus()
      nameRef.current?.select()
    })
    return () => cancelAnimationFrame(frame)
  }, [])

  const submit = (event: React.FormEvent): void => {
    event.preventDefault()
    const options = { name: name.trim() || 'QA session', ...(templateId ? { templateId } : {}) }
    if (source === 'selection') {
      const callIds = useCallsStore.getState().selectedCallIds()
      setTooMany(callIds.length > MAX_SESSION_CALLS)
      if (callIds.length === 0 || callIds.length > MAX_SESSION_CALLS) return
      void useQaStore.getState().startFromCalls(callIds, options)
      return
    }
    if (source === 'sample') {
      if (!applied) return
      const sample = {
        size: Number(sampleSize),
        per: samplePer,
        seed: Number(seed),
        minDurationSeconds: Number(minDuration) || 0,
        includeNoAnswer,
        requireRecording
      }
      void useQaStore.getState().startSample(applied, { ...options, sample })
      return
    }
    const count = Number(limit)
    if (!applied || !Number.isFinite(count) || count < 1) return
    void useQaStore.getState().startFromFilter(applied, { ...options, limit: count })
  }

  const description =
    source === 'selection'
      ? selectedCount === 1
        ? 'The session queues the call selected in the list.'
        : `The session queues the ${formatCount(selectedCount)} calls selected in the list, in the list's order.`
      : source === 'sample'
        ? `The session queues a random sample of the current filter's calls (of the first ${formatCount(SAMPLE_POOL_CAP)}); the same seed draws the same sample again.`
        : "The session queues calls of the current filter in the list's order."
  return (
    <Modal title="Start a QA session" onClose={onClose} description={description}>
      <form className="qa-start" onSubmit={submit} aria-label="Start a QA session">
        <label className="field">
          <span className="field__label">Session name</span>
          <input className="field__input" type="text" value={name} ref={nameRef} onChange={(e) => setName(e.target.value)} maxLength={120} />
          <LengthLimitNote value={name} max={120} />
        </label>
        <label className="field">
          <span className="field__label">Scorecard</span>
          <select className="field__input" value={templateId} onChange={(e) => setTemplateId(e.target.value)}>
            {templates.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} (version {t.version})
              </option>
            ))}
          </select>
        </label>
        {canUseSelection && applied && (
          <fieldset className="qa-start__source">
            <legend className="field__label">Calls</legend>
            <label className="qa-start__choice">
              <input type="radio" name="qa-source" checked={source === 'selection'} onChange={() => setSource('selection')} />
              {selectedCount === 1 ? 'The selected call' : `The ${formatCount(selectedCount)} selected calls`}
            </label>
            <label className="qa-start__choice">
              <input type="radio" name="qa-source" checked={source !== 'selection'} onChange={() => setSource('filter')} />
              Calls of the current filter
            </label>
          </fieldset>
        )}
        {source === 'filter' && (
          <label className="field">
            <span className="field__label">Number of calls (at most {FILTER_SESSION_CAP})</span>
            <input
              className="field__input"
              type="number"
              required
              min={1}
              max={FILTER_SESSION_CAP}
              value={limit}
              onChange={(e) => setLimit(e.target.value)}
            />
          </label>
        )}
        {applied && source !== 'selection' && (
          <label className="qa-start__choice">
            <input type="checkbox" checked={source === 'sample'} onChange={(e) => setSource(e.target.checked ? 'sample' : 'filter')} /> A random
            sample of the current filter
          </label>
        )}
        {source === 'sample' && (
          <fieldset className="qa-start__source">
            <legend className="field__label">Sample</legend>
            <label className="field">
              <span className="field__label">Calls to draw{samplePer === 'none' ? '' : ` ${SAMPLE_PER_LABEL[samplePer]}`}</span>
              <input
                className="field__input"
                type="number"
                required
                min={1}
                max={MAX_SESSION_CALLS}
                value={sampleSize}
                onChange={(e) => setSampleSize(e.target.value)}
              />
            </label>
            <label className="field">
              <span className="field__label">Per</span>
              <select className="field__input" value={samplePer} onChange={(e) => setSamplePer(e.target.value as typeof samplePer)}>
                <option value="none">In all</option>
                <option value="agent">{capitalise(SAMPLE_PER_LABEL.agent)}</option>
                <option value="campaign">{capitalise(SAMPLE_PER_LABEL.campaign)}</option>
                <option value="group">{capitalise(SAMPLE_PER_LABEL.group)}</option>
              </select>
            </label>
            <label className="field">
              <span className="field__label">Seed (the same seed draws the same calls)</span>
              <input className="field__input" type="number" required min={0} value={seed} onChange={(e) => setSeed(e.target.value)} />
            </label>
            <label className="field">
              <span className="field__label">Shortest call, in seconds</span>
              <input className="field__input" type="number" min={0} value={minDuration} onChange={(e) => setMinDuration(e.target.value)} />
            </label>
            <label className="qa-start__choice">
              <input type="checkbox" checked={requireRecording} onChange={(e) => setRequireRecording(e.target.checked)} /> Only calls with a recording
            </label>
            <label className="qa-start__choice">
              <input type="checkbox" checked={includeNoAnswer} onChange={(e) => setIncludeNoAnswer(e.target.checked)} /> Include calls nobody answered
            </label>
          </fieldset>
        )}
        {tooMany && (
          <p className="notice notice--danger" role="alert">
            A session holds at most {formatCount(MAX_SESSION_CALLS)} calls; select fewer, then start again.
          </p>
        )}
        {error && (
          <p className="notice notice--danger" role="alert">
            {error.message}
          </p>
        )}
        <div className="qa-start__actions">
          <button type="button" className="button button--secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? 'Starting…' : 'Start session'}
          </button>
        </div>
      </form>
    </Modal>
  )
}
