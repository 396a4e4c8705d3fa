import { useEffect, useId, useState } from 'react'
import type { TeamConnectionSettings } from '@shared/ipc/contract'
import { TLS_MODES, teamHostProblem } from '@shared/ipc/contract/values'
import { call, errorInfo } from '@renderer/lib/api'
import { saveResult, teamStatusLabel, useTeamStore } from '@renderer/stores/team-store'
import '@renderer/styles/team.css'

const EMPTY: TeamConnectionSettings = { host: '', port: 5432, database: '', user: '', tlsMode: 'verify-full' }

const TLS_LABELS: Record<(typeof TLS_MODES)[number], string> = {
  'verify-full': 'verify-full (recommended)',
  'verify-ca': 'verify-ca',
  require: 'require (encrypted, certificate not checked)',
  disable: 'disable (this computer only)'
}

type Result = { ok: boolean; text: string } | null

/**
 * Settings → Team: the team database this profile syncs with. The password goes to main once
 * (Test, Save) and from there to the OS keychain; it is never read back into this page.
 */
export function TeamSettings(): React.JSX.Element {
  const id = useId()
  const status = useTeamStore((s) => s.status)
  const setStatus = useTeamStore((s) => s.set)
  const [form, setForm] = useState<TeamConnectionSettings>(EMPTY)
  const [portText, setPortText] = useState('5432')
  const [password, setPassword] = useState('')
  const [configured, setConfigured] = useState(false)
  const [passwordSaved, setPasswordSaved] = useState(false)
  const [busy, setBusy] = useState<null | 'test' | 'save' | 'disconnect'>(null)
  const [result, setResult] = useState<Result>(null)

  useEffect(() => {
    let live = true
    call('team:getSettings', {})
      .then((saved) => {
        if (!live || !saved.settings) return
        setForm(saved.settings)
        setPortText(String(saved.settings.port))
        setConfigured(true)
        setPasswordSaved(saved.passwordSaved)
      })
      .catch((error: unknown) => live && setResult({ ok: false, text: errorInfo(error).message }))
    return () => {
      live = false
    }
  }, [])

  const port = Number(portText)
  const portValid = Number.isInteger(port) && port >= 1 && port <= 65535
  const request = (): { settings: TeamConnectionSettings; password?: string } => ({
    settings: { ...form, port },
    ...(password ? { password } : {})
  })
  const run = async (action: 'test' | 'save' | 'disconnect'): Promise<void> => {
    setBusy(action)
    setResult(null)
    try {
      if (action === 'test') {
        setResult({ ok: true, text: (await call('team:test', request())).line })
      } else if (action === 'save') {
        const saved = await call('team:save', request())
        setStatus(saved)
        setConfigured(true)
        setPasswordSaved(true)
        setPassword('')
        setResult(saveResult(saved, password !== ''))
      } else {
        const { pendingKept } = await call('team:disconnect', {})
        setForm(EMPTY)
        setPortText('5432')
        setPassword('')
        setConfigured(false)
        setPasswordSaved(false)
        setResult({
          ok: true,
          text:
            pendingKept > 0
              ? `Disconnected. ${pendingKept === 1 ? '1 review with unsent changes stays' : `${pendingKept} reviews with unsent changes stay`} on this computer and are sent if you connect to the team again.`
              : 'Disconnected from the team.'
        })
      }
    } catch (error) {
      setResult({ ok: false, text: errorInfo(error).message })
    } finally {
      setBusy(null)
    }
  }

  const hostProblem = teamHostProblem(form.host)
  const complete = form.host.trim() && !hostProblem && form.database.trim() && form.user.trim() && portValid && (password || passwordSaved)
  // A pasted connection URL carries a password: the Host field says so without repeating it.
  const problem = (key: 'host' | 'database' | 'user'): string | null => (key === 'host' ? hostProblem : null)
  const field = (key: 'host' | 'database' | 'user', label: string, placeholder: string): React.JSX.Element => (
    <div className="field">
      <label className="field__label" htmlFor={`${id}-${key}`}>
        {label}
      </label>
      <input
        id={`${id}-${key}`}
        className="field__input"
        value={form[key]}
        placeholder={placeholder}
        maxLength={key === 'host' ? 253 : 63}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={problem(key) !== null}
        aria-describedby={problem(key) ? `${id}-${key}-problem` : undefined}
        onChange={(e) => setForm({ ...form, [key]: e.target.value })}
      />
      {problem(key) && (
        <p className="field__error" id={`${id}-${key}-problem`}>
          {problem(key)}
        </p>
      )}
    </div>
  )
  const line = teamStatusLabel(status)

  return (
    <form
      className="team-settings"
      aria-label="Team database"
      onSubmit={(e) => {
        e.preventDefault()
        void run('save')
      }}
    >
      <div className="team-settings__grid">
        {field('host', 'Host', 'db.example.com')}
        <div className="field">
          <label className="field__label" htmlFor={`${id}-port`}>
            Port
          </label>
          <input
            id={`${id}-port`}
            className="field__input"
            inputMode="numeric"
            value={portText}
            aria-invalid={!portValid}
            onChange={(e) => setPortText(e.target.value.replace(/\D/g, '').slice(0, 5))}
          />
        </div>
        {field('database', 'Database', 'callreview')}
        {field('user', 'User', 'dana_reyes')}
        <div className="field">
          <label className="field__label" htmlFor={`${id}-password`}>
            Password
          </label>
          <input
            id={`${id}-password`}
            className="field__input"
            type="password"
            value={password}
            maxLength={1024}
            autoComplete="off"
            placeholder={passwordSaved ? 'Saved in your keychain' : ''}
            onChange={(e) => setPassword(e.target.value)}
          />
        </div>
        <div className="field">
          <label className="field__label" htmlFor={`${id}-tls`}>
            TLS
          </label>
          <select
            id={`${id}-tls`}
            className="field__input"
            value={form.tlsMode}
            onChange={(e) => setForm({ ...form, tlsMode: e.target.value as TeamConnectionSettings['tlsMode'] })}
          >
            {TLS_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {TLS_LABELS[mode]}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="team-settings__actions">
        <button
          type="button"
          className="button button--secondary"
          disabled={!complete || busy !== null}
          aria-busy={busy === 'test'}
          onClick={() => void run('test')}
        >
          {busy === 'test' ? 'Testing…' : 'Test connection'}
        </button>
        <button type="submit" className="button button--primary" disabled={!complete || busy !== null} aria-busy={busy === 'save'}>
          {busy === 'save' ? 'Saving…' : 'Save'}
        </button>
        {configured && (
          <button type="button" className="button button--danger-outline" disabled={busy !== null} onClick={() => void run('disconnect')}>
            Disconnect
          </button>
        )}
      </div>
      {result &&
        (result.ok ? (
          <p className="team-settings__result" role="status" data-testid="team-result">
            {result.text}
          </p>
        ) : (
          <p className="field__error" role="alert" data-testid="team-result">
            {result.text}
          </p>
        ))}
      {configured && line && (
        <p className="field__hint" data-testid="team-sync-line">
          {line}
          {status?.member ? ` · ${status.member}` : ''}
        </p>
      )}
    </form>
  )
}
